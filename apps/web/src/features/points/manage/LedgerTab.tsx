// 积分台账 of the unit's subtree, newest first. Entries are never edited: a mistake is corrected by
// 冲正, a mirror-image entry booked with a reason (redemptions are undone by cancelling the order).
import { DownloadOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Pagination, Select, Space, Spin, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { api, download, errorMessage } from '../../../api/client.ts';
import { formatDateTime } from '../../../lib/dates.ts';
import { useIsPhone } from '../../../lib/useIsPhone.ts';
import { EntryPoints, EntryTags } from '../EntryList.tsx';
import { recentPeriods, usePointsFormat } from '../format.ts';
import { useInvalidatePoints, useLedger, useUnitSettings } from '../hooks.ts';
import { ReasonModal } from '../ReasonModal.tsx';
import type { Entry } from '../types.ts';

const rowProps = (testId: string) => ({ 'data-testid': testId }) as HTMLAttributes<HTMLElement>;
const reversible = (e: Entry) => e.reversedBy === null && e.reversesId === null && e.account !== 'redemption';

export function LedgerTab({ unitId }: { unitId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const invalidate = useInvalidatePoints();
  const { period } = usePointsFormat();
  const settings = useUnitSettings(unitId);
  const [filter, setFilter] = useState<string | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [reversing, setReversing] = useState<Entry | null>(null);
  const [exporting, setExporting] = useState(false);
  const { data, isFetching, error } = useLedger({ unitId, period: filter, ...paging });
  const entries = data?.items ?? [];
  const periods = settings.data ? recentPeriods(settings.data.periodKind, 8) : [];

  async function exportLedger() {
    setExporting(true);
    try {
      await download('/api/points/export', { unitId, period: filter, what: 'ledger' }, t('points.ledger.exportFilename'));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  }

  const reverseButton = (e: Entry) =>
    reversible(e) && (
      <Button size="small" icon={<RollbackOutlined />} onClick={() => setReversing(e)} data-testid="entry-reverse">
        {t('points.ledger.reverse')}
      </Button>
    );

  const columns: ColumnsType<Entry> = [
    { title: t('points.claim.date'), dataIndex: 'occurredOn', width: 110 },
    { title: t('points.review.member'), dataIndex: 'memberName' },
    { title: t('points.ledger.what'), key: 'what', render: (_, e) => (<span>{e.rule?.name ?? e.reason}{e.rule && e.reason !== e.rule.name && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{e.reason}</Typography.Text>}</span>) },
    { title: t('points.ledger.account'), key: 'account', render: (_, e) => <EntryTags entry={e} /> },
    { title: t('points.ledger.points'), key: 'points', align: 'right', render: (_, e) => <EntryPoints entry={e} /> },
    { title: t('points.period.label'), dataIndex: 'period', render: (p: string) => period(p) },
    { title: t('points.ledger.source'), dataIndex: 'source', render: (s: string) => t(`points.source.${s}`, { defaultValue: s }) },
    { title: t('points.ledger.bookedAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
    { title: t('common.actions'), key: 'actions', fixed: 'right', render: (_, e) => reverseButton(e) },
  ];

  const pagination = {
    current: paging.page,
    pageSize: paging.pageSize,
    total: data?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [20, 50, 100],
    showTotal: (total: number) => t('common.total', { count: total }),
    onChange: (page: number, pageSize: number) => setPaging({ page: pageSize !== paging.pageSize ? 1 : page, pageSize }),
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="ledger-tab">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'space-between' }}>
        <Select
          allowClear
          style={{ minWidth: 180 }}
          placeholder={t('points.ledger.allPeriods')}
          value={filter}
          options={periods.map((p) => ({ value: p, label: period(p) }))}
          onChange={(v) => {
            setFilter(v);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          data-testid="ledger-period"
        />
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportLedger} data-testid="ledger-export">
          {t('points.ledger.export')}
        </Button>
      </div>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {isPhone ? (
        <Spin spinning={isFetching}>
          <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            {entries.length === 0 && !isFetching && <Empty description={t('points.entry.none')} />}
            {entries.map((e) => (
              <Card key={e.id} size="small" {...rowProps('ledger-row')} style={{ opacity: e.reversedBy !== null ? 0.65 : 1 }}>
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                  <Typography.Text strong>{e.memberName}</Typography.Text>
                  <EntryPoints entry={e} />
                </div>
                <div className="xf-ellipsis">{e.rule?.name ?? e.reason}</div>
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, alignItems: 'center', marginTop: 2 }}>
                  <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineEnd: 4 }}>
                    {e.occurredOn}
                  </Typography.Text>
                  <EntryTags entry={e} />
                </div>
                {reversible(e) && <div style={{ marginTop: 6 }}>{reverseButton(e)}</div>}
              </Card>
            ))}
            {(data?.total ?? 0) > paging.pageSize && <Pagination {...pagination} size="small" style={{ textAlign: 'center' }} />}
          </div>
        </Spin>
      ) : (
        <Table<Entry>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={entries}
          loading={isFetching}
          pagination={pagination}
          scroll={{ x: 'max-content' }}
          onRow={(e) => ({ ...rowProps('ledger-row'), style: { opacity: e.reversedBy !== null ? 0.65 : 1 } })}
          locale={{ emptyText: <Empty description={t('points.entry.none')} /> }}
        />
      )}
      <ReasonModal
        open={!!reversing}
        title={t('points.ledger.reverseTitle')}
        description={reversing ? t('points.ledger.reverseHint', { name: reversing.memberName ?? '', what: reversing.rule?.name ?? reversing.reason, points: reversing.points, date: reversing.occurredOn }) : undefined}
        label={t('points.ledger.reverseReason')}
        okText={t('points.ledger.reverse')}
        danger
        onCancel={() => setReversing(null)}
        onSubmit={async (reason) => {
          await api.post(`/api/points/entries/${reversing!.id}/reverse`, { reason });
          message.success(t('points.ledger.reversed'));
          setReversing(null);
          await invalidate();
        }}
      />
    </Space>
  );
}
