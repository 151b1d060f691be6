// The branch meeting's vote as one form value: 应到, 实到, 赞成, 反对, 弃权. Checked here with the
// domain's rule (more than half present, more than half of those in favour) before the server
// checks it again.
import { checkVote, message, type Locale, type VoteRecord } from '@xianfeng/domain';
import { Col, InputNumber, Row, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

export type VotesValue = Partial<VoteRecord>;

const KEYS = ['eligible', 'present', 'inFavour', 'against', 'abstain'] as const;

export function VotesInput({ value, onChange, onBlur, id }: { value?: VotesValue; onChange?: (v: VotesValue) => void; onBlur?: () => void; id?: string }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[8, 8]} id={id}>
      {KEYS.map((k) => (
        <Col key={k} xs={8} sm={8} md={4} style={{ minWidth: 84 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
            {t(`campaigns.votes.${k}`)}
          </Typography.Text>
          <InputNumber
            min={0}
            max={100000}
            precision={0}
            inputMode="numeric"
            style={{ width: '100%' }}
            value={value?.[k] ?? null}
            onChange={(n) => onChange?.({ ...value, [k]: n ?? undefined })}
            onBlur={onBlur}
            data-testid={`vote-${k}`}
          />
        </Col>
      ))}
    </Row>
  );
}

/**
 * Form rules: all five counts given (checked on submit only, not while they are being typed), and
 * the vote valid by the domain's rule once they are.
 */
export function votesRules(t: TFunction, locale: string) {
  const complete = (v: VotesValue | undefined): v is VoteRecord => !!v && KEYS.every((k) => typeof v[k] === 'number');
  return [
    { validateTrigger: [] as string[], validator: (_: unknown, v: VotesValue | undefined) => (complete(v) ? Promise.resolve() : Promise.reject(new Error(t('campaigns.votes.required')))) },
    {
      validator: (_: unknown, v: VotesValue | undefined) => {
        const issue = complete(v) ? checkVote(v) : null;
        return issue ? Promise.reject(new Error(message(issue, (locale === 'en' ? 'en' : 'zh-CN') as Locale))) : Promise.resolve();
      },
    },
  ];
}

export function VotesLine({ votes }: { votes: VoteRecord & { meetingOn?: string | null } }) {
  const { t } = useTranslation();
  return (
    <span data-testid="votes-line">
      {t('campaigns.votes.line', { eligible: votes.eligible, present: votes.present, inFavour: votes.inFavour, against: votes.against, abstain: votes.abstain })}
      {votes.meetingOn ? ` · ${t('campaigns.votes.meetingOn', { day: votes.meetingOn })}` : ''}
    </span>
  );
}
