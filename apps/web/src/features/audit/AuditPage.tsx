import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, DatePicker, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api/client.ts';
import type { AuditEntry, AuditQuery, Page } from '../../api/types.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { DATE_FORMAT, formatDateTime, toYmd } from '../../lib/dates.ts';
import { useDebounced } from '../../lib/useDebounced.ts';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { AuditDiff } from './AuditDiff.tsx';

const ENTITY_TYPES = ['member', 'unit', 'user', 'specialty'];
const ACTIONS = [
  'login', 'password.change',
  'unit.create', 'unit.update', 'unit.move', 'unit.archive', 'unit.import',
  'member.create', 'member.update', 'member.transfer', 'member.unmask', 'member.import', 'member.export', 'member.export_unmasked',
  'specialty.add',
  'user.create', 'user.grant', 'user.revoke', 'user.reset_password', 'user.disable', 'user.enable',
];
const SENSITIVE = new Set(['member.unmask', 'member.export_unmasked', 'user.reset_password']);

export default function AuditPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<AuditQuery>({ page: 1, pageSize: 20 });
  const [actor, setActor] = useState('');
  const debouncedActor = useDebounced(actor.trim(), 400);
  const query = { ...filters, actor: debouncedActor || undefined };
  const isPhone = useIsPhone();
  const set = (patch: Partial<AuditQuery>) => setFilters((f) => ({ ...f, page: 1, ...patch }));

  const { data, isFetching, error } = useQuery({
    queryKey: ['audit', query],
    queryFn: ({ signal }) => api.get<Page<AuditEntry>>('/api/audit', { ...query }, signal),
    placeholderData: keepPreviousData,
  });

  const actionLabel = (a: string) => t(`audit.actions.${a}`, { defaultValue: a });
  const entityLabel = (e: AuditEntry) => `${t(`audit.entityTypes.${e.entityType}`, { defaultValue: e.entityType })}${e.entityId ? ` #${e.entityId}` : ''}`;
  const actionTag = (a: string) => <Tag color={SENSITIVE.has(a) ? 'orange' : undefined}>{actionLabel(a)}</Tag>;
  // Phones: time, action and who in the row; the rest when the row is opened.
  const phoneColumns: ColumnsType<AuditEntry> = [
    {
      title: t('audit.action'),
      key: 'summary',
      render: (_: unknown, e) => (
        <div>
          {actionTag(e.action)}
          <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>
            {formatDateTime(e.at)} · {e.actorName ?? t('common.none')}
          </div>
        </div>
      ),
    },
  ];
  const details = (e: AuditEntry) => (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {isPhone && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {entityLabel(e)}
          {e.unitName ? ` · ${e.unitName}` : ''}
          {e.ip ? ` · ${e.ip}` : ''}
        </Typography.Text>
      )}
      <AuditDiff before={e.before} after={e.after} />
    </Space>
  );
  const columns: ColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
    { title: t('audit.actor'), dataIndex: 'actorName', render: (v: string | null) => v ?? t('common.none') },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (a: string) => actionTag(a),
    },
    { title: t('audit.entity'), key: 'entity', render: (_: unknown, e) => entityLabel(e) },
    { title: t('audit.unit'), dataIndex: 'unitName', render: (v: string | null) => v ?? t('common.none') },
    { title: t('audit.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '' },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('nav.audit')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('audit.intro')}</Typography.Text>
      </div>
      <Card size="small">
        <Row gutter={[8, 8]}>
          <Col xs={12} md={4}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('audit.entityType')}
              value={filters.entityType}
              onChange={(v) => set({ entityType: v })}
              options={ENTITY_TYPES.map((e) => ({ value: e, label: t(`audit.entityTypes.${e}`) }))}
              data-testid="audit-filter-entity"
            />
          </Col>
          <Col xs={12} md={5}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: '100%' }}
              placeholder={t('audit.action')}
              value={filters.action}
              onChange={(v) => set({ action: v })}
              options={ACTIONS.map((a) => ({ value: a, label: actionLabel(a) }))}
              data-testid="audit-filter-action"
            />
          </Col>
          {isPhone ? (
            <>
              {/* A range picker's two calendars are wider than a phone: two single pickers instead. */}
              <Col xs={12}>
                <DatePicker style={{ width: '100%' }} format={DATE_FORMAT} placeholder={t('audit.from')} onChange={(d) => set({ from: toYmd(d) ?? undefined })} data-testid="audit-filter-from" />
              </Col>
              <Col xs={12}>
                <DatePicker style={{ width: '100%' }} format={DATE_FORMAT} placeholder={t('audit.to')} onChange={(d) => set({ to: toYmd(d) ?? undefined })} data-testid="audit-filter-to" />
              </Col>
            </>
          ) : (
            <Col md={6}>
              <DatePicker.RangePicker
                style={{ width: '100%' }}
                format={DATE_FORMAT}
                onChange={(range) => set({ from: toYmd(range?.[0]) ?? undefined, to: toYmd(range?.[1]) ?? undefined })}
                data-testid="audit-filter-dates"
              />
            </Col>
          )}
          <Col xs={24} md={5}>
            <UnitPicker value={filters.unitId ?? null} placeholder={t('audit.unit')} onChange={(id) => set({ unitId: id })} data-testid="audit-filter-unit" />
          </Col>
          <Col xs={24} md={4}>
            <Input allowClear placeholder={t('audit.actorPlaceholder')} value={actor} onChange={(e) => { setActor(e.target.value); setFilters((f) => ({ ...f, page: 1 })); }} />
          </Col>
        </Row>
      </Card>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {/* No `scroll.x`: antd would add a hidden measuring row as the first body row. */}
      <div data-testid="audit-table" style={{ overflowX: 'auto' }}>
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          columns={isPhone ? phoneColumns : columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          onRow={() => ({ 'data-testid': 'audit-row' }) as HTMLAttributes<HTMLElement>}
          expandable={{
            expandedRowRender: details,
            rowExpandable: (e) => isPhone || e.before != null || e.after != null,
          }}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (page, pageSize) => setFilters((f) => ({ ...f, page: pageSize !== f.pageSize ? 1 : page, pageSize })),
          }}
        />
      </div>
    </Space>
  );
}
