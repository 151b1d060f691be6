// 险情上报: the alarms of one's units, those still needing someone first (the default filter), with
// where, what and who, and their photos. A duty officer opens one to take it up.
import { EnvironmentOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Pagination, Row, Segmented, Space, Spin, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, errorMessage } from '../../api/client.ts';
import type { UnitDetail } from '../../api/types.ts';
import { useCan } from '../../auth/session.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { AlarmCard } from './AlarmCard.tsx';
import { AlarmKindTag, AlarmStatusTag } from './AlarmTags.tsx';
import { AlarmThumbs } from './AlarmThumbs.tsx';
import { useAlarms } from './hooks.ts';
import type { Alarm, AlarmFilter } from './types.ts';

const FILTERS: AlarmFilter[] = ['active', 'open', 'handling', 'promoted', 'closed', 'all'];
const PAGE_SIZE = 20;

export default function AlarmsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const status = (FILTERS as string[]).includes(params.get('status') ?? '') ? (params.get('status') as AlarmFilter) : 'active';
  const unitId = Number(params.get('unit')) || undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const set = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    if (!('page' in patch)) next.delete('page');
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '' || (k === 'page' && v === 1) || (k === 'status' && v === 'active')) next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: true });
  };

  const { data, isFetching, error } = useAlarms({ status, unitId, page, pageSize: PAGE_SIZE });
  const unit = useQuery({ queryKey: ['unit', unitId], queryFn: () => api.get<UnitDetail>(`/api/units/${unitId}`), enabled: !!unitId });

  const columns: ColumnsType<Alarm> = [
    { title: t('alarms.field.raisedAt'), dataIndex: 'raisedAt', width: 170, render: (v: string) => formatDateTime(v) },
    { title: t('alarms.field.kind'), dataIndex: 'kind', render: (k: string) => <AlarmKindTag kind={k} /> },
    {
      title: t('alarms.field.place'),
      dataIndex: 'place',
      render: (place: string, a) => (
        <span>
          {place || t('alarms.coordsOnly')}
          {a.latitude !== null && <EnvironmentOutlined style={{ color: '#389e0d', marginInlineStart: 6 }} title={t('alarms.hasCoords')} />}
        </span>
      ),
    },
    { title: t('alarms.field.unit'), dataIndex: 'unitName', ellipsis: true },
    { title: t('alarms.field.raiser'), dataIndex: ['raisedBy', 'name'], ellipsis: true },
    { title: t('alarms.field.status'), dataIndex: 'status', render: (s: string) => <AlarmStatusTag status={s} /> },
    { title: t('alarms.field.photos'), dataIndex: 'photoCount', render: (n: number, a) => <AlarmThumbs alarmId={a.id} count={n} /> },
  ];

  const items = data?.items ?? [];
  const pagination = { current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, showTotal: (n: number) => t('common.total', { count: n }), onChange: (p: number) => set({ page: p }) };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="alarms-page">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('alarms.list.title')}
        </Typography.Title>
        {can('alarm.raise') && (
          <Link to="/alarms/new">
            <Button type="primary" danger icon={<PlusOutlined />} data-testid="alarms-raise">
              {t('alarms.raise.title')}
            </Button>
          </Link>
        )}
      </div>
      <Card size="small">
        <Row gutter={[8, 8]} align="middle">
          <Col xs={24} md={14}>
            <div style={{ overflowX: 'auto' }}>
              <Segmented<AlarmFilter>
                value={status}
                onChange={(v) => set({ status: v })}
                options={FILTERS.map((f) => ({ value: f, label: t(`alarms.filter.${f}`) }))}
                data-testid="alarms-filter"
              />
            </div>
          </Col>
          <Col xs={24} md={10}>
            <UnitPicker value={unitId ?? null} initialUnit={unit.data} placeholder={t('alarms.list.allUnits')} onChange={(id) => set({ unit: id })} />
          </Col>
        </Row>
      </Card>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {isPhone ? (
        <Spin spinning={isFetching}>
          <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="alarms-list">
            {items.length === 0 && !isFetching && <Empty description={t(status === 'active' ? 'alarms.list.noneActive' : 'alarms.list.none')} />}
            {items.map((a) => (
              <AlarmCard key={a.id} alarm={a} />
            ))}
            {(data?.total ?? 0) > PAGE_SIZE && <Pagination {...pagination} size="small" style={{ textAlign: 'center' }} />}
          </div>
        </Spin>
      ) : (
        <Table<Alarm>
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={isFetching}
          scroll={{ x: 'max-content' }}
          pagination={pagination}
          onRow={(a) => ({
            onClick: () => navigate(`/alarms/${a.id}`),
            style: { cursor: 'pointer', background: a.status === 'open' ? '#fff1f0' : undefined },
            'data-testid': 'alarm-row',
          }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <Empty description={t(status === 'active' ? 'alarms.list.noneActive' : 'alarms.list.none')} /> }}
          data-testid="alarms-table"
        />
      )}
    </Space>
  );
}
