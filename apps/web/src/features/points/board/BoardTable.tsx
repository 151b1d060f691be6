// The ranked list of the 先锋榜: rank, name, unit, score and the change since the previous period.
import { ArrowDownOutlined, ArrowUpOutlined, TrophyFilled } from '@ant-design/icons';
import { Button, Empty, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../../lib/useIsPhone.ts';
import type { BoardRow } from '../types.ts';
import { Stars } from '../../stars/Stars.tsx';

const MEDAL = ['#d4a017', '#a0a0a0', '#b87333'];
const rowProps = (testId: string) => ({ 'data-testid': testId }) as HTMLAttributes<HTMLElement>;

function Rank({ rank }: { rank: number }) {
  if (rank <= 3) return <TrophyFilled style={{ color: MEDAL[rank - 1], fontSize: 18 }} aria-label={String(rank)} />;
  return <span style={{ fontWeight: 600 }}>{rank}</span>;
}

function Change({ change }: { change: number | null }) {
  const { t } = useTranslation();
  if (change === null) return <Typography.Text type="secondary">{t('points.board.new')}</Typography.Text>;
  if (change === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return change > 0 ? (
    <span style={{ color: '#389e0d', whiteSpace: 'nowrap' }} data-testid="board-change">
      <ArrowUpOutlined /> {change}
    </span>
  ) : (
    <span style={{ color: '#cf1322', whiteSpace: 'nowrap' }} data-testid="board-change">
      <ArrowDownOutlined /> {-change}
    </span>
  );
}

export function BoardTable({ rows, loading, canLoadMore, onLoadMore }: { rows: BoardRow[]; loading: boolean; canLoadMore: boolean; onLoadMore: () => void }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const columns: ColumnsType<BoardRow> = [
    { title: t('points.board.rank'), dataIndex: 'rank', width: 56, align: 'center', render: (r: number) => <Rank rank={r} /> },
    isPhone
      ? {
          title: t('points.review.member'),
          key: 'name',
          render: (_, r) => (
            <div style={{ minWidth: 0 }}>
              <div className="xf-ellipsis">{r.name}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} className="xf-ellipsis">
                {r.unitName}
              </Typography.Text>
              {r.stars && <div><Stars stars={r.stars} size={12} /></div>}
            </div>
          ),
        }
      : { title: t('points.review.member'), dataIndex: 'name' },
    ...(isPhone ? [] : [{ title: t('points.board.unit'), dataIndex: 'unitName', ellipsis: true }]),
    ...(isPhone ? [] : [{ title: t('stars.boardColumn'), dataIndex: 'stars', width: 110, render: (s: BoardRow['stars']) => (s ? <Stars stars={s} size={14} /> : <Typography.Text type="secondary">—</Typography.Text>) }]),
    { title: t('points.board.score'), dataIndex: 'score', width: 72, align: 'right', render: (s: number) => <strong data-testid="board-score">{s}</strong> },
    { title: t('points.board.change'), dataIndex: 'change', width: 80, align: 'right', render: (c: number | null) => <Change change={c} /> },
  ];
  return (
    <div data-testid="board-table">
      <Table<BoardRow>
        rowKey="memberId"
        size={isPhone ? 'small' : 'middle'}
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={false}
        tableLayout={isPhone ? 'fixed' : undefined}
        onRow={() => rowProps('board-row')}
        locale={{ emptyText: <Empty description={t('points.board.none')} /> }}
      />
      {canLoadMore && (
        <div style={{ textAlign: 'center', marginTop: 8 }}>
          <Button onClick={onLoadMore} loading={loading} data-testid="board-more">
            {t('points.board.more')}
          </Button>
        </div>
      )}
    </div>
  );
}
