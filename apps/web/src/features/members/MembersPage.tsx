import { MEMBER_STATUSES } from '@xianfeng/domain';
import { DownloadOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Empty, Input, Pagination, Row, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, download, errorMessage } from '../../api/client.ts';
import { useLabels } from '../../api/labels.ts';
import type { MemberListItem, MemberQuery, Page, UnitDetail } from '../../api/types.ts';
import { useCan } from '../../auth/session.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { useDebounced } from '../../lib/useDebounced.ts';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { MemberFormDrawer } from './MemberFormDrawer.tsx';
import { statusColor } from './statusColor.ts';
import { useSpecialties } from './useSpecialties.ts';

const PAGE_SIZES = [20, 50, 100];

function useFilters() {
  const [params, setParams] = useSearchParams();
  const pageSize = Number(params.get('pageSize'));
  const filters: Required<Pick<MemberQuery, 'page' | 'pageSize'>> & MemberQuery = {
    q: params.get('q') ?? undefined,
    unitId: Number(params.get('unitId')) || undefined,
    status: params.get('status') ?? undefined,
    specialty: params.get('specialty') ?? undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
  const update = (patch: Partial<MemberQuery>) => {
    const next = new URLSearchParams(params);
    // Any change but paging starts again at the first page.
    if (!('page' in patch)) next.delete('page');
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === null || v === '' || (k === 'page' && v === 1)) next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: true });
  };
  return { filters, update };
}

const rowProps = (testId: string) => ({ 'data-testid': testId }) as HTMLAttributes<HTMLElement>;

