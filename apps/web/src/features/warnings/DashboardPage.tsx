// The command screen of one warning (指挥大屏): how far it has reached — acknowledgement by level of
// the tree, the units overdue, evacuation and shelters, open alarms — and everything that happened,
// all kept live by the server-sent event stream. Whoever may issue for the issuing unit updates
// (更新) or cancels (解除) it here.
import { ArrowLeftOutlined, CheckCircleOutlined, DownloadOutlined, EditOutlined, FileExcelOutlined, FilePdfOutlined, StopOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Col, Descriptions, Empty, List, Progress, Result, Row, Skeleton, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.ts';
import { useLabels } from '../../api/labels.ts';
import { ReasonDialog } from '../../components/ReasonDialog.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { formatDuration, levelColor, minutesSince } from './format.ts';
import { cancelWarning, useDashboard, useInvalidateWarnings, useTimeline, useWarning } from './hooks.ts';
import { ExerciseTag, LevelTag, StatusTag, useWarningLabels } from './LevelTag.tsx';
import type { DashboardFigures, OverdueUnit, WarningDetail } from './types.ts';
import { UpdateDialog } from './UpdateDialog.tsx';
import { useWarningStream } from './useWarningStream.ts';
import { WarningTimeline } from './WarningTimeline.tsx';

const TierChart = lazy(() => import('./TierChart.tsx'));

/** Overdue units shown at first on a phone, so the timeline stays within reach. */
const PHONE_ROWS = 8;

/** Re-renders every `ms` so "overdue for n minutes" keeps counting between updates. */
function useNow(ms: number) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

export function LiveIndicator({ connected }: { connected: boolean }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(connected ? 'warnings.dashboard.liveOn' : 'warnings.dashboard.liveOff')}>
      <span data-testid="live-indicator" data-live={connected ? 'on' : 'off'} style={{ whiteSpace: 'nowrap' }}>
        <Badge status={connected ? 'processing' : 'default'} color={connected ? '#52c41a' : '#bfbfbf'} text={<span style={{ color: connected ? '#389e0d' : '#8c8c8c' }}>{t('warnings.dashboard.live')}</span>} />
      </span>
    </Tooltip>
  );
}

function Kpi({ title, value, suffix, color, testId, extra }: { title: string; value: ReactNode; suffix?: ReactNode; color?: string; testId: string; extra?: ReactNode }) {
  return (
    <Card size="small" data-testid={testId} style={{ height: '100%' }} styles={{ body: { padding: '10px 12px' } }}>
      <Statistic title={title} value={value as string | number} suffix={suffix} styles={{ content: { color, fontSize: 22, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } }} />
      {extra}
    </Card>
  );
}

function Kpis({ f }: { f: DashboardFigures }) {
  const { t } = useTranslation();
  const { tr } = useWarningLabels();
  const e = f.evacuation;
  const cards: Array<{ key: string; node: ReactNode }> = [
    {
      key: 'percent',
      node: (
        <Kpi
          testId="kpi-percent"
          title={t('warnings.kpi.percent')}
          value={f.total.percent}
          suffix="%"
          color={f.total.percent >= 100 ? '#389e0d' : undefined}
          extra={<Progress percent={f.total.percent} showInfo={false} size="small" strokeColor={f.total.percent >= 100 ? '#52c41a' : '#1677ff'} style={{ margin: 0 }} />}
        />
      ),
    },
    { key: 'acked', node: <Kpi testId="kpi-acked" title={t('warnings.kpi.acked')} value={f.total.acknowledged} suffix={`/ ${f.total.units}`} /> },
    { key: 'median', node: <Kpi testId="kpi-median" title={t('warnings.kpi.median')} value={formatDuration(f.total.medianSeconds, tr)} /> },
    { key: 'slowest', node: <Kpi testId="kpi-slowest" title={t('warnings.kpi.slowest')} value={formatDuration(f.total.slowestSeconds, tr)} /> },
    { key: 'overdue', node: <Kpi testId="kpi-overdue" title={t('warnings.kpi.overdue')} value={f.total.overdue} color={f.total.overdue ? '#d9001b' : '#389e0d'} /> },
    {
      key: 'moved',
      node: (
        <Kpi
          testId="kpi-moved"
          title={t('warnings.kpi.moved')}
          value={e.moved}
          suffix={`/ ${e.toMove}`}
          extra={e.refused ? <Typography.Text type="danger" style={{ fontSize: 12 }}>{t('warnings.kpi.refused', { count: e.refused })}</Typography.Text> : undefined}
        />
      ),
    },
    {
      key: 'shelter',
      node: (
        <Kpi
          testId="kpi-shelter"
          title={t('warnings.kpi.shelter')}
          value={e.occupants}
          suffix={`/ ${e.capacity}`}
          color={e.capacity && e.occupants >= e.capacity ? '#d9001b' : undefined}
          extra={e.shelters ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('warnings.kpi.shelters', { count: e.shelters })}</Typography.Text> : undefined}
        />
      ),
    },
    { key: 'alarms', node: <Kpi testId="kpi-alarms" title={t('warnings.kpi.alarms')} value={f.openAlarms} color={f.openAlarms ? '#d9001b' : undefined} /> },
  ];
  return (
    <Row gutter={[12, 12]}>
      {cards.map((c) => (
        <Col key={c.key} xs={12} sm={8} md={6} xxl={3}>
          {c.node}
        </Col>
      ))}
    </Row>
  );
}

