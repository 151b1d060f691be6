// 灾后恢复: after the storm, roads, power, water and communications of a unit's area (optionally of
// one warning) — per kind how many are still out, restored, and out past the target; the curve of
// restoration hour by hour; and the outages themselves, the overdue ones in red, with 恢复 for
// those who report for the unit.
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Pagination, Row, Segmented, Select, Skeleton, Space, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { useCan } from '../../auth/session.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { OUTAGE_COLORS, useFieldLabels } from '../field/labels.ts';
import { useUnitChoice } from '../points/useUnitChoice.ts';
import { useWarnings } from '../warnings/hooks.ts';
import { useOutages, useRecoverySummary } from './hooks.ts';
import { NewOutageDialog, NoteDialog, RestoreDialog } from './OutageDialogs.tsx';
import RestorationChart from './RestorationChart.tsx';
import type { KindSummary, Outage } from './types.ts';

const PAGE_SIZE = 20;
type OpenFilter = 'all' | 'open' | 'restored';

function KindCard({ k }: { k: KindSummary }) {
  const { t } = useTranslation();
  const { outageKind } = useFieldLabels();
  const color = OUTAGE_COLORS[k.kind];
  return (
    <Card size="small" style={{ borderTop: `3px solid ${color}`, height: '100%' }} data-testid="recovery-kind" data-kind={k.kind}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 4, flexWrap: 'wrap' }}>
        <Typography.Text strong style={{ fontSize: 16, color }}>
          {outageKind(k.kind)}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('recovery.kpi.target', { hours: k.targetHours })}
        </Typography.Text>
      </div>
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 6, marginTop: 4 }}>
        <span style={{ fontSize: 28, fontWeight: 700, lineHeight: 1.1, fontVariantNumeric: 'tabular-nums', color: k.open ? '#262626' : '#389e0d' }}>{k.open}</span>
        <span style={{ fontSize: 13, color: 'rgba(0,0,0,0.65)' }}>{t('recovery.kpi.open')}</span>
      </div>
      <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.65)', marginTop: 2 }}>
        {t('recovery.kpi.restored', { n: k.restored, total: k.total })}
        {k.medianHours !== null && ` · ${t('recovery.kpi.median', { hours: k.medianHours })}`}
      </div>
      <div style={{ fontSize: 13, marginTop: 2, color: k.overdue ? '#cf1322' : 'rgba(0,0,0,0.45)', fontWeight: k.overdue ? 600 : 400 }}>
        {t('recovery.kpi.overdue', { n: k.overdue })}
        {k.restoredLate > 0 && <span style={{ color: '#d46b08', fontWeight: 400 }}> · {t('recovery.kpi.late', { n: k.restoredLate })}</span>}
      </div>
    </Card>
  );
}

function Hours({ o }: { o: Outage }) {
  const { t } = useTranslation();
  const late = o.overdue;
  return (
    <span style={{ color: late ? (o.restored ? '#d46b08' : '#cf1322') : undefined, fontWeight: late && !o.restored ? 600 : 400, whiteSpace: 'nowrap' }} data-testid="outage-hours">
      {t('recovery.hours', { hours: o.hoursOut, target: o.targetHours })}
    </span>
  );
}

function StateTag({ o }: { o: Outage }) {
  const { t } = useTranslation();
  if (o.restored) return <Tag color={o.overdue ? 'orange' : 'green'} style={{ marginInlineEnd: 0 }}>{t(o.overdue ? 'recovery.state.restoredLate' : 'recovery.state.restored')}</Tag>;
  return <Tag color={o.overdue ? 'red' : 'processing'} style={{ marginInlineEnd: 0 }}>{t(o.overdue ? 'recovery.state.overdue' : 'recovery.state.open')}</Tag>;
}

