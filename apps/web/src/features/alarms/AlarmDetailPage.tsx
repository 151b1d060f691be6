// One alarm: what, where (with the phone's position when it was given), who and when, its photos,
// and for the duty officer who answers for the unit: 处置 (take it up), 办结 (close it) or 转为预警
// (turn it into a warning). The raiser sees their own alarm here too, whatever their role.
import { AlertOutlined, ArrowLeftOutlined, CheckOutlined, ToolOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Result, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.ts';
import { useCan } from '../../auth/session.ts';
import { Coordinates } from '../../components/PlaceField.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { useRecordAction } from '../../lib/useRecordAction.ts';
import { useHazardLabels } from '../hazards/labels.ts';
import { AlarmKindTag, AlarmStatusTag } from './AlarmTags.tsx';
import { PhotoStrip } from './AlarmThumbs.tsx';
import { alarmKey, closeAlarm, handleAlarm, useAlarm, useInvalidateAlarms } from './hooks.ts';
import { NoteDialog } from './NoteDialog.tsx';
import { PromoteDialog } from './PromoteDialog.tsx';
import type { AlarmDetail } from './types.ts';

type Dialog = 'handle' | 'close' | 'promote' | null;

export default function AlarmDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const invalidate = useInvalidateAlarms();
  const hazardLabels = useHazardLabels();
  const id = Number(useParams().id);
  const { data: a, error } = useAlarm(id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const run = useRecordAction<AlarmDetail>(alarmKey(id), invalidate, () => setDialog(null));

  if (!(id > 0) || (error instanceof ApiError && error.status === 404))
    return <Result status="404" title={t('errors.notFoundTitle')} subTitle={t('alarms.detail.notFound')} data-testid="alarm-not-found" />;
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  if (!a) return <Skeleton active />;

  const back = can('warning.read') ? '/alarms' : '/alarms/mine';
  const active = a.status === 'open' || a.status === 'handling';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 820, margin: '0 auto', display: 'flex' }} data-testid="alarm-detail-page">
      <Link to={back}>
        <ArrowLeftOutlined /> {t(can('warning.read') ? 'alarms.list.title' : 'alarms.mine.title')}
      </Link>
      <Card
        style={{ borderTop: `4px solid ${a.status === 'open' ? '#d9001b' : a.status === 'handling' ? '#fa8c16' : '#d9d9d9'}` }}
        title={
          <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap', whiteSpace: 'normal' }}>
            <AlarmKindTag kind={a.kind} />
            <span style={{ fontSize: 17 }}>{a.place || t('placeField.coordsOnly')}</span>
          </div>
        }
        extra={<AlarmStatusTag status={a.status} />}
      >
        <Typography.Paragraph style={{ fontSize: 16, whiteSpace: 'pre-wrap' }} data-testid="alarm-description">
          {a.description}
        </Typography.Paragraph>
        {a.photos.length > 0 && (
          <div style={{ marginBottom: 16 }}>
            <PhotoStrip photos={a.photos} size={isPhone ? 96 : 120} max={6} />
          </div>
        )}
        <Descriptions size="small" column={isPhone ? 1 : 2} bordered={!isPhone} styles={{ label: { whiteSpace: 'nowrap' } }}>
          <Descriptions.Item label={t('alarms.field.unit')}>{a.unitName}</Descriptions.Item>
          <Descriptions.Item label={t('alarms.field.raiser')}>{a.raisedBy.name}</Descriptions.Item>
          <Descriptions.Item label={t('alarms.field.raisedAt')}>{formatDateTime(a.raisedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('alarms.field.coords')}>
            <Coordinates latitude={a.latitude} longitude={a.longitude} testId="alarm-detail-coords" />
          </Descriptions.Item>
          {a.handledBy && <Descriptions.Item label={t('alarms.field.handledBy')}>{a.handledBy}</Descriptions.Item>}
          {a.handledAt && <Descriptions.Item label={t('alarms.field.handledAt')}>{formatDateTime(a.handledAt)}</Descriptions.Item>}
          {a.note && (
            <Descriptions.Item label={t('alarms.field.note')} span={isPhone ? 1 : 2}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{a.note}</span>
            </Descriptions.Item>
          )}
          {a.hazard && (
            <Descriptions.Item label={t('alarms.field.hazard')} span={isPhone ? 1 : 2}>
              <Link to={`/hazards/${a.hazard.id}`} data-testid="alarm-hazard-link">
                {t('alarms.detail.toHazard', { category: a.hazard.category ? hazardLabels.category(a.hazard.category) : `#${a.hazard.id}` })}
              </Link>
            </Descriptions.Item>
          )}
          {a.warningId && (
            <Descriptions.Item label={t('alarms.field.warning')} span={isPhone ? 1 : 2}>
              <Link to={`/warnings/${a.warningId}`} data-testid="alarm-warning-link">
                {t('alarms.detail.toWarning')}
              </Link>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {a.canHandle && active && (
        <Card size="small" title={t('alarms.action.title')}>
          <div style={{ display: 'grid', gridTemplateColumns: isPhone ? '1fr' : 'repeat(3, minmax(0, 1fr))', gap: 8 }}>
            {a.status === 'open' && (
              <Button type="primary" size="large" icon={<ToolOutlined />} onClick={() => setDialog('handle')} data-testid="alarm-handle">
                {t('alarms.action.handle')}
              </Button>
            )}
            <Button size="large" icon={<CheckOutlined />} onClick={() => setDialog('close')} data-testid="alarm-close">
              {t('alarms.action.close')}
            </Button>
            <Button size="large" danger icon={<AlertOutlined />} onClick={() => setDialog('promote')} data-testid="alarm-promote">
              {t('alarms.action.promote')}
            </Button>
          </div>
        </Card>
      )}
      <NoteDialog
        open={dialog === 'handle' || dialog === 'close'}
        title={t(dialog === 'close' ? 'alarms.action.closeTitle' : 'alarms.action.handleTitle')}
        label={t('alarms.field.note')}
        hint={t('alarms.action.noteOptional')}
        testId={dialog === 'close' ? 'alarm-close' : 'alarm-handle'}
        okText={t(dialog === 'close' ? 'alarms.action.close' : 'alarms.action.handle')}
        initial={a.note ?? ''}
        onClose={() => setDialog(null)}
        onSubmit={(note) => (dialog === 'close' ? run(() => closeAlarm(id, note), 'alarms.action.closed') : run(() => handleAlarm(id, note), 'alarms.action.handled'))}
      />
      <PromoteDialog
        alarm={a}
        open={dialog === 'promote'}
        onClose={() => setDialog(null)}
        onDone={(warningId) => {
          setDialog(null);
          void invalidate();
          void qc.invalidateQueries({ queryKey: ['warnings'] });
          message.success(t('alarms.promote.done'));
          navigate(`/warnings/${warningId}`);
        }}
      />
    </Space>
  );
}
