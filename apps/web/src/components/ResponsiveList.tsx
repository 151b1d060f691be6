// A queue of records (alarms, hazards, households) the way every such page shows it: cards one
// under the other on a phone, a table on a wider screen, the same page of the same list either way;
// and the filter, unit and page it shows kept in the address, so a link or a reload shows it again.
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Pagination, Row, Segmented, Spin, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Fragment, type CSSProperties, type HTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import type { UnitDetail } from '../api/types.ts';
import { useIsPhone } from '../lib/useIsPhone.ts';
import { UnitPicker } from './UnitPicker.tsx';

/**
 * `?status=…&unit=…&page=…`: a status from `filters` (else `fallback`, which the address leaves
 * out), a unit (with its details, for the unit picker to show its name) and a page. Any change but
 * the page's own goes back to the first page.
 */
export function useListParams<F extends string>(filters: readonly F[], fallback: F) {
  const [params, setParams] = useSearchParams();
  const asked = params.get('status') ?? '';
  const status = (filters as readonly string[]).includes(asked) ? (asked as F) : fallback;
  const unitId = Number(params.get('unit')) || undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const unit = useQuery({ queryKey: ['unit', unitId], queryFn: () => api.get<UnitDetail>(`/api/units/${unitId}`), enabled: !!unitId });
  const set = (patch: { status?: F; unit?: number; page?: number }) => {
    const next = new URLSearchParams(params);
    if (!('page' in patch)) next.delete('page');
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '' || (k === 'page' && v === 1) || (k === 'status' && v === fallback)) next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: true });
  };
  return { status, unitId, unit: unit.data, page, set };
}

export type ListParams<F extends string> = ReturnType<typeof useListParams<F>>;

/** The status filter (scrolling sideways on its own on a phone) and the unit, of `useListParams`. */
export function ListFilters<F extends string>({ params, filters, label, unitPlaceholder, testId }: {
  params: ListParams<F>;
  filters: readonly F[];
  label: (filter: F) => ReactNode;
  unitPlaceholder: string;
  testId?: string;
}) {
  return (
    <Card size="small">
      <Row gutter={[8, 8]} align="middle">
        <Col xs={24} md={14}>
          <div style={{ overflowX: 'auto' }}>
            <Segmented<F> value={params.status} onChange={(v) => params.set({ status: v })} options={filters.map((f) => ({ value: f, label: label(f) }))} data-testid={testId} />
          </div>
        </Col>
        <Col xs={24} md={10}>
          <UnitPicker value={params.unitId ?? null} initialUnit={params.unit} placeholder={unitPlaceholder} onChange={(id) => params.set({ unit: id })} />
        </Col>
      </Row>
    </Card>
  );
}

export interface ResponsiveListProps<T extends { id: number }> {
  /** One page of the list and the count of all (nothing yet while loading). */
  data: { items: T[]; total: number } | undefined;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  loading: boolean;
  /** What an empty list says. */
  empty: ReactNode;
  /** One record as a phone card (it carries its own test id and click). */
  card: (item: T) => ReactNode;
  columns: ColumnsType<T>;
  /** Opening a record from its table row. */
  onOpen: (item: T) => void;
  /** A table row's test id and, for a record that needs attention, its background. */
  row: (item: T) => { testId: string; background?: string };
  /** data-testids: `${testId}-list` (phone) and `${testId}-table`. */
  testId: string;
}

export function ResponsiveList<T extends { id: number }>({ data, page, pageSize, onPage, loading, empty, card, columns, onOpen, row, testId }: ResponsiveListProps<T>) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const items = data?.items ?? [];
  const total = data?.total ?? 0;
  if (isPhone)
    return (
      <Spin spinning={loading}>
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid={`${testId}-list`}>
          {items.length === 0 && !loading && <Empty description={empty} />}
          {items.map((item) => (
            <Fragment key={item.id}>{card(item)}</Fragment>
          ))}
          {total > pageSize && <Pagination current={page} pageSize={pageSize} total={total} onChange={onPage} size="small" style={{ textAlign: 'center' }} />}
        </div>
      </Spin>
    );
  return (
    <Table<T>
      rowKey="id"
      columns={columns}
      dataSource={items}
      loading={loading}
      scroll={{ x: 'max-content' }}
      pagination={{ current: page, pageSize, total, showTotal: (n: number) => t('common.total', { count: n }), onChange: onPage }}
      onRow={(item) => {
        const { testId: rowTestId, background } = row(item);
        const style: CSSProperties = { cursor: 'pointer', background };
        return { onClick: () => onOpen(item), style, 'data-testid': rowTestId } as HTMLAttributes<HTMLElement>;
      }}
      locale={{ emptyText: <Empty description={empty} /> }}
      data-testid={`${testId}-table`}
    />
  );
}
