// 点亮一颗星: the member's stars this year, the dark star closest to lighting with exactly what is
// still missing (points, awards) and the rules that earn them, how each dimension stands, and the
// stars finally awarded in earlier evaluations. Without memberId it shows the caller's own.
import { Alert, Card, Progress, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { usePointsFormat } from '../points/format.ts';
import { useMemberStars } from './hooks.ts';
import { Stars, STAR_LIT } from './Stars.tsx';
import type { DimensionResult, PresentedDisqualifier } from './types.ts';

/** How far along a dimension is: the lesser share of its two thresholds. */
export function shareDone(d: Pick<DimensionResult, 'points' | 'entries' | 'minPoints' | 'minEntries'>): number {
  const parts = [d.minPoints ? d.points / d.minPoints : 1, d.minEntries ? d.entries / d.minEntries : 1];
  return Math.max(0, Math.min(100, Math.floor(Math.min(...parts) * 100)));
}

export function useDisqualifierText() {
  const { t } = useTranslation();
  return (d: PresentedDisqualifier) => {
    const rule = 'ruleCode' in d ? `${d.ruleCode}${d.ruleName ? ` ${d.ruleName}` : ''}` : '';
    switch (d.kind) {
      case 'veto':
        return t('stars.disqualifier.veto');
      case 'rule_short':
        return t('stars.disqualifier.rule_short', { rule, count: d.minEntries });
      case 'rule_present':
        return t('stars.disqualifier.rule_present', { rule });
      case 'deductions_over':
        return t('stars.disqualifier.deductions_over', { points: d.points });
      default:
        return '';
    }
  };
}

/** "还差 4 分、1 次". */
export function useMissingText() {
  const { t } = useTranslation();
  return (d: Pick<DimensionResult, 'missingPoints' | 'missingEntries'>) =>
    [d.missingPoints > 0 && t('stars.missingPoints', { count: d.missingPoints }), d.missingEntries > 0 && t('stars.missingEntries', { count: d.missingEntries })]
      .filter(Boolean)
      .join(t('stars.and'));
}

export function StarProgressCard({ memberId, period: asked }: { memberId?: number; period?: string }) {
  const { t } = useTranslation();
  const { period, rulePoints } = usePointsFormat();
  const { data, isPending, error } = useMemberStars(memberId, asked);
  const disqualifierText = useDisqualifierText();
  const missingText = useMissingText();

  if (isPending) return <Card size="small"><Skeleton active /></Card>;
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;

  const e = data.evaluation;
  const names = Object.fromEntries(e.dimensions.map((d) => [d.code, d.name]));
  const c = data.closest;
  return (
    <Card size="small" title={t('stars.progress.title')} extra={<Typography.Text type="secondary">{period(data.period)}</Typography.Text>} data-testid="star-progress">
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <Stars stars={e.stars} names={names} size={24} data-testid="star-progress-stars" />
        <span data-testid="star-progress-count">{t('stars.progress.lit', { count: e.starCount })}</span>
      </div>
      {e.disqualified.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          title={t('stars.progress.disqualified')}
          description={e.disqualified.map((d, i) => <div key={i}>{disqualifierText(d)}</div>)}
          data-testid="star-progress-disqualified"
        />
      ) : c ? (
        <div style={{ marginTop: 12, padding: '10px 12px', background: '#fff1f0', borderRadius: 6 }}>
          <div style={{ fontWeight: 600 }} data-testid="star-progress-closest">
            {t('stars.progress.closest', { name: c.name })}
          </div>
          {c.description && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.description}
            </Typography.Text>
          )}
          <div style={{ marginTop: 6 }} data-testid="star-progress-missing">
            {t('stars.progress.missing', { what: missingText(c) })}
          </div>
          <Progress percent={shareDone(c)} strokeColor={STAR_LIT} size="small" />
          {c.rules.length > 0 && (
            <div style={{ marginTop: 4 }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('stars.progress.earnBy')}
              </Typography.Text>
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, marginTop: 4 }}>
                {c.rules.map((r) => (
                  <Tag key={r.code} data-testid="star-progress-rule" style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
                    {r.name} · {rulePoints(r)}
                  </Tag>
                ))}
              </div>
            </div>
          )}
          {c.evidenceRequired && (
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
              {t('stars.progress.evidence')}
            </Typography.Text>
          )}
        </div>
      ) : (
        <Alert type="success" showIcon style={{ marginTop: 12 }} title={t('stars.progress.allLit')} data-testid="star-progress-all-lit" />
      )}
      <div style={{ marginTop: 12, display: 'flex', flexDirection: 'column', gap: 6 }}>
        {e.dimensions.map((d) => (
          <div key={d.code} data-testid="star-progress-dimension" data-code={d.code}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, fontSize: 13 }}>
              <span className="xf-ellipsis">{d.name}</span>
              <Typography.Text type={d.met ? 'success' : 'secondary'} style={{ whiteSpace: 'nowrap', fontSize: 13 }}>
                {d.met ? t('stars.lit') : t('stars.progress.missing', { what: missingText(d) })}
              </Typography.Text>
            </div>
            <Progress percent={shareDone(d)} showInfo={false} size="small" strokeColor={d.met ? STAR_LIT : undefined} />
          </div>
        ))}
      </div>
      {data.awarded.length > 0 && (
        <div style={{ marginTop: 8 }} data-testid="star-progress-awarded">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('stars.progress.awarded')}
          </Typography.Text>
          <Space orientation="vertical" size={2} style={{ display: 'flex', marginTop: 4 }}>
            {data.awarded.map((a) => (
              <div key={a.period} style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                <span>{period(a.period)}</span>
                <Stars stars={a.stars} />
              </div>
            ))}
          </Space>
        </div>
      )}
    </Card>
  );
}
