// 议事公开: a village's or community's accountability page — every topic with its photos and where
// it stands, the decision and the vote once closed, the follow-up actions with who answers for them
// and how far they are, and a chart of the progress. No login; nothing personal (no names of
// residents, no comments, no ballots). The unit is named by its code (?unit=), as a notice board would print it.
import { Alert, Card, Col, Empty, Input, List, Progress, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { usePublicDeliberation } from '../deliberation/hooks.ts';
import { ACTION_COLORS, STATUS_COLORS, useDeliberationLabels } from '../deliberation/labels.ts';
import { TopicPhotos } from '../deliberation/TopicPhotos.tsx';
import type { PublicTopic } from '../deliberation/types.ts';

const DeliberationChart = lazy(() => import('./DeliberationChart.tsx'));

function TopicCard({ topic }: { topic: PublicTopic }) {
  const { t } = useTranslation();
  const { status, category, actionStatus } = useDeliberationLabels();
  const total = topic.vote?.counts?.reduce((a, b) => a + b, 0) ?? 0;
  return (
    <Card
      size="small"
      data-testid="public-topic"
      title={<span style={{ whiteSpace: 'normal' }}>{topic.title}</span>}
      extra={<Tag color={STATUS_COLORS[topic.status]} data-testid="public-topic-status">{status(topic.status)}</Tag>}
    >
      <Space orientation="vertical" style={{ width: '100%' }} size={6}>
        <Typography.Text type="secondary">
          {topic.unitName} · {category(topic.category)} · {formatDateTime(topic.raisedAt)}
        </Typography.Text>
        {topic.reason && <Alert type="warning" showIcon title={t('deliberation.detail.reason', { reason: topic.reason })} />}
        <TopicPhotos photos={topic.photos} size={72} />
        {topic.vote && (
          <div data-testid="public-vote">
            <Typography.Text strong>{t('deliberation.vote.title')}</Typography.Text>{' '}
            <Typography.Text type="secondary">{t('deliberation.vote.turnout', { votes: topic.vote.votes, electorate: topic.vote.electorate, turnout: topic.vote.turnout })}</Typography.Text>
            {topic.vote.counts ? (
              topic.vote.options.map((o, i) => (
                <div key={o} style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
                  <span style={{ minWidth: 80 }}>{o}</span>
                  <Progress style={{ flex: 1, margin: 0 }} percent={total ? Math.round((topic.vote!.counts![i]! / total) * 1000) / 10 : 0} size="small" />
                  <span>{t('deliberation.vote.count', { count: topic.vote!.counts![i] })}</span>
                </div>
              ))
            ) : (
              <div>
                <Typography.Text type="secondary">{t('deliberation.vote.sealedUntil', { at: formatDateTime(topic.vote.closesAt) })}</Typography.Text>
              </div>
            )}
          </div>
        )}
        {topic.decision && (
          <div data-testid="public-decision">
            <Typography.Text strong>{t('deliberation.detail.decision')}</Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{topic.decision}</Typography.Paragraph>
          </div>
        )}
        {topic.actions.length > 0 && (
          <>
            <Progress percent={topic.progress} />
            <List
              size="small"
              dataSource={topic.actions}
              renderItem={(a) => (
                <List.Item data-testid="public-action">
                  <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                    <Space size={6} wrap>
                      <Typography.Text>{a.title}</Typography.Text>
                      <Tag color={ACTION_COLORS[a.status]} data-testid="public-action-status">{actionStatus(a.status)}</Tag>
                      {a.overdue && <Tag color="red">{t('deliberation.actions.overdue')}</Tag>}
                    </Space>
                    <Typography.Text type="secondary">
                      {a.responsible}
                      {a.dueOn ? ` · ${t('deliberation.actions.due', { day: a.dueOn })}` : ''} · {a.progress}%
                    </Typography.Text>
                    {a.note && <Typography.Text type="secondary">{a.note}</Typography.Text>}
                  </Space>
                </List.Item>
              )}
            />
          </>
        )}
      </Space>
    </Card>
  );
}

export default function DeliberationPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const unit = params.get('unit')?.trim() || undefined;
  const [typed, setTyped] = useState(unit ?? '');
  const { data, isPending, isFetching, error } = usePublicDeliberation(unit);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="public-deliberation">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {data ? t('deliberation.public.titleOf', { unit: data.unit.name }) : t('deliberation.public.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('deliberation.public.intro')}</Typography.Text>
      </div>
      <Card size="small">
        <Input.Search
          value={typed}
          maxLength={40}
          placeholder={t('deliberation.public.unitCode')}
          onChange={(e) => setTyped(e.target.value)}
          onSearch={(v) => setParams(v.trim() ? { unit: v.trim() } : {}, { replace: true })}
          loading={isFetching}
          enterButton={t('deliberation.public.show')}
          data-testid="public-deliberation-unit"
        />
      </Card>
      {!unit ? (
        <Card>
          <Empty description={t('deliberation.public.pickUnit')} />
        </Card>
      ) : isPending ? (
        <Skeleton active />
      ) : error ? (
        <Alert type="error" showIcon title={errorMessage(error)} />
      ) : data.topics.length === 0 ? (
        <Card>
          <Empty description={t('deliberation.public.none')} />
        </Card>
      ) : (
        <>
          <Row gutter={[8, 8]}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('deliberation.public.topics')} value={data.figures.topics} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('deliberation.public.decided')} value={data.figures.byStatus.decided + data.figures.byStatus.implementing + data.figures.byStatus.completed} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('deliberation.public.actionsDone')} value={data.figures.actionsDone} suffix={`/ ${data.figures.actions}`} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('deliberation.public.overdue')} value={data.figures.actionsOverdue} styles={{ content: { color: data.figures.actionsOverdue ? '#cf1322' : undefined } }} />
              </Card>
            </Col>
          </Row>
          {data.figures.actions > 0 && (
            <Card size="small" title={t('deliberation.public.progressChart')}>
              <Suspense fallback={<Skeleton active />}>
                <DeliberationChart topics={data.topics} />
              </Suspense>
            </Card>
          )}
          {data.topics.map((topic) => (
            <TopicCard key={topic.id} topic={topic} />
          ))}
        </>
      )}
    </Space>
  );
}
