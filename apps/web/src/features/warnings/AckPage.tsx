// 签收: the page a notification opens, made for a village secretary's phone. The warning's level in
// its colour, what is happening and what to do, and one big button per unit the user answers for.
// Someone with nothing to acknowledge reads the warning and may open its dashboard.
import { CheckCircleFilled, DashboardOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.ts';
import { useLabels } from '../../api/labels.ts';
import { useCan } from '../../auth/session.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { levelColor } from './format.ts';
import { acknowledge, useInvalidateWarnings, useWarning, warningKey } from './hooks.ts';
import { useWarningLabels } from './LevelTag.tsx';
import type { MyUnit, WarningDetail } from './types.ts';

function Banner({ w }: { w: WarningDetail }) {
  const { t } = useTranslation();
  const { level, hazard, status } = useWarningLabels();
  const c = levelColor(w.level);
  return (
    <div data-testid="ack-banner" style={{ background: c.bg, color: c.fg, borderRadius: 8, padding: '14px 16px' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap', fontSize: 13, opacity: 0.95 }}>
        <span>
          {hazard(w.hazard)} · {level(w.level, true)}
        </span>
        <span>
          {w.exercise && (
            <Tag color="purple" style={{ marginInlineEnd: 6 }} data-testid="exercise-tag">
              {t('warnings.exercise')}
            </Tag>
          )}
          {w.status !== 'active' && <Tag style={{ marginInlineEnd: 0 }}>{status(w.status)}</Tag>}
        </span>
      </div>
      <div style={{ fontSize: 22, fontWeight: 700, lineHeight: 1.3, marginTop: 4, wordBreak: 'break-word' }} data-testid="ack-headline">
        {w.headline}
      </div>
      <div style={{ fontSize: 12, marginTop: 6, opacity: 0.9 }}>{t('warnings.dashboard.issuedBy', { unit: w.unitName, at: formatDateTime(w.issuedAt) })}</div>
    </div>
  );
}

function UnitAck({ w, u }: { w: WarningDetail; u: MyUnit }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { label } = useLabels();
  const qc = useQueryClient();
  const invalidate = useInvalidateWarnings();
  const [busy, setBusy] = useState(false);
  const done = !!u.acknowledgedAt;
  const canAck = w.status === 'active';

  async function ack() {
    setBusy(true);
    try {
      const r = await acknowledge(w.id, u.unitId);
      qc.setQueryData<WarningDetail>(warningKey(w.id), (old) =>
        old ? { ...old, myUnits: old.myUnits.map((m) => (m.unitId === u.unitId ? { ...m, acknowledgedAt: r.acknowledgedAt, overdue: false } : m)) } : old,
      );
      message.success(t(r.already ? 'warnings.ack.already' : 'warnings.ack.done', { unit: u.name }));
      void invalidate();
    } catch (e) {
      message.error(errorMessage(e));
      if (e instanceof ApiError && e.status === 409) void invalidate();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card
      size="small"
      data-testid="ack-unit"
      data-unit={u.unitId}
      style={{ borderColor: !done && u.overdue ? '#d9001b' : undefined, borderWidth: !done && u.overdue ? 2 : 1, background: done ? '#f6ffed' : !done && u.overdue ? '#fff1f0' : undefined }}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, marginBottom: done ? 0 : 10 }}>
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {u.name}
          </Typography.Text>{' '}
          <Tag style={{ marginInlineEnd: 0 }}>{label('unitKind', u.kind)}</Tag>
        </div>
        {!done && u.overdue && (
          <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="ack-overdue">
            {t('warnings.ack.overdue')}
          </Tag>
        )}
      </div>
      {done ? (
        <Typography.Text style={{ color: '#389e0d', fontSize: 16 }} data-testid="ack-done">
          <CheckCircleFilled /> {t('warnings.ack.doneAt', { time: dayjs(u.acknowledgedAt).format(dayjs(u.acknowledgedAt).isSame(dayjs(), 'day') ? 'HH:mm' : 'MM-DD HH:mm') })}
        </Typography.Text>
      ) : canAck ? (
        <Button type="primary" danger={u.overdue} block size="large" loading={busy} onClick={ack} style={{ height: 56, fontSize: 20, fontWeight: 600 }} data-testid="ack-button">
          {t('warnings.ack.button')}
        </Button>
      ) : (
        <Typography.Text type="secondary">{t('warnings.ack.closed')}</Typography.Text>
      )}
      {!done && (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 6 }}>
          {t('warnings.ack.notifiedAt', { at: formatDateTime(u.notifiedAt) })}
        </Typography.Text>
      )}
    </Card>
  );
}

export default function AckPage() {
  const { t } = useTranslation();
  const can = useCan();
  const id = Number(useParams().id);
  const { data: w, error } = useWarning(id);

  if (!(id > 0) || (error instanceof ApiError && error.status === 404))
    return <Result status="404" title={t('errors.notFoundTitle')} subTitle={t('warnings.dashboard.notFound')} />;
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  if (!w) return <Skeleton active />;
  const pending = w.myUnits.filter((u) => !u.acknowledgedAt).length;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%', maxWidth: 640, margin: '0 auto', display: 'flex' }} data-testid="warning-ack-page">
      <Banner w={w} />
      {w.status !== 'active' && <Alert type="info" showIcon title={t(`warnings.ack.inactive.${w.status}`)} />}
      {w.myUnits.length > 0 ? (
        <>
          <Typography.Text strong style={{ fontSize: 15 }}>
            {pending > 0 ? t('warnings.ack.pendingTitle', { count: pending }) : t('warnings.ack.allDone')}
          </Typography.Text>
          {w.myUnits.map((u) => (
            <UnitAck key={u.unitId} w={w} u={u} />
          ))}
        </>
      ) : (
        <Alert type="info" showIcon title={t(can('warning.ack') ? 'warnings.ack.nothingToAck' : 'warnings.ack.readOnly')} data-testid="ack-nothing" />
      )}
      <Card size="small" title={t('warnings.field.description')}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0, fontSize: 15 }} data-testid="ack-description">
          {w.description}
        </Typography.Paragraph>
      </Card>
      {w.instruction && (
        <Card size="small" title={t('warnings.field.instruction')} style={{ borderColor: levelColor(w.level).bg }}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0, fontSize: 15 }} data-testid="ack-instruction">
            {w.instruction}
          </Typography.Paragraph>
        </Card>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('warnings.field.effectiveAt')}
        {t('common.colon')}
        {formatDateTime(w.effectiveAt)}
        {w.expiresAt ? ` · ${t('warnings.field.expiresAt')}${t('common.colon')}${formatDateTime(w.expiresAt)}` : ''}
      </Typography.Text>
      <Link to={`/warnings/${w.id}`}>
        <Button block icon={<DashboardOutlined />} data-testid="ack-to-dashboard">
          {t('warnings.ack.toDashboard')}
        </Button>
      </Link>
    </Space>
  );
}
