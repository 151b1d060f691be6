// The comparison table: 作风 (base, deductions, violations) and 贡献 (bonus, tasks) side by side with
// the score, the commitment and the stars, sorted on the server by any column.
import { Button, Table, Tag, Typography } from 'antd';
import type { ColumnsType, SortOrder, TablePaginationConfig } from 'antd/es/table/interface';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../../lib/useIsPhone.ts';
import { Stars } from '../Stars.tsx';
import type { ComparePage, CompareRow, CompareSort } from '../types.ts';

const rowProps = () => ({ 'data-testid': 'compare-row' }) as HTMLAttributes<HTMLElement>;

export interface CompareTableProps {
  data: ComparePage | undefined;
  loading: boolean;
  sort: CompareSort;
  order: 'asc' | 'desc';
  onSort: (sort: CompareSort, order: 'asc' | 'desc') => void;
  onPage: (page: number, pageSize: number) => void;
  onProxy?: (row: CompareRow) => void;
}

export function CompareTable({ data, loading, sort, order, onSort, onPage, onProxy }: CompareTableProps) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const sorted = (key: CompareSort): { sorter: true; sortOrder: SortOrder; sortDirections: SortOrder[] } => ({
    sorter: true,
    sortOrder: sort === key ? (order === 'asc' ? 'ascend' : 'descend') : null,
    sortDirections: ['descend', 'ascend'],
  });
  /** Column titles carry a test id, so a test can sort by clicking them. */
  const head = (key: CompareSort, title: string) => <span data-testid={`compare-col-${key}`}>{title}</span>;
  const num = (key: CompareSort & keyof CompareRow, title: string, color?: string) => ({
    title: head(key, title), dataIndex: key, key, width: 84, align: 'right' as const, ...sorted(key),
    render: (v: number) => <span style={{ color, fontWeight: 500 }} data-testid={`compare-${key}`}>{v}</span>,
  });
  const columns: ColumnsType<CompareRow> = [
    {
      title: head('name', t('commitments.compare.member')), dataIndex: 'name', key: 'name', fixed: 'left', width: isPhone ? 110 : 160, ...sorted('name'),
      render: (_, r) => (
        <div style={{ minWidth: 0 }}>
          <div className="xf-ellipsis" data-testid="compare-name">{r.name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} className="xf-ellipsis">
            {r.unitName}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('commitments.compare.conduct'),
      children: [
        num('base', t('commitments.compare.base'), '#1677ff'),
        num('deduction', t('commitments.compare.deduction'), '#cf1322'),
        num('violations', t('commitments.compare.violations')),
      ],
    },
    {
      title: t('commitments.compare.contribution'),
      children: [num('bonus', t('commitments.compare.bonus'), '#389e0d'), num('tasks', t('commitments.compare.tasks'))],
    },
    {
      ...num('score', t('commitments.compare.score')),
      render: (v: number, r) => (
        <span data-testid="compare-score">
          <strong>{v}</strong>
          {r.vetoed && <Tag color="magenta" style={{ marginInlineStart: 4 }}>{t('commitments.compare.vetoed')}</Tag>}
        </span>
      ),
    },
    {
      title: t('commitments.compare.commitment'),
      children: [
        {
          title: head('committed', t('commitments.compare.committed')), dataIndex: 'committed', key: 'committed', width: 96, align: 'center', ...sorted('committed'),
          render: (v: boolean, r) =>
            v ? (
              <Tag color="red" title={r.commitment ?? undefined} data-testid="compare-committed">
                {t('commitments.compare.yes')}
              </Tag>
            ) : (
              <Tag data-testid="compare-committed">{t('commitments.compare.no')}</Tag>
            ),
        },
        num('updates', t('commitments.compare.updates')),
      ],
    },
    {
      title: head('stars', t('commitments.compare.stars')), dataIndex: 'stars', key: 'stars', width: 130, ...sorted('stars'),
      render: (_: number, r) => <Stars lit={r.starDimensions} size={12} testId="compare-stars" />,
    },
    ...(onProxy
      ? [{
          title: t('common.actions'), key: 'actions', width: 90, fixed: 'right' as const,
          render: (_: unknown, r: CompareRow) => (
            <Button size="small" onClick={() => onProxy(r)} data-testid="compare-proxy">
              {t('commitments.compare.proxy')}
            </Button>
          ),
        }]
      : []),
  ];
  const pagination: TablePaginationConfig = {
    current: data?.page ?? 1,
    pageSize: data?.pageSize ?? 20,
    total: data?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [20, 50, 100],
    size: 'small',
    showTotal: (n) => t('common.total', { count: n }),
  };
  return (
    <Table<CompareRow>
      rowKey="memberId"
      size="small"
      bordered
      columns={columns}
      dataSource={data?.items ?? []}
      loading={loading}
      pagination={pagination}
      scroll={{ x: 'max-content' }}
      onRow={rowProps}
      expandable={{
        rowExpandable: (r) => !!r.commitment,
        expandedRowRender: (r) => <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{r.commitment}</Typography.Paragraph>,
      }}
      onChange={(p, _filters, sorter, extra) => {
        if (extra.action === 'sort') {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          if (s?.order && s.columnKey) onSort(s.columnKey as CompareSort, s.order === 'ascend' ? 'asc' : 'desc');
          else onSort('score', 'desc');
        } else if (extra.action === 'paginate') onPage(p.current ?? 1, p.pageSize ?? 20);
      }}
    />
  );
}
