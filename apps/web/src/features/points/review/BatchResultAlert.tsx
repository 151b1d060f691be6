// What a batch did: how many went through and, one by one, which did not and why.
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BatchResult, Claim } from '../types.ts';

export interface BatchOutcome {
  action: 'approve' | 'reject';
  result: BatchResult;
  /** The claims as they were when the batch was sent, to name the failed ones. */
  claims: Map<number, Claim>;
}

export function BatchResultAlert({ outcome, onClose }: { outcome: BatchOutcome; onClose: () => void }) {
  const { t } = useTranslation();
  const { result, claims, action } = outcome;
  const failed = result.failed.length;
  return (
    <Alert
      type={failed === 0 ? 'success' : result.done.length === 0 ? 'error' : 'warning'}
      showIcon
      closable={{ onClose }}
      data-testid="batch-result"
      title={t(`points.review.batchDone.${action}`, { done: result.done.length, failed })}
      description={
        failed > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {result.failed.map((f) => {
              const c = claims.get(f.id);
              return (
                <li key={f.id} data-testid="batch-failure">
                  {c ? `${c.member.name} · ${c.rule.name} · ${c.occurredOn}` : `#${f.id}`}
                  {t('common.colon')}
                  {f.message}
                </li>
              );
            })}
          </ul>
        ) : undefined
      }
    />
  );
}
