// 转移汇总: evacuation at a glance within the viewer's part of the warning — totals, each unit's
// figures, the shelters and how full they are, the household check-off.
import { Alert, Card, Col, Empty, Progress, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { useLabels } from '../../api/labels.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { useEvacuation } from './hooks.ts';
import type { EvacuationReport, ShelterOccupancy } from './types.ts';

const pct = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) : 0);

function Figure({ title, value, suffix, color }: { title: string; value: number | string; suffix?: string; color?: string }) {
  return <Statistic title={title} value={value} suffix={suffix} styles={{ content: { color, fontSize: 22, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } }} />;
}

export function EvacuationSummary({ warningId }: { warningId: number }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const isPhone = useIsPhone();
  const { data, error, isPending } = useEvacuation(warningId);

  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  if (isPending || !data) return <Skeleton active />;

  const { totals, shelters, households } = data;
  const reportColumns: ColumnsType<EvacuationReport> = [
    { title: t('field.summary.unit'), dataIndex: 'name', render: (name: string, r) => (<span>{name} <Tag style={{ marginInlineEnd: 0 }}>{label('unitKind', r.kind)}</Tag></span>) },
    { title: t('field.report.toMove'), dataIndex: 'toMove', align: 'right' },
    { title: t('field.report.moved'), dataIndex: 'moved', align: 'right' },
    { title: t('field.report.refused'), dataIndex: 'refused', align: 'right', render: (n: number) => (n > 0 ? <span style={{ color: '#cf1322' }}>{n}</span> : n) },
    { title: t('field.summary.progress'), key: 'progress', width: 160, render: (_: unknown, r) => <Progress percent={pct(r.moved, r.toMove)} size="small" /> },
    { title: t('field.summary.updated'), dataIndex: 'updatedAt', render: (v: string, r) => `${formatDateTime(v)}${r.updatedBy ? ` · ${r.updatedBy}` : ''}` },
  ];
  const shelterColumns: ColumnsType<ShelterOccupancy> = [
    { title: t('field.summary.unit'), dataIndex: 'unitName' },
    { title: t('field.shelters.name'), dataIndex: 'name' },
    { title: t('field.shelters.occupancy'), key: 'occ', render: (_: unknown, s) => `${s.occupants} / ${s.capacity}` },
    { title: '', key: 'bar', width: 160, render: (_: unknown, s) => <Progress percent={pct(s.occupants, s.capacity)} size="small" status={s.occupants >= s.capacity ? 'exception' : 'normal'} /> },
    { title: t('field.summary.updated'), dataIndex: 'updatedAt', render: (v: string | null) => formatDateTime(v) },
  ];

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="evacuation-summary">
      <Card size="small">
        <Row gutter={[12, 12]}>
          <Col xs={12} md={4}><Figure title={t('field.report.toMove')} value={totals.toMove} /></Col>
          <Col xs={12} md={4}><Figure title={t('field.report.moved')} value={totals.moved} color="#389e0d" suffix={totals.toMove ? `(${pct(totals.moved, totals.toMove)}%)` : undefined} /></Col>
          <Col xs={12} md={4}><Figure title={t('field.report.refused')} value={totals.refused} color={totals.refused ? '#cf1322' : undefined} /></Col>
          <Col xs={12} md={4}><Figure title={t('field.summary.reports')} value={totals.reports} /></Col>
          <Col xs={12} md={4}><Figure title={t('field.summary.sheltered')} value={`${shelters.occupants} / ${shelters.capacity}`} /></Col>
          <Col xs={12} md={4}><Figure title={t('field.summary.checked')} value={`${households.households - households.pending} / ${households.households}`} /></Col>
        </Row>
      </Card>
      <Card size="small" title={t('field.summary.byUnit')}>
        {data.reports.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('field.summary.noReports')} />
        ) : isPhone ? (
          <div style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
            {data.reports.map((r) => (
              <div key={r.unitId} data-testid="evacuation-unit-row">
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                  <Typography.Text strong className="xf-ellipsis">{r.name}</Typography.Text>
                  <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                    {r.moved} / {r.toMove}
                    {r.refused > 0 && <span style={{ color: '#cf1322' }}> · {t('field.summary.refusedShort', { n: r.refused })}</span>}
                  </span>
                </div>
                <Progress percent={pct(r.moved, r.toMove)} size="small" />
                <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{formatDateTime(r.updatedAt)}{r.updatedBy ? ` · ${r.updatedBy}` : ''}</div>
              </div>
            ))}
          </div>
        ) : (
          <Table<EvacuationReport>
            rowKey="unitId"
            size="small"
            columns={reportColumns}
            dataSource={data.reports}
            pagination={false}
            scroll={{ x: 'max-content' }}
            onRow={() => ({ 'data-testid': 'evacuation-unit-row' }) as HTMLAttributes<HTMLElement>}
            summary={() => (
              <Table.Summary.Row style={{ fontWeight: 600 }}>
                <Table.Summary.Cell index={0}>{t('field.summary.total')}</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">{totals.toMove}</Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">{totals.moved}</Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">{totals.refused}</Table.Summary.Cell>
                <Table.Summary.Cell index={4}><Progress percent={pct(totals.moved, totals.toMove)} size="small" /></Table.Summary.Cell>
                <Table.Summary.Cell index={5} />
              </Table.Summary.Row>
            )}
            data-testid="evacuation-table"
          />
        )}
      </Card>
      <Card size="small" title={t('field.shelters.title')}>
        {shelters.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('field.shelters.none')} />
        ) : isPhone ? (
          <div style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
            {shelters.items.map((s) => (
              <div key={s.id}>
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                  <span className="xf-ellipsis"><strong>{s.name}</strong> <span style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{s.unitName}</span></span>
                  <span style={{ whiteSpace: 'nowrap' }}>{s.occupants} / {s.capacity}</span>
                </div>
                <Progress percent={pct(s.occupants, s.capacity)} size="small" showInfo={false} status={s.occupants >= s.capacity ? 'exception' : 'normal'} />
              </div>
            ))}
          </div>
        ) : (
          <Table<ShelterOccupancy> rowKey="id" size="small" columns={shelterColumns} dataSource={shelters.items} pagination={false} scroll={{ x: 'max-content' }} />
        )}
      </Card>
    </div>
  );
}