function OverdueList({ rows }: { rows: OverdueUnit[] }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const isPhone = useIsPhone();
  const now = useNow(30_000);
  const [all, setAll] = useState(false);
  if (rows.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('warnings.dashboard.noOverdue')} />;
  const late = (o: OverdueUnit) => {
    const minutes = minutesSince(o.overdueAt, now);
    return minutes < 1 ? t('warnings.dashboard.justLate') : t('warnings.dashboard.lateBy', { minutes });
  };
  if (isPhone)
    return (
      <List
        size="small"
        dataSource={all ? rows : rows.slice(0, PHONE_ROWS)}
        data-testid="overdue-list"
        renderItem={(o) => (
          <List.Item data-testid="overdue-row" style={{ paddingInline: 0 }}>
            <div style={{ minWidth: 0 }}>
              <Typography.Text strong>{o.name}</Typography.Text>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {o.parentName ?? t('common.none')}
                </Typography.Text>
              </div>
            </div>
            <Tag color="red" style={{ marginInlineEnd: 0 }}>
              {late(o)}
            </Tag>
          </List.Item>
        )}
        footer={
          !all && rows.length > PHONE_ROWS ? (
            <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setAll(true)}>
              {t('warnings.dashboard.showAllOverdue', { count: rows.length })}
            </Button>
          ) : undefined
        }
      />
    );
  return (
    <Table<OverdueUnit>
      size="small"
      rowKey="unitId"
      dataSource={rows}
      pagination={rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
      data-testid="overdue-list"
      onRow={() => ({ 'data-testid': 'overdue-row' }) as object}
      columns={[
        { title: t('warnings.dashboard.unit'), dataIndex: 'name', ellipsis: true, render: (v: string, o) => <Space size={4}>{v}<Tag style={{ marginInlineEnd: 0 }}>{label('unitKind', o.kind)}</Tag></Space> },
        { title: t('warnings.dashboard.parent'), dataIndex: 'parentName', ellipsis: true, render: (v: string | null) => v ?? t('common.none') },
        { title: t('warnings.dashboard.overdueFor'), key: 'late', width: 130, render: (_, o) => <Tag color="red">{late(o)}</Tag> },
      ]}
    />
  );
}