export default function RecoveryPage() {
  const { t } = useTranslation();
  const can = useCan();
  const isPhone = useIsPhone();
  const { outageKind } = useFieldLabels();
  const { unitId, unit, params, setParam } = useUnitChoice('warning.read');
  const warningId = Number(params.get('warning')) || undefined;
  const openParam = params.get('open');
  const openFilter: OpenFilter = openParam === '1' ? 'open' : openParam === '0' ? 'restored' : 'all';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [creating, setCreating] = useState(false);
  const [restoring, setRestoring] = useState<Outage | null>(null);
  const [noting, setNoting] = useState<Outage | null>(null);
  const writer = can('warning.ack');

  const warnings = useWarnings({ status: 'all', exercise: 'include', page: 1, pageSize: 50 });
  const warningOptions = useMemo(
    () => (warnings.data?.items ?? []).map((w) => ({ value: w.id, label: t('recovery.warningOption', { headline: w.headline, date: formatDateTime(w.issuedAt).slice(0, 10) }) })),
    [warnings.data, t],
  );
  const summary = useRecoverySummary(unitId, warningId);
  const outages = useOutages({ unitId, warningId, open: openFilter === 'all' ? undefined : openFilter === 'open', page, pageSize: PAGE_SIZE });

  const columns: ColumnsType<Outage> = [
    { title: t('recovery.field.kind'), dataIndex: 'kind', render: (k: string) => <Tag color={OUTAGE_COLORS[k]} style={{ marginInlineEnd: 0 }}>{outageKind(k)}</Tag> },
    { title: t('recovery.field.unit'), dataIndex: 'unitName', ellipsis: true },
    { title: t('recovery.field.startedAt'), dataIndex: 'startedAt', render: (v: string) => formatDateTime(v) },
    { title: t('recovery.field.restoredAt'), dataIndex: 'restoredAt', render: (v: string | null) => (v ? formatDateTime(v) : t('common.none')) },
    { title: t('recovery.field.hours'), key: 'hours', render: (_: unknown, o) => <Hours o={o} /> },
    { title: t('recovery.field.state'), key: 'state', render: (_: unknown, o) => <StateTag o={o} /> },
    {
      title: t('recovery.field.warning'),
      dataIndex: 'warningId',
      render: (id: number | null) => (id ? <Link to={`/warnings/${id}`} onClick={(e) => e.stopPropagation()}>{t('recovery.toWarning')}</Link> : t('common.none')),
    },
    { title: t('recovery.field.note'), dataIndex: 'note', ellipsis: true },
    { title: t('recovery.field.reportedBy'), dataIndex: 'reportedBy', render: (v: string | null) => v ?? t('common.none') },
    ...(writer
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, o: Outage) => (
              <Space size={4}>
                {!o.restored && (
                  <Button size="small" type="primary" onClick={() => setRestoring(o)} data-testid="outage-restore">
                    {t('recovery.restore.button')}
                  </Button>
                )}
                <Button size="small" type="text" icon={<EditOutlined />} aria-label={t('recovery.note.title')} onClick={() => setNoting(o)} />
              </Space>
            ),
          },
        ]
      : []),
  ];

  const items = outages.data?.items ?? [];
  const pagination = { current: page, pageSize: PAGE_SIZE, total: outages.data?.total ?? 0, showTotal: (n: number) => t('common.total', { count: n }), onChange: (p: number) => setParam({ page: p === 1 ? undefined : p }) };
  const hasCurve = (summary.data?.curve.length ?? 0) > 1;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="recovery-page">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('recovery.title')}
        </Typography.Title>
        {writer && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="outage-create">
            {t('recovery.new.title')}
          </Button>
        )}
      </div>
      <Card size="small">
        <Row gutter={[8, 8]}>
          <Col xs={24} md={8}>
            <UnitPicker value={unitId ?? null} initialUnit={unit} placeholder={t('recovery.allUnits')} onChange={(id) => setParam({ unit: id, page: undefined })} />
          </Col>
          <Col xs={24} md={10}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: '100%' }}
              placeholder={t('recovery.allWarnings')}
              value={warningId}
              loading={warnings.isFetching}
              options={warningOptions}
              onChange={(v) => setParam({ warning: v, page: undefined })}
              data-testid="recovery-warning"
            />
          </Col>
        </Row>
      </Card>
      {summary.error && <Alert type="error" showIcon title={errorMessage(summary.error)} />}
      {summary.data ? (
        <Row gutter={[12, 12]}>
          {summary.data.kinds.map((k) => (
            <Col key={k.kind} xs={12} md={6}>
              <KindCard k={k} />
            </Col>
          ))}
        </Row>
      ) : (
        !summary.error && <Skeleton active />
      )}
      <Card size="small" title={t('recovery.chart.title')} extra={summary.data && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('recovery.chart.at', { at: formatDateTime(summary.data.at) })}</Typography.Text>}>
        {!warningId && hasCurve && (
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginBottom: 4 }}>
            {t('recovery.chart.pickWarning')}
          </Typography.Text>
        )}
        {hasCurve ? <RestorationChart curve={summary.data!.curve} height={isPhone ? 260 : 320} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('recovery.chart.empty')} />}
      </Card>
      <Card
        size="small"
        title={t('recovery.list.title')}
        extra={
          <Segmented<OpenFilter>
            size="small"
            value={openFilter}
            onChange={(v) => setParam({ open: v === 'all' ? undefined : v === 'open' ? '1' : '0', page: undefined })}
            options={(['all', 'open', 'restored'] as OpenFilter[]).map((v) => ({ value: v, label: t(`recovery.list.${v}`) }))}
          />
        }
      >
        {outages.error && <Alert type="error" showIcon title={errorMessage(outages.error)} />}
        {isPhone ? (
          <Spin spinning={outages.isFetching}>
            <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
              {items.length === 0 && !outages.isFetching && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('recovery.list.none')} />}
              {items.map((o) => (
                <div key={o.id} style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 10, background: o.overdue && !o.restored ? '#fff1f0' : '#fff' }} data-testid="outage-row">
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                    <span>
                      <Tag color={OUTAGE_COLORS[o.kind]}>{outageKind(o.kind)}</Tag>
                      <span className="xf-ellipsis">{o.unitName}</span>
                    </span>
                    <StateTag o={o} />
                  </div>
                  <div style={{ fontSize: 13, marginTop: 4 }}>
                    <Hours o={o} />
                  </div>
                  <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>
                    {formatDateTime(o.startedAt)} → {o.restoredAt ? formatDateTime(o.restoredAt) : t('recovery.state.open')}
                  </div>
                  {o.note && <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.65)' }}>{o.note}</div>}
                  {writer && !o.restored && (
                    <Button type="primary" block style={{ marginTop: 8, height: 44 }} onClick={() => setRestoring(o)} data-testid="outage-restore">
                      {t('recovery.restore.button')}
                    </Button>
                  )}
                </div>
              ))}
              {(outages.data?.total ?? 0) > PAGE_SIZE && <Pagination {...pagination} size="small" style={{ textAlign: 'center' }} />}
            </div>
          </Spin>
        ) : (
          <Table<Outage>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={items}
            loading={outages.isFetching}
            scroll={{ x: 'max-content' }}
            pagination={pagination}
            onRow={(o) => ({ style: o.overdue && !o.restored ? { background: '#fff1f0' } : undefined, 'data-testid': 'outage-row' }) as HTMLAttributes<HTMLElement>}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('recovery.list.none')} /> }}
            data-testid="outage-table"
          />
        )}
      </Card>
      <NewOutageDialog open={creating} defaultUnit={unit} defaultWarningId={warningId} warnings={warningOptions} onClose={() => setCreating(false)} />
      <RestoreDialog outage={restoring} onClose={() => setRestoring(null)} />
      <NoteDialog outage={noting} onClose={() => setNoting(null)} />
    </Space>
  );
}
