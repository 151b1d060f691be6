// 表决: the options as big buttons for the people of the place while the vote is open (a vote can
// be changed until it closes), the turnout against the people with a role there, and the tally —
// sealed until the vote closes, then public.
import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, App, Button, Card, Progress, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/client.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { castBallot, topicKey, useInvalidateDeliberation } from './hooks.ts';
import type { TopicDetail, Vote } from './types.ts';

export function VotePanel({ topic, vote }: { topic: TopicDetail; vote: Vote }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const invalidate = useInvalidateDeliberation();
  const [choice, setChoice] = useState<number | null>(vote.myChoice);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canVote = topic.rights.vote && vote.open;

  async function submit() {
    if (choice === null) return;
    setBusy(true);
    setError(null);
    try {
      const next = await castBallot(topic.id, choice);
      qc.setQueryData(topicKey(topic.id), next);
      message.success(t(vote.myChoice === null ? 'deliberation.vote.cast' : 'deliberation.vote.changed'));
      void invalidate();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const total = vote.counts?.reduce((a, b) => a + b, 0) ?? 0;
  return (
    <Card
      size="small"
      title={t('deliberation.vote.title')}
      extra={<Tag color={vote.open ? 'orange' : 'default'}>{vote.open ? t('deliberation.vote.open') : t('deliberation.vote.closed')}</Tag>}
      data-testid="vote-panel"
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          {vote.open ? t('deliberation.vote.closesAt', { at: formatDateTime(vote.closesAt) }) : t('deliberation.vote.closedAt', { at: formatDateTime(vote.closedAt ?? vote.closesAt) })}
        </Typography.Text>
        <div data-testid="vote-turnout">
          <Typography.Text>{t('deliberation.vote.turnout', { votes: vote.votes, electorate: vote.electorate, turnout: vote.turnout })}</Typography.Text>
          <Progress percent={vote.turnout} showInfo={false} size="small" />
        </div>
        {canVote && (
          <>
            <div role="radiogroup" style={{ display: 'grid', gap: 8 }}>
              {vote.options.map((o, i) => (
                <Button
                  key={o}
                  role="radio"
                  autoInsertSpace={false}
                  aria-checked={choice === i}
                  size="large"
                  type={choice === i ? 'primary' : 'default'}
                  icon={choice === i ? <CheckCircleFilled /> : undefined}
                  onClick={() => setChoice(i)}
                  style={{ height: 52, fontSize: 17, whiteSpace: 'normal' }}
                  data-testid={`vote-option-${i}`}
                >
                  {o}
                </Button>
              ))}
            </div>
            {error && <Alert type="error" showIcon title={error} />}
            <Button type="primary" block size="large" autoInsertSpace={false} disabled={choice === null || choice === vote.myChoice} loading={busy} onClick={submit} data-testid="vote-submit">
              {vote.myChoice === null ? t('deliberation.vote.submit') : t('deliberation.vote.change')}
            </Button>
            {vote.myChoice !== null && <Typography.Text type="secondary">{t('deliberation.vote.mine', { option: vote.options[vote.myChoice] })}</Typography.Text>}
          </>
        )}
        {!canVote && vote.myChoice !== null && <Typography.Text>{t('deliberation.vote.mine', { option: vote.options[vote.myChoice] })}</Typography.Text>}
        {vote.open && !topic.rights.vote && <Alert type="info" showIcon title={t('deliberation.vote.notYours')} />}
        {vote.counts ? (
          <div data-testid="vote-results">
            <Typography.Text strong>{t('deliberation.vote.results')}</Typography.Text>
            {vote.options.map((o, i) => (
              <div key={o} style={{ marginTop: 6 }}>
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                  <span>
                    {o} {vote.leading?.includes(i) && <Tag color="red">{t('deliberation.vote.leading')}</Tag>}
                  </span>
                  <span data-testid={`vote-count-${i}`}>{t('deliberation.vote.count', { count: vote.counts![i] })}</span>
                </div>
                <Progress percent={total ? Math.round((vote.counts![i]! / total) * 1000) / 10 : 0} size="small" />
              </div>
            ))}
          </div>
        ) : (
          <Typography.Text type="secondary">{t('deliberation.vote.sealed')}</Typography.Text>
        )}
      </Space>
    </Card>
  );
}