function Header({ w, connected, onUpdate, onCancel }: { w: WarningDetail; connected: boolean; onUpdate: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { hazard } = useWarningLabels();
  const c = levelColor(w.level);
  const canChange = w.canIssue && w.status === 'active';
  return (
    <Card size="small" style={{ borderTop: `4px solid ${c.bg}` }} styles={{ body: { padding: '12px 16px' } }} data-testid="warning-header">
      <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start', justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <div style={{ minWidth: 0, flex: '1 1 320px' }}>
          <Space size={6} wrap style={{ marginBottom: 4 }}>
            <LevelTag level={w.level} withGrade />
            <Tag style={{ marginInlineEnd: 0 }}>{hazard(w.hazard)}</Tag>
            <StatusTag status={w.status} />
            {w.exercise && <ExerciseTag />}
            <LiveIndicator connected={connected} />
          </Space>
          <Typography.Title level={3} style={{ margin: 0, wordBreak: 'break-word' }} data-testid="warning-headline">
            {w.headline}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('warnings.dashboard.issuedBy', { unit: w.unitName, at: formatDateTime(w.issuedAt) })}
            {w.expiresAt ? ` · ${t('warnings.dashboard.expires', { at: formatDateTime(w.expiresAt) })}` : ''}
          </Typography.Text>
        </div>
        <Space wrap>
          <Link to={`/warnings/${w.id}/evacuation`} data-testid="warning-evacuation-link">
            <Button icon={<TeamOutlined />}>{t('warnings.dashboard.evacuation')}</Button>
          </Link>
          <Button icon={<FilePdfOutlined />} href={`/api/warnings/${w.id}/report.pdf`} target="_blank" data-testid="warning-report-pdf">
            {t('warnings.dashboard.reportPdf')}
          </Button>
          <Button icon={<FileExcelOutlined />} href={`/api/warnings/${w.id}/report.xlsx`} data-testid="warning-report-xlsx">
            {t('warnings.dashboard.reportXlsx')}
          </Button>
          {canChange && (
            <>
              <Button icon={<EditOutlined />} onClick={onUpdate} data-testid="warning-update">
                {t('warnings.dashboard.update')}
              </Button>
              <Button danger icon={<StopOutlined />} onClick={onCancel} data-testid="warning-cancel">
                {t('warnings.dashboard.cancel')}
              </Button>
            </>
          )}
        </Space>
      </div>
      {w.status === 'cancelled' && w.cancelReason && (
        <Alert type="info" showIcon style={{ marginTop: 8 }} title={t('warnings.dashboard.cancelledBecause', { reason: w.cancelReason, at: formatDateTime(w.cancelledAt) })} />
      )}
    </Card>
  );
}

