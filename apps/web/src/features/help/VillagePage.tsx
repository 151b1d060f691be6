// 求助管理: the queue of a village's help requests for its secretary (overdue ones highlighted,
// escalated ones marked), and the members registered to live there (双报到).
import { Segmented, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/dates.ts';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { HelpActions } from './Actions.tsx';
import { useResidents, useVillageRequests } from './hooks.ts';
import { STATUS_COLOR, useHelpLabels } from './labels.ts';
import { RequestCard } from './RequestCard.tsx';
import type { HelpRequestRow, ResidentRow } from './types.ts';

const FILTERS = ['open', 'overdue', 'resolved', 'confirmed', 'closed', 'all'] as const;

export default function VillagePage() {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="help-village-page">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('help.village.title')}</Typography.Title>
      <Tabs
        items={[
          { key: 'requests', label: t('help.village.requests'), children: <Requests /> },
          { key: 'residents', label: <span data-testid="help-tab-residents">{t('help.village.residents')}</span>, children: <Residents /> },
        ]}
      />
    </Space>
  );
}

function Requests() {
  const { t } = useTranslation();
  const labels = useHelpLabels();
  const phone = useIsPhone();
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>('open');
  const [page, setPage] = useState(1);
  const { data, isFetching } = useVillageRequests({ status: filter === 'all' ? undefined : filter, page, pageSize: 20 });
  const manage = (r: HelpRequestRow) => <HelpActions r={r} can={{ close: r.status !== 'confirmed' && r.status !== 'closed' }} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Segmented value={filter} onChange={(v) => { setFilter(v as typeof filter); setPage(1); }} options={FILTERS.map((f) => ({ value: f, label: t(`help.village.filter.${f}`) }))} data-testid="help-village-filter" />
      {phone ? (
        data?.items.map((r) => <RequestCard key={r.id} r={r} actions={manage(r)} />)
      ) : (
        <Table<HelpRequestRow>
          rowKey="id"
          size="small"
          loading={isFetching}
          dataSource={data?.items ?? []}
          rowClassName={(r) => (r.overdue ? 'help-overdue-row' : '')}
          onRow={(r) => ({ style: r.overdue ? { background: '#fff1f0' } : undefined, 'data-testid': `help-row-${r.id}` } as React.HTMLAttributes<HTMLElement>)}
          pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: t('help.fields.filedAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
            { title: t('help.fields.category'), dataIndex: 'category', width: 100, render: (v: string) => labels.category(v) },
            { title: t('help.fields.description'), dataIndex: 'description', render: (v: string, r) => <Link to={`/help/requests/${r.id}`}>{v}</Link> },
            { title: t('help.fields.place'), key: 'place', render: (_: unknown, r) => `${r.unitName}${r.place ? ` · ${r.place}` : ''}` },
            { title: t('help.fields.resident'), key: 'resident', render: (_: unknown, r) => `${r.residentName} ${r.phone}` },
            {
              title: t('help.fields.status'), dataIndex: 'status', width: 150,
              render: (s: HelpRequestRow['status'], r) => (
                <Space size={2} wrap>
                  <Tag color={STATUS_COLOR[s]}>{labels.status(s)}</Tag>
                  {r.overdue && <Tag color="error" data-testid={`help-overdue-${r.id}`}>{t('help.overdue')}</Tag>}
                  {r.escalatedAt && <Tag color="volcano">{t('help.escalated')}</Tag>}
                </Space>
              ),
            },
            { title: t('help.fields.helper'), dataIndex: 'helperName', width: 90, render: (v: string | null) => v ?? '—' },
            { title: '', key: 'actions', width: 100, render: (_: unknown, r) => manage(r) },
          ]}
        />
      )}
    </Space>
  );
}

function Residents() {
  const { t } = useTranslation();
  const labels = useHelpLabels();
  const [page, setPage] = useState(1);
  const { data, isFetching } = useResidents(undefined, page);
  return (
    <Table<ResidentRow>
      rowKey="id"
      size="small"
      loading={isFetching}
      dataSource={data?.items ?? []}
      scroll={{ x: 720 }}
      pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      columns={[
        { title: t('help.residents.name'), dataIndex: 'name' },
        { title: t('help.residents.homeUnit'), dataIndex: 'homeUnitName' },
        { title: t('help.residents.place'), key: 'place', render: (_: unknown, r) => r.place.name },
        { title: t('help.residents.specialties'), dataIndex: 'specialties', render: (v: string[]) => v.map((s) => <Tag key={s}>{s}</Tag>) },
        { title: t('help.residents.hours'), dataIndex: 'hours', render: (v: ResidentRow['hours']) => labels.hours(v) },
        { title: t('help.residents.mobile'), dataIndex: 'mobile', render: (v: string | null) => v ?? '—' },
        { title: t('help.residents.since'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
      ]}
    />
  );
}
