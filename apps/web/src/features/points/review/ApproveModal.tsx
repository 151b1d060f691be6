// Approving one claim under a rule with a range: the secretary may set the points within it.
import { Alert, Descriptions, InputNumber, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EvidenceLinks } from '../EvidenceLinks.tsx';
import { usePointsFormat } from '../format.ts';
import type { Claim } from '../types.ts';

export function ApproveModal({ claim, onCancel, onApprove }: { claim: Claim | null; onCancel: () => void; onApprove: (claim: Claim, points: number | null) => Promise<string | null> }) {
  const { t } = useTranslation();
  const { rulePoints } = usePointsFormat();
  const [points, setPoints] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (claim) {
      setPoints(claim.points);
      setError(null);
    }
  }, [claim]);

  const ranged = !!claim && claim.rule.pointsMin !== claim.rule.pointsMax;
  async function ok() {
    if (!claim) return;
    setBusy(true);
    setError(await onApprove(claim, ranged ? points : null));
    setBusy(false);
  }

  return (
    <Modal
      open={!!claim}
      title={t('points.review.approveTitle')}
      onCancel={onCancel}
      onOk={ok}
      okText={t('points.review.approve')}
      okButtonProps={{ loading: busy, disabled: ranged && points === null, 'data-testid': 'approve-confirm' }}
      destroyOnHidden
    >
      {claim && (
        <>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="approve-error" />}
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'member', label: t('points.review.member'), children: `${claim.member.name} · ${claim.unit.name}` },
              { key: 'rule', label: t('points.review.rule'), children: `${claim.rule.name} (${rulePoints(claim.rule)})` },
              { key: 'date', label: t('points.claim.date'), children: claim.occurredOn },
              { key: 'remark', label: t('points.claim.remark'), children: claim.remark || t('common.none') },
              { key: 'evidence', label: t('points.claim.evidence'), children: <EvidenceLinks evidence={claim.evidence} /> },
              {
                key: 'points',
                label: t('points.review.points'),
                children: ranged ? (
                  <InputNumber
                    min={claim.rule.pointsMin}
                    max={claim.rule.pointsMax}
                    precision={0}
                    value={points}
                    onChange={(v) => setPoints(v)}
                    data-testid="approve-points"
                  />
                ) : (
                  t('points.pointsValue', { count: claim.points ?? claim.rule.pointsMin })
                ),
              },
            ]}
          />
          {ranged && <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{t('points.review.overrideHint', { min: claim.rule.pointsMin, max: claim.rule.pointsMax, asked: claim.points ?? '—' })}</div>}
        </>
      )}
    </Modal>
  );
}
