// 星级预览: the stars each member of a unit's subtree would get now, from the ledger and the scheme
// in force — a table with the figures behind each star, a filter by number of stars, the
// distribution as a chart, and the whole subtree as an Excel file.
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Row, Segmented, Select, Skeleton, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { lazy, Suspense, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { download, errorMessage } from '../../api/client.ts';
import { useCan } from '../../auth/session.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { usePointsFormat } from '../points/format.ts';
import { useUnitChoice } from '../points/useUnitChoice.ts';
import { currentYear, starYears, usePreview } from './hooks.ts';
import { useDisqualifierText } from './StarProgressCard.tsx';
import { Stars } from './Stars.tsx';
import type { DimensionResult, PreviewRow } from './types.ts';

const StarsChart = lazy(() => import('./StarsChart.tsx'));
const rowProps = (testId: string) => ({ 'data-testid': testId }) as HTMLAttributes<HTMLElement>;

function Figure({ d }: { d: DimensionResult }) {
  const { t } = useTranslation();
  const text = `${d.points}/${d.minPoints}${d.minEntries ? ` · ${d.entries}/${d.minEntries}${t('stars.times')}` : ''}`;
  return (
    <Typography.Text type={d.met ? 'success' : 'secondary'} style={{ whiteSpace: 'nowrap' }} data-testid="preview-figure" data-code={d.code} data-met={d.met}>
      {text}
    </Typography.Text>
  );
}

export default function PreviewPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const isPhone = useIsPhone();
  const { period: label } = usePointsFormat();
  const disqualifierText = useDisqualifierText();
  const { unitId, unit, params, setParam, setUnit } = useUnitChoice('evaluation.read');
  const period = params.get('period') ?? currentYear();
  const rawStars = params.get('stars');
  const stars = rawStars !== null && /^[0-5]$/.test(rawStars) ? Number(rawStars) : undefined;
  const page = Number(params.get('page')) || 1;
  const [pageSize, setPageSize] = useState(20);
  const { data, isPending, isFetching, error } = usePreview({ unitId, period, page, pageSize, stars });
  const [exporting, setExporting] = useState(false);

  const names = Object.fromEntries((data?.dimensions ?? []).map((d) => [d.code, d.name]));
  const counts = data?.distribution.byStars ?? [0, 0, 0, 0, 0, 0];
  const columns: ColumnsType<PreviewRow> = [
    {
      title: t('stars.preview.member'),
      key: 'name',
      render: (_, r) => (
        <div style={{ minWidth: 0 }}>
          <div className="xf-ellipsis">{can('member.read') ? <Link to={`/members/${r.memberId}`}>{r.name}</Link> : r.name}</div>
          {isPhone && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} className="xf-ellipsis">
              {r.unit.name}
            </Typography.Text>
          )}
        </div>
      ),
    },
    ...(isPhone ? [] : [{ title: t('stars.preview.unit'), key: 'unit', ellipsis: true, render: (_: unknown, r: PreviewRow) => r.unit.name }]),
    {
      title: t('stars.preview.stars'),
      key: 'stars',
      width: isPhone ? 112 : 130,
      render: (_, r) => (
        <div>
          <Stars stars={r.stars} names={names} size={isPhone ? 14 : 16} />
          {r.disqualified.length > 0 && (
            <div>
              <Tooltip title={r.disqualified.map(disqualifierText).join(t('common.separator'))}>
                <Tag color="warning" style={{ marginTop: 4, marginInlineEnd: 0 }} data-testid="preview-disqualified">
                  {t('stars.preview.disqualified')}
                </Tag>
              </Tooltip>
            </div>
          )}
        </div>
      ),
    },
    ...(isPhone
      ? []
      : (data?.dimensions ?? []).map((dim) => ({
          title: <Tooltip title={dim.description}>{dim.name}</Tooltip>,
          key: dim.code,
          render: (_: unknown, r: PreviewRow) => {
            const d = r.dimensions.find((x) => x.code === dim.code);
            return d ? <Figure d={d} /> : null;
          },
        }))),
  ];

  async function exportFile() {
    setExporting(true);
    try {
      await download('/api/stars/preview/export', { unitId, period }, 'stars.xlsx');
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  }

  return (
    <div data-testid="stars-preview" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('nav.starsPreview')}
      </Typography.Title>
      <Card size="small">
        <Row gutter={[8, 8]} align="middle">
          <Col xs={24} md={12}>
            <UnitPicker value={unitId ?? null} initialUnit={unit} allowClear={false} onChange={(id) => setUnit(id)} data-testid="preview-unit" />
          </Col>
          <Col xs={14} md={6}>
            <Select
              style={{ width: '100%' }}
              value={period}
              options={[...new Set([...starYears(), period])].map((p) => ({ value: p, label: label(p) }))}
              onChange={(p) => setParam({ period: p === currentYear() ? undefined : p, page: undefined })}
              data-testid="preview-period"
            />
          </Col>
          <Col xs={10} md={6} style={{ textAlign: 'right' }}>
            <Button icon={<DownloadOutlined />} onClick={exportFile} loading={exporting} disabled={!unitId} data-testid="preview-export">
              {t('stars.preview.export')}
            </Button>
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          {t('stars.preview.hint')}
        </Typography.Paragraph>
      </Card>
      {!unitId ? (
        <Empty description={t('points.pickUnit')} />
      ) : error ? (
        <Alert type="error" showIcon title={errorMessage(error)} />
      ) : isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={8}>
            <Card size="small" title={t('stars.preview.distribution')} extra={<span data-testid="preview-total">{t('stars.preview.members', { count: data.distribution.total })}</span>}>
              <Suspense fallback={<Skeleton active />}>
                <StarsChart
                  counts={counts}
                  labels={counts.map((_, i) => t('stars.count', { count: i }))}
                  seriesName={t('stars.preview.membersSeries')}
                  selected={stars}
                  onPick={(n) => setParam({ stars: n === stars ? undefined : n, page: undefined })}
                />
              </Suspense>
              {data.distribution.disqualified > 0 && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="preview-disqualified-count">
                  {t('stars.preview.disqualifiedCount', { count: data.distribution.disqualified })}
                </Typography.Text>
              )}
            </Card>
          </Col>
          <Col xs={24} lg={16}>
            <Card size="small">
              <div style={{ overflowX: 'auto', marginBottom: 8 }}>
                <Segmented
                  size="small"
                  value={stars === undefined ? 'all' : String(stars)}
                  onChange={(v) => setParam({ stars: v === 'all' ? undefined : String(v), page: undefined })}
                  options={[
                    { value: 'all', label: <span data-testid="preview-filter-all">{t('stars.preview.all', { count: data.distribution.total })}</span> },
                    ...counts.map((n, i) => ({ value: String(i), label: <span data-testid={`preview-filter-${i}`}>{`${t('stars.count', { count: i })} (${n})`}</span> })),
                  ]}
                  data-testid="preview-filter"
                />
              </div>
              <div data-testid="preview-table">
                <Table<PreviewRow>
                  rowKey="memberId"
                  size={isPhone ? 'small' : 'middle'}
                  columns={columns}
                  dataSource={data.items}
                  loading={isFetching}
                  tableLayout={isPhone ? 'fixed' : undefined}
                  scroll={isPhone ? undefined : { x: 'max-content' }}
                  onRow={() => rowProps('preview-row')}
                  locale={{ emptyText: <Empty description={t('stars.preview.none')} /> }}
                  pagination={{
                    current: page,
                    pageSize,
                    total: data.total,
                    size: 'small',
                    showSizeChanger: !isPhone,
                    showTotal: isPhone ? undefined : (n) => t('common.total', { count: n }),
                    onChange: (p, size) => {
                      if (size !== pageSize) setPageSize(size);
                      setParam({ page: p === 1 ? undefined : p });
                    },
                  }}
                />
              </div>
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
