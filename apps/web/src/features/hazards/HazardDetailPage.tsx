// One hazard: what, where (the place as written and the phone's position, without a map), who
// reported it and when, its photos (as reported and of the fix), its timeline, and the actions
// the server says the viewer may take now: 分派, 整改, 验收 (never by the one who fixed it), 退回,
// 不予受理 and 转为紧急上报.
import { AlertOutlined, ArrowLeftOutlined, CheckOutlined, CloseCircleOutlined, RollbackOutlined, ToolOutlined, UserAddOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Result, Skeleton, Space, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.ts';
import { useCan } from '../../auth/session.ts';
import { Coordinates } from '../../components/PlaceField.tsx';
import { ReasonDialog } from '../../components/ReasonDialog.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { useRecordAction } from '../../lib/useRecordAction.ts';
import { PhotoStrip } from '../alarms/AlarmThumbs.tsx';
import { NoteDialog } from '../alarms/NoteDialog.tsx';
import { AssignDialog, FixDialog } from './HazardDialogs.tsx';
import { HazardCategoryTag, HazardStatusTag, OverdueTag } from './HazardTags.tsx';
import { assignHazard, fixHazard, hazardKey, raiseHazard, rejectHazard, reopenHazard, useHazard, useInvalidateHazards, verifyHazard } from './hooks.ts';
import { STATUS_COLOR } from './labels.ts';
import type { HazardDetail, HazardEvent } from './types.ts';

type Dialog = 'assign' | 'fix' | 'verify' | 'reopen' | 'reject' | 'raise' | null;

const EVENT_COLOR: Record<string, string> = { report: 'red', assign: 'orange', fix: 'blue', verify: 'green', reopen: 'volcano', reject: 'gray', raise: 'purple' };

function TimelineList({ events }: { events: HazardEvent[] }) {
  const { t } = useTranslation();
  if (!events.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Timeline
      data-testid="hazard-timeline"
      items={[...events].reverse().map((e) => ({
        key: e.id,
        color: EVENT_COLOR[e.action] ?? 'gray',
        content: (
          <div data-testid="hazard-timeline-entry" data-action={e.action}>
            <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineEnd: 8 }}>{formatDateTime(e.at)}</Typography.Text>
            <span>{t(`hazards.event.${e.action}`, { actor: e.actor ?? t('hazards.publicReporter') })}</span>
            {e.note && <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', color: 'rgba(0,0,0,0.65)' }}>{e.note}</div>}
          </div>
        ),
      }))}
    />
  );
}

