// 纠纷案件登记簿: the cases of the villages one supervises, newest first, without party names (those
// are seen, and audited, case by case); the secretary registers a new dispute here.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Pagination, Segmented, Space, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CASE_STATUSES } from '@xianfeng/domain';
import { errorMessage } from '../../api/client.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { useUnitChoice } from '../points/useUnitChoice.ts';
import { CaseCard } from './CaseCard.tsx';
import { useCases } from './hooks.ts';
import { STATUS_COLORS, useMediationLabels } from './labels.ts';
import { RegisterCaseDrawer } from './RegisterCaseDrawer.tsx';
import type { CaseListItem, CaseStatus } from './types.ts';

const PAGE_SIZE = 20;
/** 'unassigned': the queue of cases before or in mediation that nobody is assigned to. */
type Filter = CaseStatus | 'all' | 'unassigned';

export default function CasesPage() {
  const { t } = useTranslation();
  const labels = useMediationLabels();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const { unitId, unit, params, setParam } = useUnitChoice('mediation.manage');
  const statusParam = params.get('status') ?? 'all';
  const status: Filter = statusParam === 'unassigned' || (CASE_STATUSES as readonly string[]).includes(statusParam) ? (statusParam as Filter) : 'all';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [registering, setRegistering] = useState(false);
  const { data, isFetching, error } = useCases({ unitId, status: status === 'all' || status === 'unassigned' ? undefined : status, unassigned: status === 'unassigned' || undefined, page, pageSize: PAGE_SIZE });

  const columns: ColumnsType<CaseListItem> = [
    { title: t('mediation.list.number'), dataIndex: 'number' },
    { title: t('mediation.list.type'), dataIndex: 'type', render: (v: string) => labels.type(v) },
    { title: t('mediation.list.village'), dataIndex: 'unitName' },
    { title: t('mediation.list.status'), dataIndex: 'status', render: (s: CaseStatus) => <Tag color={STATUS_COLORS[s]}>{labels.status(s)}</Tag> },
    { title: t('mediation.list.mediators'), dataIndex: 'mediators', render: (m: CaseListItem['mediators']) => m.map((x) => x.name).join(t('common.separator')) || '—' },
    { title: t('mediation.list.accepted'), dataIndex: 'acceptedAt', render: (v: string) => formatDateTime(v) },
  ];
  const items = data?.items ?? [];
  const pagination = { current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, showTotal: (n: number) => t('common.total', { count: n }), onChange: (p: number) => setParam({ page: p === 1 ? undefined : p }) };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="mediation-cases-page">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('mediation.list.title')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="mediation-register">{t('mediation.register.title')}</Button>
      </div>
      <Card size="small">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <UnitPicker value={unitId ?? null} initialUnit={unit} onChange={(id) => setParam({ unit: id, page: undefined })} style={{ maxWidth: 360, width: '100%' }} />
          <div style={{ overflowX: 'auto' }}>
            <Segmented<Filter>
              value={status}
              onChange={(v) => setParam({ status: v === 'all' ? undefined : v, page: undefined })}
              options={[{ value: 'all', label: t('mediation.list.all') }, { value: 'unassigned', label: t('mediation.list.unassigned') }, ...CASE_STATUSES.map((s) => ({ value: s, label: labels.status(s) }))]}
              data-testid="mediation-filter"
            />
          </div>
        </Space>
      </Card>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {isPhone ? (
        <Spin spinning={isFetching}>
          <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            {items.length === 0 && !isFetching && <Empty description={t('mediation.list.none')} />}
            {items.map((c) => <CaseCard key={c.id} c={c} />)}
            {(data?.total ?? 0) > PAGE_SIZE && <Pagination {...pagination} size="small" style={{ textAlign: 'center' }} />}
          </div>
        </Spin>
      ) : (
        <Table<CaseListItem>
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={isFetching}
          pagination={pagination}
          scroll={{ x: 'max-content' }}
          onRow={(c) => ({ onClick: () => navigate(`/mediation/cases/${c.id}`), style: { cursor: 'pointer' }, 'data-testid': 'mediation-case-row' }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <Empty description={t('mediation.list.none')} /> }}
          data-testid="mediation-cases-table"
        />
      )}
      {registering && (
        <RegisterCaseDrawer
          unit={unit}
          onClose={() => setRegistering(false)}
          onCreated={(id) => navigate(`/mediation/cases/${id}`)}
        />
      )}
    </Space>
  );
}
