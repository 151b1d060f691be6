// The member's figures at a glance: this period's score (big), how it is made up, what can still be
// spent in the shop, earlier periods and the latest entries.
import { PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../api/client.ts';
import { EntryList } from '../EntryList.tsx';
import { ACCOUNT_TEXT_COLOR, usePointsFormat } from '../format.ts';
import { useMyOverview } from '../hooks.ts';
import type { Overview, PeriodFigures } from '../types.ts';
import { EntriesDrawer } from './EntriesDrawer.tsx';
import { StarProgressCard } from '../../stars/StarProgressCard.tsx';

function Figure({ title, value, color, testId }: { title: string; value: number | string; color?: string; testId: string }) {
  return (
    <div style={{ textAlign: 'center', minWidth: 0 }}>
      <div style={{ color: 'rgba(0,0,0,0.55)', fontSize: 13 }}>{title}</div>
      <div style={{ fontSize: 20, fontWeight: 600, color }} data-testid={testId}>
        {value}
      </div>
    </div>
  );
}

export function ScoreCard({ data, onClaim }: { data: Overview; onClaim?: () => void }) {
  const { t } = useTranslation();
  const { period } = usePointsFormat();
  const c = data.current;
  return (
    <Card data-testid="my-score-card">
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'flex-start' }}>
        <Statistic
          title={t('points.my.scoreOf', { period: period(c.period) })}
          value={c.score}
          styles={{ content: { fontSize: 44, fontWeight: 700, color: '#c8161d', lineHeight: 1.1 } }}
          suffix={<span style={{ fontSize: 16 }}>{t('points.unit')}</span>}
          data-testid="my-score"
        />
        {onClaim && (
          <Button type="primary" icon={<PlusOutlined />} onClick={onClaim} data-testid="claim-open">
            {t('points.claim.open')}
          </Button>
        )}
      </div>
      {c.vetoed && <Alert type="error" showIcon title={t('points.my.vetoed')} style={{ marginTop: 8 }} />}
      <Row gutter={8} style={{ marginTop: 12 }}>
        <Col span={8}>
          <Figure title={t('points.account.base')} value={c.base} color={ACCOUNT_TEXT_COLOR.base} testId="my-base" />
        </Col>
        <Col span={8}>
          <Figure title={t('points.account.bonus')} value={c.bonus} color={ACCOUNT_TEXT_COLOR.bonus} testId="my-bonus" />
        </Col>
        <Col span={8}>
          <Figure title={t('points.account.deduction')} value={c.deduction} color={ACCOUNT_TEXT_COLOR.deduction} testId="my-deduction" />
        </Col>
      </Row>
      <div style={{ marginTop: 12, padding: '8px 12px', background: '#fff7e6', borderRadius: 6, display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
        <div>
          <div>{t('points.balance')}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {data.settings.balanceExpires ? t('points.my.balanceExpires') : t('points.my.balanceHint')}
          </Typography.Text>
        </div>
        <span style={{ fontSize: 24, fontWeight: 700, color: '#d46b08' }} data-testid="my-balance">
          {c.balance}
        </span>
      </div>
    </Card>
  );
}

function PeriodRow({ p, onOpen }: { p: PeriodFigures; onOpen: () => void }) {
  const { t } = useTranslation();
  const { period } = usePointsFormat();
  return (
    <div
      role="button"
      tabIndex={0}
      onClick={onOpen}
      onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onOpen()}
      style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, padding: '8px 0', borderBottom: '1px solid #f0f0f0', cursor: 'pointer' }}
      data-testid="my-period"
    >
      <div style={{ minWidth: 0 }}>
        <div>
          {period(p.period)} {p.vetoed && <Tag color="magenta">{t('points.veto')}</Tag>}
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('points.my.periodParts', { base: p.base, bonus: p.bonus, deduction: p.deduction, redeemed: p.redeemed })}
        </Typography.Text>
      </div>
      <span style={{ fontSize: 18, fontWeight: 600, whiteSpace: 'nowrap' }}>
        {t('points.pointsValue', { count: p.score })} <RightOutlined style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }} />
      </span>
    </div>
  );
}

export function MyOverview({ onClaim }: { onClaim: () => void }) {
  const { t } = useTranslation();
  const { data, isPending, error } = useMyOverview();
  // undefined: closed; null: the whole ledger; a period: that period's entries.
  const [entries, setEntries] = useState<string | null | undefined>(undefined);
  if (isPending) return <Skeleton active />;
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <ScoreCard data={data} onClaim={onClaim} />
      <StarProgressCard />
      <Card
        size="small"
        title={t('points.my.recent')}
        extra={
          data.recent.length > 0 && (
            <Button type="link" size="small" onClick={() => setEntries(null)} data-testid="my-all-entries">
              {t('points.my.allEntries')}
            </Button>
          )
        }
      >
        <EntryList entries={data.recent} />
      </Card>
      <Card size="small" title={t('points.my.history')}>
        {data.periods.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('points.my.noPeriods')} />
        ) : (
          data.periods.map((p) => <PeriodRow key={p.period} p={p} onOpen={() => setEntries(p.period)} />)
        )}
      </Card>
      <EntriesDrawer open={entries !== undefined} memberId={data.member.id} period={entries ?? undefined} onClose={() => setEntries(undefined)} />
    </div>
  );
}
