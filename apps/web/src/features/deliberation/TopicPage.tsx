// One topic: what was proposed (with its photos) and by whom, where it stands in its life (征集意见 → 议事会 → 表决 →
// 已决定 → 落实中 → 已办结), the council with its minutes, the vote, the decision and its follow-up
// actions, the discussion — and for the secretary of the place the next steps. Phone first: one
// column of cards.
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Result, Skeleton, Space, Steps, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { ActionsPanel } from './ActionsPanel.tsx';
import { CommentsPanel } from './CommentsPanel.tsx';
import { EditTopicDialog } from './EditTopicDialog.tsx';
import { topicKey, useInvalidateDeliberation, useTopic } from './hooks.ts';
import { STATUS_COLORS, useDeliberationLabels } from './labels.ts';
import { ManagePanel } from './ManagePanel.tsx';
import { TopicPhotos } from './TopicPhotos.tsx';
import type { TopicDetail, TopicStatus } from './types.ts';
import { VotePanel } from './VotePanel.tsx';

const PATH: TopicStatus[] = ['open', 'council', 'voting', 'decided', 'implementing', 'completed'];

function Lifecycle({ topic }: { topic: TopicDetail }) {
  const isPhone = useIsPhone();
  const { status } = useDeliberationLabels();
  const ended = topic.status === 'rejected' || topic.status === 'closed';
  // An ended topic stops where it was; the last step it reached is marked as the end.
  const reached = ended ? (topic.vote ? (topic.decision ? 3 : 2) : topic.council ? 1 : 0) : PATH.indexOf(topic.status);
  return (
    <Steps
      size="small"
      orientation={isPhone ? 'vertical' : 'horizontal'}
      current={reached}
      status={ended ? 'error' : topic.status === 'completed' ? 'finish' : 'process'}
      items={PATH.map((s, i) => ({ title: ended && i === reached ? `${status(s)} · ${status(topic.status)}` : status(s) }))}
      data-testid="topic-steps"
    />
  );
}

export default function TopicPage() {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const id = Number(useParams().id);
  const { data: topic, error } = useTopic(id);
  const { status, category } = useDeliberationLabels();
  const qc = useQueryClient();
  const invalidate = useInvalidateDeliberation();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);

  if (!(id > 0) || (error instanceof ApiError && error.status === 404)) return <Result status="404" title={t('errors.notFoundTitle')} subTitle={t('deliberation.detail.notFound')} data-testid="topic-not-found" />;
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  if (!topic) return <Skeleton active />;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 820, margin: '0 auto', display: 'flex' }} data-testid="topic-page">
      <Link to="/deliberation">
        <ArrowLeftOutlined /> {t('deliberation.list.title')}
      </Link>
      <Card
        title={
          <span style={{ whiteSpace: 'normal', fontSize: 17 }} data-testid="topic-title">
            {topic.title}
          </span>
        }
        extra={
          <Space size={4}>
            {topic.canEdit && (
              <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="topic-edit">
                {t('deliberation.edit.action')}
              </Button>
            )}
            <Tag color={STATUS_COLORS[topic.status]} data-testid="topic-status">
              {status(topic.status)}
            </Tag>
          </Space>
        }
      >
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 16 }} data-testid="topic-description">
          {topic.description}
        </Typography.Paragraph>
        {topic.photos.length > 0 && (
          <div style={{ marginBottom: 12 }}>
            <TopicPhotos photos={topic.photos} size={isPhone ? 96 : 120} />
          </div>
        )}
        <Descriptions size="small" column={isPhone ? 1 : 2}>
          <Descriptions.Item label={t('deliberation.field.place')}>{topic.unitName}</Descriptions.Item>
          <Descriptions.Item label={t('deliberation.field.category')}>{category(topic.category)}</Descriptions.Item>
          <Descriptions.Item label={t('deliberation.field.raisedBy')}>{topic.raisedBy.name}</Descriptions.Item>
          <Descriptions.Item label={t('deliberation.field.raisedAt')}>{formatDateTime(topic.raisedAt)}</Descriptions.Item>
        </Descriptions>
        {topic.editedAt && (
          <Tooltip title={t('deliberation.edit.editedBy', { name: topic.editedBy?.name ?? '', at: formatDateTime(topic.editedAt) })}>
            <Tag data-testid="topic-edited">{t('deliberation.edit.edited', { at: formatDateTime(topic.editedAt) })}</Tag>
          </Tooltip>
        )}
        <div style={{ marginTop: 12 }}>
          <Lifecycle topic={topic} />
        </div>
        {topic.reason && <Alert style={{ marginTop: 12 }} type="warning" showIcon title={t('deliberation.detail.reason', { reason: topic.reason })} data-testid="topic-reason" />}
      </Card>
      <ManagePanel topic={topic} />
      {topic.council && (
        <Card size="small" title={t('deliberation.council.title')} data-testid="council-card">
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('deliberation.council.when')}>{formatDateTime(topic.council.scheduledAt)}</Descriptions.Item>
            <Descriptions.Item label={t('deliberation.council.place')}>{topic.council.place}</Descriptions.Item>
            {topic.council.people.length > 0 && <Descriptions.Item label={t('deliberation.council.people')}>{topic.council.people.map((p) => p.name).join(t('deliberation.council.joiner'))}</Descriptions.Item>}
            {topic.council.attendees.length > 0 && <Descriptions.Item label={t('deliberation.council.guests')}>{topic.council.attendees.join(t('deliberation.council.joiner'))}</Descriptions.Item>}
            {topic.council.attendance.total > 0 && (
              <Descriptions.Item label={t('deliberation.council.attendees')}>
                <span data-testid="council-attendance">{t('deliberation.council.attendance', topic.council.attendance)}</span>
              </Descriptions.Item>
            )}
          </Descriptions>
          {topic.council.minutes ? (
            <>
              <Typography.Text strong>{t('deliberation.council.minutes')}</Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 4 }} data-testid="council-minutes-text">
                {topic.council.minutes}
              </Typography.Paragraph>
              <Typography.Text type="secondary">{t('deliberation.council.minutesBy', { name: topic.council.minutesBy ?? '', at: formatDateTime(topic.council.minutesAt) })}</Typography.Text>
            </>
          ) : (
            <Typography.Text type="secondary">{t('deliberation.council.noMinutes')}</Typography.Text>
          )}
        </Card>
      )}
      {topic.vote && <VotePanel key={`${topic.vote.myChoice}`} topic={topic} vote={topic.vote} />}
      {topic.decision && (
        <Card size="small" title={t('deliberation.detail.decision')} data-testid="decision-card">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 16, margin: 0 }}>{topic.decision}</Typography.Paragraph>
          {topic.decidedAt && <Typography.Text type="secondary">{formatDateTime(topic.decidedAt)}</Typography.Text>}
        </Card>
      )}
      <ActionsPanel topic={topic} />
      <CommentsPanel topic={topic} />
      {editing && (
        <EditTopicDialog
          topic={topic}
          onClose={() => setEditing(false)}
          onDone={(next) => {
            qc.setQueryData(topicKey(topic.id), next);
            setEditing(false);
            message.success(t('deliberation.edit.saved'));
            void invalidate();
          }}
        />
      )}
    </Space>
  );
}
