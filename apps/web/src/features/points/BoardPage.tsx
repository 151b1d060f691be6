// 先锋榜: the ranking of a unit's subtree for a period, two charts, and the 流动挂牌. A unit may
// switch its board off (national guidance against point rankings): then a plain notice says so.
import { Alert, Button, Card, Col, Empty, Result, Row, Segmented, Select, Skeleton, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.ts';
import { useCan } from '../../auth/session.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { BoardTable } from './board/BoardTable.tsx';
import { PlaqueCard } from './board/PlaqueCard.tsx';
import { recentPeriods, usePointsFormat } from './format.ts';
import { useBoard, useBoardStats, useUnitSettings } from './hooks.ts';
import { useUnitChoice } from './useUnitChoice.ts';

const BoardCharts = lazy(() => import('./board/BoardCharts.tsx'));

const PAGE = 50;
const MAX = 200;

function Charts({ unitId, period: asked }: { unitId: number; period?: string }) {
  const { t } = useTranslation();
  const { period } = usePointsFormat();
  const [kind, setKind] = useState<'distribution' | 'trend'>('distribution');
  const { data, isPending, error } = useBoardStats(unitId, asked);
  return (
    <Card
      size="small"
      title={t('points.board.charts')}
      extra={
        <Segmented
          size="small"
          value={kind}
          onChange={(v) => setKind(v as 'distribution' | 'trend')}
          options={[
            { value: 'distribution', label: t('points.board.distribution') },
            { value: 'trend', label: t('points.board.trend') },
          ]}
        />
      }
    >
      {isPending ? (
        <Skeleton active />
      ) : error ? (
        <Alert type="error" showIcon title={errorMessage(error)} />
      ) : data.distribution.length === 0 && kind === 'distribution' ? (
        <Empty description={t('points.board.none')} />
      ) : (
        <Suspense fallback={<Skeleton active />}>
          <BoardCharts
            kind={kind}
            distribution={data.distribution.map((d) => ({ label: `${d.from}–${d.to}`, count: d.count }))}
            trend={data.trend.map((p) => ({ label: period(p.period), average: p.average, best: p.best }))}
            names={{ members: t('points.board.members'), average: t('points.board.average'), best: t('points.board.best') }}
          />
        </Suspense>
      )}
    </Card>
  );
}

export default function BoardPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { period: label } = usePointsFormat();
  const { unitId, unit, params, setParam, setUnit } = useUnitChoice('points.read');
  const settings = useUnitSettings(unitId);
  const [limit, setLimit] = useState(PAGE);
  const chosen = params.get('period') ?? undefined;
  const periods = settings.data ? recentPeriods(settings.data.periodKind, 8) : [];
  // A period of another kind (the unit changed its settings) is still shown as asked.
  const options = [...periods, ...(chosen && !periods.includes(chosen) ? [chosen] : [])].map((p) => ({ value: p, label: label(p) }));
  const board = useBoard(unitId, chosen, limit);
  const disabled = board.error instanceof ApiError && board.error.code === 'points.board_disabled';

  return (
    <div data-testid="points-board" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('nav.pointsBoard')}
      </Typography.Title>
      <Card size="small">
        <Row gutter={[8, 8]} align="middle">
          <Col xs={24} md={14}>
            <UnitPicker
              value={unitId ?? null}
              initialUnit={unit}
              allowClear={false}
              onChange={(id) => {
                setLimit(PAGE);
                setUnit(id);
              }}
              data-testid="board-unit"
            />
          </Col>
          <Col xs={24} md={10}>
            <Select
              style={{ width: '100%' }}
              value={chosen ?? periods[0]}
              options={options}
              loading={settings.isPending && !!unitId}
              placeholder={t('points.period.label')}
              onChange={(p) => {
                setLimit(PAGE);
                setParam({ period: p === periods[0] ? undefined : p });
              }}
              data-testid="board-period"
            />
          </Col>
        </Row>
      </Card>
      {!unitId ? (
        <Empty description={t('points.pickUnit')} />
      ) : (
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={15}>
            {disabled ? (
              <Card size="small" data-testid="board-disabled">
                <Result
                  status="info"
                  title={errorMessage(board.error)}
                  subTitle={t('points.board.disabledHint')}
                  extra={
                    can('points.manage') && (
                      <Link to={`/points/manage?unit=${unitId}&tab=settings`}>
                        <Button>{t('points.board.toSettings')}</Button>
                      </Link>
                    )
                  }
                />
              </Card>
            ) : board.error ? (
              <Alert type="error" showIcon title={errorMessage(board.error)} />
            ) : (
              <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
                <Card size="small" title={board.data ? t('points.board.title', { period: label(board.data.period) }) : t('nav.pointsBoard')}>
                  <BoardTable
                    rows={board.data?.items ?? []}
                    loading={board.isFetching}
                    canLoadMore={(board.data?.items.length ?? 0) >= limit && limit < MAX}
                    onLoadMore={() => setLimit((l) => Math.min(MAX, l + PAGE))}
                  />
                </Card>
                <Charts unitId={unitId} period={chosen} />
              </div>
            )}
          </Col>
          <Col xs={24} lg={9}>
            <PlaqueCard unitId={unitId} period={chosen} />
          </Col>
        </Row>
      )}
    </div>
  );
}