export default function MembersPage() {
  const { t } = useTranslation();
  const { label, options } = useLabels();
  const { message } = App.useApp();
  const can = useCan();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const { filters, update } = useFilters();
  const [search, setSearch] = useState(filters.q ?? '');
  const debounced = useDebounced(search.trim(), 350);
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    if ((filters.q ?? '') !== debounced) update({ q: debounced || undefined });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the typed text drives this
  }, [debounced]);

  const { data, isFetching, error } = useQuery({
    queryKey: ['members', filters],
    queryFn: ({ signal }) => api.get<Page<MemberListItem>>('/api/members', { ...filters }, signal),
    placeholderData: keepPreviousData,
  });
  const filterUnit = useQuery({
    queryKey: ['unit', filters.unitId],
    queryFn: () => api.get<UnitDetail>(`/api/units/${filters.unitId}`),
    enabled: !!filters.unitId,
  });
  const specialties = useSpecialties(filters.unitId);

  async function exportList() {
    setExporting(true);
    try {
      const { page: _p, pageSize: _s, ...rest } = filters;
      await download('/api/members/export', rest, t('members.exportFilename'));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  }

  const columns: ColumnsType<MemberListItem> = [
    {
      title: t('members.name'),
      dataIndex: 'name',
      fixed: 'left',
      render: (name: string, m) => (
        <Link to={`/members/${m.id}`} data-testid="member-link" onClick={(e) => e.stopPropagation()}>
          {name}
        </Link>
      ),
    },
    { title: t('members.gender'), dataIndex: 'gender', render: (g: string) => label('gender', g) },
    { title: t('members.status'), dataIndex: 'status', render: (s: string) => <Tag color={statusColor(s)}>{label('memberStatus', s)}</Tag> },
    { title: t('members.unit'), dataIndex: ['unit', 'name'], ellipsis: true },
    { title: t('members.mobile'), dataIndex: 'mobile', render: (v: string | null) => v ?? '' },
    { title: t('members.idNumber'), dataIndex: 'idNumber' },
    { title: t('members.joinDate'), dataIndex: 'joinDate' },
    {
      title: t('members.specialties'),
      dataIndex: 'specialties',
      render: (list: string[]) => list.map((s) => <Tag key={s}>{s}</Tag>),
    },
  ];

  const toolbar = (
    <Row gutter={[8, 8]}>
      <Col xs={24} md={8}>
        <div data-testid="member-search">
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('members.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onPressEnter={() => update({ q: search.trim() || undefined })}
            aria-label={t('members.searchPlaceholder')}
          />
        </div>
      </Col>
      <Col xs={24} md={6}>
        <UnitPicker
          value={filters.unitId ?? null}
          initialUnit={filterUnit.data}
          placeholder={t('members.filterUnit')}
          onChange={(id) => update({ unitId: id, specialty: undefined })}
          data-testid="member-filter-unit"
        />
      </Col>
      <Col xs={12} md={4}>
        <Select
          allowClear
          style={{ width: '100%' }}
          placeholder={t('members.filterStatus')}
          value={filters.status}
          options={options('memberStatus', MEMBER_STATUSES)}
          onChange={(v) => update({ status: v })}
          data-testid="member-filter-status"
        />
      </Col>
      <Col xs={12} md={6}>
        <Select
          allowClear
          showSearch
          style={{ width: '100%' }}
          placeholder={t('members.filterSpecialty')}
          value={filters.specialty}
          loading={specialties.isFetching}
          options={(specialties.data ?? []).map((s) => ({ value: s, label: s }))}
          onChange={(v) => update({ specialty: v })}
          data-testid="member-filter-specialty"
        />
      </Col>
    </Row>
  );

  const items = data?.items ?? [];
  const pagination = {
    current: filters.page,
    pageSize: filters.pageSize,
    total: data?.total ?? 0,
    pageSizeOptions: PAGE_SIZES,
    showSizeChanger: true,
    showTotal: (total: number) => (data?.totalCapped ? t('members.totalCapped', { count: total }) : t('common.total', { count: total })),
    onChange: (page: number, pageSize: number) => update(pageSize !== filters.pageSize ? { page: 1, pageSize } : { page }),
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('nav.members')}
        </Typography.Title>
        <Space wrap>
          {can('member.export') && (
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportList} data-testid="member-export">
              {t('members.export')}
            </Button>
          )}
          {can('member.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="member-create">
              {t('members.create')}
            </Button>
          )}
        </Space>
      </div>
      <Card size="small">{toolbar}</Card>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {isPhone ? (
        <Spin spinning={isFetching}>
          <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="member-list">
            {items.length === 0 && !isFetching && <Empty description={t('members.none')} />}
            {items.map((m) => (
              <Card key={m.id} size="small" hoverable onClick={() => navigate(`/members/${m.id}`)} {...rowProps('member-row')}>
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
                  <Typography.Text strong>{m.name}</Typography.Text>
                  <Tag color={statusColor(m.status)} style={{ marginInlineEnd: 0 }}>
                    {label('memberStatus', m.status)}
                  </Tag>
                </div>
                <div className="xf-ellipsis" style={{ color: 'rgba(0,0,0,0.55)', fontSize: 13 }}>
                  {m.unit.name}
                </div>
                <div style={{ color: 'rgba(0,0,0,0.55)', fontSize: 13 }}>
                  {label('gender', m.gender)} · {t('members.joinedOn', { date: m.joinDate })}
                  {m.mobile ? ` · ${m.mobile}` : ''}
                </div>
                {m.specialties.length > 0 && (
                  <div style={{ marginTop: 4 }}>
                    {m.specialties.map((s) => (
                      <Tag key={s}>{s}</Tag>
                    ))}
                  </div>
                )}
              </Card>
            ))}
            {(data?.total ?? 0) > 0 && <Pagination {...pagination} size="small" simple={false} showTotal={pagination.showTotal} style={{ textAlign: 'center' }} />}
          </div>
        </Spin>
      ) : (
        <Table<MemberListItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={isFetching}
          scroll={{ x: 'max-content' }}
          pagination={pagination}
          onRow={(m) => ({ ...rowProps('member-row'), onClick: () => navigate(`/members/${m.id}`), style: { cursor: 'pointer' } })}
          locale={{ emptyText: <Empty description={t('members.none')} /> }}
          data-testid="member-table"
        />
      )}
      <MemberFormDrawer
        open={creating}
        defaultUnit={filterUnit.data ?? null}
        onClose={() => setCreating(false)}
        onSaved={(m) => {
          setCreating(false);
          navigate(`/members/${m.id}`);
        }}
      />
    </Space>
  );
}