function Details({ w }: { w: WarningDetail }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const isPhone = useIsPhone();
  return (
    <Card size="small" title={t('warnings.dashboard.details')} data-testid="warning-details">
      <Descriptions
        size="small"
        column={1}
        layout={isPhone ? 'vertical' : 'horizontal'}
        items={[
          { key: 'description', label: t('warnings.field.description'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{w.description}</span> },
          ...(w.instruction ? [{ key: 'instruction', label: t('warnings.field.instruction'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{w.instruction}</span> }] : []),
          {
            key: 'areas',
            label: t('warnings.field.areas'),
            children: (
              <Space size={[4, 4]} wrap>
                {w.areas.map((a) => (
                  <Tag key={a.id} style={{ marginInlineEnd: 0, whiteSpace: 'normal', maxWidth: '100%' }}>
                    {a.name} · {label('unitKind', a.kind)}
                  </Tag>
                ))}
              </Space>
            ),
          },
          { key: 'effective', label: t('warnings.field.effectiveAt'), children: formatDateTime(w.effectiveAt) },
          { key: 'expires', label: t('warnings.field.expiresAt'), children: w.expiresAt ? formatDateTime(w.expiresAt) : t('warnings.dashboard.noExpiry') },
          { key: 'identifier', label: t('warnings.dashboard.identifier'), children: <Typography.Text copyable style={{ wordBreak: 'break-all' }}>{w.identifier}</Typography.Text> },
        ]}
      />
      {w.messages.length > 0 && (
        <>
          <Typography.Text strong style={{ display: 'block', margin: '8px 0 4px' }}>
            {t('warnings.dashboard.capMessages')}
          </Typography.Text>
          <List
            size="small"
            dataSource={w.messages}
            renderItem={(m) => (
              <List.Item style={{ paddingInline: 0 }} data-testid="cap-message">
                <div style={{ minWidth: 0 }}>
                  <Tag color={m.msgType === 'Cancel' ? 'default' : m.msgType === 'Update' ? 'blue' : 'red'}>{t(`warnings.msgType.${m.msgType}`, { defaultValue: m.msgType })}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(m.sent)}
                  </Typography.Text>
                </div>
                <a href={`/api/warnings/${w.id}/messages/${m.id}/cap`} download={`${m.identifier}.xml`} data-testid="cap-download">
                  <DownloadOutlined /> {t('warnings.dashboard.capDownload')}
                </a>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}

export default function DashboardPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const warning = useWarning(id);
  const figures = useDashboard(id);
  const timeline = useTimeline(id);
  const { connected } = useWarningStream(id);
  const invalidate = useInvalidateWarnings();
  const [updating, setUpdating] = useState(false);
  const [cancelling, setCancelling] = useState(false);

  if (!(id > 0) || (warning.error instanceof ApiError && warning.error.status === 404))
    return <Result status="404" title={t('errors.notFoundTitle')} subTitle={t('warnings.dashboard.notFound')} extra={<Link to="/warnings">{t('warnings.backToList')}</Link>} />;
  if (warning.error) return <Alert type="error" showIcon title={errorMessage(warning.error)} />;
  if (!warning.data) return <Skeleton active />;
  const w = warning.data;
  const f = figures.data;
  const pendingMine = w.myUnits.filter((u) => !u.acknowledgedAt);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="warning-dashboard">
      <Link to="/warnings">
        <ArrowLeftOutlined /> {t('warnings.backToList')}
      </Link>
      <Header w={w} connected={connected} onUpdate={() => setUpdating(true)} onCancel={() => setCancelling(true)} />
      {pendingMine.length > 0 && w.status === 'active' && (
        <Alert
          type="warning"
          showIcon
          data-testid="dashboard-ack-prompt"
          title={t('warnings.dashboard.ackPrompt', { count: pendingMine.length, units: pendingMine.map((u) => u.name).join(t('warnings.timeline.listSeparator')) })}
          action={
            <Link to={`/warnings/${w.id}/ack`}>
              <Button type="primary" size="small" icon={<CheckCircleOutlined />}>
                {t('warnings.ack.button')}
              </Button>
            </Link>
          }
        />
      )}
      {!w.wholeWarning && <Alert type="info" showIcon title={t('warnings.dashboard.partial')} />}
      {figures.error ? <Alert type="error" showIcon title={errorMessage(figures.error)} /> : !f ? <Skeleton active /> : <Kpis f={f} />}
      {f && !f.fanoutDone && <Alert type="info" showIcon title={t('warnings.dashboard.fanningOut')} />}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={15}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Card size="small" title={t('warnings.dashboard.byTier')}>
              {!f ? (
                <Skeleton active />
              ) : f.tiers.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('warnings.dashboard.noUnitsYet')} />
              ) : (
                <Suspense fallback={<Skeleton active />}>
                  <TierChart tiers={f.tiers} />
                </Suspense>
              )}
            </Card>
            <Card
              size="small"
              title={
                <Space>
                  {t('warnings.dashboard.overdueTitle')}
                  {f && f.overdue.length > 0 && <Tag color="red">{f.total.overdue}</Tag>}
                </Space>
              }
            >
              {f ? <OverdueList rows={f.overdue} /> : <Skeleton active />}
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={9}>
          <Card size="small" title={t('warnings.dashboard.timeline')} extra={<LiveIndicator connected={connected} />} styles={{ body: { maxHeight: 900, overflowY: 'auto' } }}>
            {timeline.error ? <Alert type="error" showIcon title={errorMessage(timeline.error)} /> : timeline.data ? <WarningTimeline entries={timeline.data} /> : <Skeleton active />}
          </Card>
        </Col>
      </Row>
      <Details w={w} />
      <UpdateDialog warning={w} open={updating} onClose={() => setUpdating(false)} />
      <ReasonDialog
        open={cancelling}
        danger
        title={t('warnings.cancel.title')}
        description={t('warnings.cancel.description')}
        label={t('warnings.cancel.reason')}
        okText={t('warnings.cancel.submit')}
        requiredMessage={t('warnings.cancel.reasonRequired')}
        testIdPrefix="warning-cancel"
        onCancel={() => setCancelling(false)}
        onSubmit={async (reason) => {
          try {
            await cancelWarning(w.id, { version: w.version, reason });
          } catch (e) {
            // A conflict: load the warning again, and let the dialog show the server's text.
            void invalidate();
            throw e;
          }
          message.success(t('warnings.cancel.done'));
          await invalidate();
          setCancelling(false);
        }}
      />
    </Space>
  );
}