export default function HazardDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const invalidate = useInvalidateHazards();
  const id = Number(useParams().id);
  const { data: h, error } = useHazard(id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const run = useRecordAction<HazardDetail>(hazardKey(id), invalidate, () => setDialog(null));

  if (!(id > 0) || (error instanceof ApiError && error.status === 404)) return <Result status="404" title={t('errors.notFoundTitle')} subTitle={t('hazards.detail.notFound')} data-testid="hazard-not-found" />;
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  if (!h) return <Skeleton active />;

  const back = can('hazard.read') ? '/hazards' : '/hazards/mine';
  const reportPhotos = h.photos.filter((p) => p.stage === 'report');
  const fixPhotos = h.photos.filter((p) => p.stage === 'fix');
  const actionButtons = [
    h.actions.includes('assign') && <Button key="assign" type="primary" size="large" icon={<UserAddOutlined />} onClick={() => setDialog('assign')} data-testid="hazard-assign">{t(h.assignee ? 'hazards.action.reassign' : 'hazards.action.assign')}</Button>,
    h.actions.includes('fix') && <Button key="fix" type="primary" size="large" icon={<ToolOutlined />} onClick={() => setDialog('fix')} data-testid="hazard-fix">{t('hazards.action.fix')}</Button>,
    h.actions.includes('verify') && <Button key="verify" type="primary" size="large" icon={<CheckOutlined />} onClick={() => setDialog('verify')} data-testid="hazard-verify">{t('hazards.action.verify')}</Button>,
    h.actions.includes('reopen') && <Button key="reopen" size="large" icon={<RollbackOutlined />} onClick={() => setDialog('reopen')} data-testid="hazard-reopen">{t('hazards.action.reopen')}</Button>,
    h.actions.includes('reject') && <Button key="reject" size="large" icon={<CloseCircleOutlined />} onClick={() => setDialog('reject')} data-testid="hazard-reject">{t('hazards.action.reject')}</Button>,
    h.canRaise && <Button key="raise" danger size="large" icon={<AlertOutlined />} onClick={() => setDialog('raise')} data-testid="hazard-raise">{t('hazards.action.raise')}</Button>,
  ].filter(Boolean);
  const fixedByMe = h.status === 'fixed' && !h.actions.includes('verify') && can('hazard.triage');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 820, margin: '0 auto', display: 'flex' }} data-testid="hazard-detail-page">
      <Link to={back}>
        <ArrowLeftOutlined /> {t(can('hazard.read') ? 'hazards.list.title' : 'hazards.mine.title')}
      </Link>
      <Card
        style={{ borderTop: `4px solid ${h.overdue ? '#cf1322' : STATUS_COLOR[h.status] === 'green' ? '#52c41a' : '#fa8c16'}` }}
        title={
          <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap', whiteSpace: 'normal' }}>
            <HazardCategoryTag category={h.category} />
            <span style={{ fontSize: 17 }} data-testid="hazard-place">{h.place || t('placeField.coordsOnly')}</span>
          </div>
        }
        extra={<Space size={4}><OverdueTag overdue={h.overdue} /><HazardStatusTag status={h.status} /></Space>}
      >
        {/* Resident-supplied text is rendered as text, never as markup. */}
        <Typography.Paragraph style={{ fontSize: 16, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="hazard-description">
          {h.description}
        </Typography.Paragraph>
        {reportPhotos.length > 0 && <div style={{ marginBottom: 16 }}><PhotoStrip photos={reportPhotos} size={isPhone ? 96 : 120} max={6} /></div>}
        <Descriptions size="small" column={isPhone ? 1 : 2} bordered={!isPhone} styles={{ label: { whiteSpace: 'nowrap' } }}>
          <Descriptions.Item label={t('hazards.field.unit')}>{h.unitName}</Descriptions.Item>
          <Descriptions.Item label={t('hazards.field.reporter')}>
            {h.reporter.name ?? t('hazards.publicReporter')}
            {h.source === 'open311' && <Typography.Text type="secondary"> · {t('hazards.detail.open311')}</Typography.Text>}
            {(h.reporter.phone || h.reporter.email) && <Typography.Text type="secondary" style={{ display: 'block' }} data-testid="hazard-contact">{[h.reporter.phone, h.reporter.email].filter(Boolean).join(' · ')}</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label={t('hazards.field.reportedAt')}>{formatDateTime(h.reportedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('hazards.field.dueAt')}><span style={{ color: h.overdue ? '#cf1322' : undefined, fontWeight: h.overdue ? 600 : undefined }} data-testid="hazard-due-at">{formatDateTime(h.dueAt)}</span></Descriptions.Item>
          <Descriptions.Item label={t('hazards.field.coords')}>
            <Coordinates latitude={h.latitude} longitude={h.longitude} testId="hazard-detail-coords" />
          </Descriptions.Item>
          <Descriptions.Item label={t('hazards.field.assignee')}>{h.assignee?.name ?? '—'}</Descriptions.Item>
          {h.fixedAt && <Descriptions.Item label={t('hazards.field.fixedBy')}>{h.fixedBy?.name} · {formatDateTime(h.fixedAt)}</Descriptions.Item>}
          {h.fixNote && <Descriptions.Item label={t('hazards.field.fixNote')} span={isPhone ? 1 : 2}><span style={{ whiteSpace: 'pre-wrap' }}>{h.fixNote}</span></Descriptions.Item>}
          {h.verifiedBy && <Descriptions.Item label={t('hazards.field.verifiedBy')}>{h.verifiedBy.name}</Descriptions.Item>}
          {h.closeReason && <Descriptions.Item label={t(h.status === 'rejected' ? 'hazards.field.rejectReason' : 'hazards.field.reopenReason')} span={isPhone ? 1 : 2}><span style={{ whiteSpace: 'pre-wrap' }}>{h.closeReason}</span></Descriptions.Item>}
          {h.alarmId && (
            <Descriptions.Item label={t('hazards.field.alarm')} span={isPhone ? 1 : 2}>
              <Link to={`/alarms/${h.alarmId}`} data-testid="hazard-alarm-link">{t('hazards.detail.toAlarm')}</Link>
            </Descriptions.Item>
          )}
        </Descriptions>
        {fixPhotos.length > 0 && (
          <div style={{ marginTop: 16 }}>
            <Typography.Text strong>{t('hazards.detail.fixPhotos')}</Typography.Text>
            <PhotoStrip photos={fixPhotos} size={isPhone ? 96 : 120} max={6} />
          </div>
        )}
      </Card>
      {actionButtons.length > 0 && (
        <Card size="small" title={t('hazards.action.title')}>
          <div style={{ display: 'grid', gridTemplateColumns: isPhone ? '1fr' : 'repeat(3, minmax(0, 1fr))', gap: 8 }}>{actionButtons}</div>
        </Card>
      )}
      {fixedByMe && <Alert type="info" showIcon title={t('hazards.detail.secondPerson')} data-testid="hazard-second-person" />}
      <Card size="small" title={t('hazards.detail.timeline')}>
        <TimelineList events={h.timeline} />
      </Card>
      <AssignDialog hazard={h} open={dialog === 'assign'} onClose={() => setDialog(null)} onSubmit={(v) => run(() => assignHazard(id, v), 'hazards.action.assigned')} />
      <FixDialog hazard={h} open={dialog === 'fix'} onClose={() => setDialog(null)} onSubmit={(note) => run(() => fixHazard(id, note), 'hazards.action.fixed')} />
      <NoteDialog
        open={dialog === 'verify'}
        title={t('hazards.action.verifyTitle')}
        label={t('hazards.field.note')}
        hint={t('hazards.action.noteOptional')}
        okText={t('hazards.action.verify')}
        testId="hazard-verify"
        onClose={() => setDialog(null)}
        onSubmit={(note) => run(() => verifyHazard(id, note), 'hazards.action.verified')}
      />
      <NoteDialog
        open={dialog === 'raise'}
        title={t('hazards.action.raiseTitle')}
        label={t('hazards.field.note')}
        hint={t('hazards.action.noteOptional')}
        okText={t('hazards.action.raise')}
        danger
        testId="hazard-raise"
        onClose={() => setDialog(null)}
        onSubmit={async (note) => {
          const { alarmId } = await raiseHazard(id, note);
          setDialog(null);
          void invalidate();
          void qc.invalidateQueries({ queryKey: ['alarms'] });
          message.success(t('hazards.action.raised'));
          navigate(`/alarms/${alarmId}`);
        }}
      />
      <ReasonDialog
        open={dialog === 'reopen'}
        title={t('hazards.action.reopenTitle')}
        label={t('hazards.field.reopenReason')}
        okText={t('hazards.action.reopen')}
        requiredMessage={t('hazards.action.reasonRequired')}
        testIdPrefix="hazard-reopen"
        onCancel={() => setDialog(null)}
        onSubmit={(reason) => run(() => reopenHazard(id, reason), 'hazards.action.reopened')}
      />
      <ReasonDialog
        open={dialog === 'reject'}
        title={t('hazards.action.rejectTitle')}
        label={t('hazards.field.rejectReason')}
        okText={t('hazards.action.reject')}
        danger
        requiredMessage={t('hazards.action.reasonRequired')}
        testIdPrefix="hazard-reject"
        onCancel={() => setDialog(null)}
        onSubmit={(reason) => run(() => rejectHazard(id, reason), 'hazards.action.rejected')}
      />
    </Space>
  );
}
