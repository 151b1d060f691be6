// The member's claims, newest first, with their status; a claim still waiting can be withdrawn.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../../api/client.ts';
import { formatDateTime } from '../../../lib/dates.ts';
import { EvidenceLinks } from '../EvidenceLinks.tsx';
import { CLAIM_STATUS_COLOR, usePointsFormat } from '../format.ts';
import { useInvalidatePoints, useMyClaims } from '../hooks.ts';
import type { Claim } from '../types.ts';

function ClaimCard({ claim }: { claim: Claim }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const { rulePoints } = usePointsFormat();
  const invalidate = useInvalidatePoints();
  const withdraw = () =>
    modal.confirm({
      title: t('points.claim.withdrawTitle'),
      content: t('points.claim.withdrawConfirm', { rule: claim.rule.name, date: claim.occurredOn }),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await api.post(`/api/points/claims/${claim.id}/withdraw`);
          message.success(t('points.claim.withdrawn'));
          await invalidate();
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });
  return (
    <Card size="small" data-testid="my-claim">
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'flex-start' }}>
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong>{claim.rule.name}</Typography.Text>
          <div style={{ color: 'rgba(0,0,0,0.55)', fontSize: 13 }}>
            {claim.occurredOn} · {claim.points !== null ? t('points.pointsValue', { count: claim.points }) : rulePoints(claim.rule)}
          </div>
        </div>
        <Tag color={CLAIM_STATUS_COLOR[claim.status]} style={{ marginInlineEnd: 0 }} data-testid="my-claim-status">
          {t(`points.claimStatus.${claim.status}`)}
        </Tag>
      </div>
      {claim.remark && <div style={{ marginTop: 4 }}>{claim.remark}</div>}
      {claim.onBehalf && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('points.claim.enteredBy', { name: claim.submittedBy })}</Typography.Text>}
      {claim.status === 'rejected' && claim.decisionReason && (
        <Alert type="error" style={{ marginTop: 6 }} title={t('points.claim.rejectedBecause', { reason: claim.decisionReason })} />
      )}
      {claim.evidence.length > 0 && (
        <div style={{ marginTop: 6 }}>
          <EvidenceLinks evidence={claim.evidence} />
        </div>
      )}
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 6, gap: 8 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(claim.submittedAt)}
        </Typography.Text>
        {claim.status === 'pending' && (
          <Button size="small" onClick={withdraw} data-testid="claim-withdraw">
            {t('points.claim.withdraw')}
          </Button>
        )}
      </div>
    </Card>
  );
}

export function MyClaims({ onClaim }: { onClaim: () => void }) {
  const { t } = useTranslation();
  const { data, isPending, error } = useMyClaims();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="my-claims">
      <Button type="primary" block icon={<PlusOutlined />} onClick={onClaim} data-testid="claim-open">
        {t('points.claim.open')}
      </Button>
      {isPending ? (
        <Skeleton active />
      ) : error ? (
        <Alert type="error" showIcon title={errorMessage(error)} />
      ) : data.items.length === 0 ? (
        <Empty description={t('points.claim.none')} />
      ) : (
        data.items.map((c) => <ClaimCard key={c.id} claim={c} />)
      )}
    </div>
  );
}
