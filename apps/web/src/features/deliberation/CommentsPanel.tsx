// 讨论: what the people of the village say about a topic, oldest first, a page at a time (加载更多
// fetches the next). Resident text is rendered as text (React escapes it; nothing here injects HTML). Anyone of the village reports a comment once; a hidden
// comment shows as “该评论已被隐藏” to everyone but its author and the moderators, who also get
// hide and restore.
import { EyeInvisibleOutlined, EyeOutlined, FlagOutlined, SendOutlined } from '@ant-design/icons';
import { TOPIC_DISCUSSABLE_STATUSES } from '@xianfeng/domain';
import { Alert, App, Button, Card, Empty, Input, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { addComment, moderateComment, reportComment, useComments, useInvalidateDeliberation } from './hooks.ts';
import type { Comment, TopicDetail } from './types.ts';

function CommentItem({ c, topic, canModerate }: { c: Comment; topic: TopicDetail; canModerate: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const invalidate = useInvalidateDeliberation();

  async function run(work: () => Promise<unknown>, done: string) {
    try {
      await work();
      message.success(done);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      void invalidate();
    }
  }

  const actions = [];
  if (topic.rights.discuss && !c.mine && !c.reportedByMe && !c.hidden)
    actions.push(
      <Popconfirm key="report" title={t('deliberation.comments.reportConfirm')} onConfirm={() => run(() => reportComment(c.id, ''), t('deliberation.comments.reported'))}>
        <Button type="link" size="small" icon={<FlagOutlined />} data-testid="comment-report">
          {t('deliberation.comments.report')}
        </Button>
      </Popconfirm>,
    );
  if (c.reportedByMe) actions.push(<Typography.Text key="reported" type="secondary">{t('deliberation.comments.reportedByMe')}</Typography.Text>);
  if (canModerate && c.state !== 'hidden')
    actions.push(
      <Button key="hide" type="link" size="small" danger icon={<EyeInvisibleOutlined />} onClick={() => run(() => moderateComment(c.id, 'hide', ''), t('deliberation.comments.hiddenDone'))} data-testid="comment-hide">
        {t('deliberation.comments.hide')}
      </Button>,
    );
  if (canModerate && c.hidden)
    actions.push(
      <Button key="restore" type="link" size="small" icon={<EyeOutlined />} onClick={() => run(() => moderateComment(c.id, 'restore', ''), t('deliberation.comments.restored'))} data-testid="comment-restore">
        {t('deliberation.comments.restore')}
      </Button>,
    );

  return (
    <List.Item actions={actions} data-testid="comment" style={{ flexWrap: 'wrap' }}>
      <List.Item.Meta
        title={
          <Space size={6} wrap>
            <span>{c.author.name}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
              {formatDateTime(c.createdAt)}
            </Typography.Text>
            {c.hidden && c.body !== null && <Tag color="red">{t('deliberation.comments.hiddenTag')}</Tag>}
            {canModerate && (c.reports ?? 0) > 0 && <Tag color="orange">{t('deliberation.comments.reports', { count: c.reports })}</Tag>}
          </Space>
        }
        description={
          c.body === null ? (
            <Typography.Text type="secondary" italic data-testid="comment-hidden">
              {t('deliberation.comments.hiddenText')}
            </Typography.Text>
          ) : (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0, color: 'rgba(0,0,0,0.88)' }} data-testid="comment-body">
              {c.body}
            </Typography.Paragraph>
          )
        }
      />
    </List.Item>
  );
}

export function CommentsPanel({ topic }: { topic: TopicDetail }) {
  const { t } = useTranslation();
  const { data, error, fetchNextPage, hasNextPage, isFetchingNextPage } = useComments(topic.id);
  // The figures come with every page and cover the whole discussion: the latest page's are current.
  const pages = data?.pages ?? [];
  const latest = pages[pages.length - 1];
  const items = pages.flatMap((p) => p.items);
  const canModerate = latest?.canModerate ?? false;
  const total = latest?.total ?? topic.commentCount;
  const invalidate = useInvalidateDeliberation();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const open = TOPIC_DISCUSSABLE_STATUSES.includes(topic.status);

  async function send() {
    if (!text.trim()) return;
    setBusy(true);
    setSendError(null);
    try {
      await addComment(topic.id, text.trim());
      setText('');
      void invalidate();
    } catch (e) {
      setSendError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card
      size="small"
      title={t('deliberation.comments.title', { count: total })}
      extra={canModerate && (latest?.hiddenCount ?? 0) > 0 && <Tag color="red" data-testid="comments-hidden-count">{t('deliberation.comments.hiddenCount', { count: latest!.hiddenCount })}</Tag>}
      data-testid="comments-panel"
    >
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {data && items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('deliberation.comments.empty')} />}
      {items.length > 0 && <List dataSource={items} renderItem={(c) => <CommentItem key={c.id} c={c} topic={topic} canModerate={canModerate} />} />}
      {hasNextPage && (
        <Space orientation="vertical" align="center" style={{ width: '100%', marginTop: 8 }}>
          <Typography.Text type="secondary" data-testid="comments-shown">{t('deliberation.comments.shown', { shown: items.length, total })}</Typography.Text>
          <Button onClick={() => void fetchNextPage()} loading={isFetchingNextPage} data-testid="comments-more">
            {t('deliberation.comments.loadMore')}
          </Button>
        </Space>
      )}
      {topic.rights.discuss && open && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }}>
          <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} rows={3} maxLength={2000} placeholder={t('deliberation.comments.placeholder')} data-testid="comment-input" />
          {sendError && <Alert type="error" showIcon title={sendError} />}
          <Button type="primary" icon={<SendOutlined />} block loading={busy} disabled={!text.trim()} onClick={send} data-testid="comment-send">
            {t('deliberation.comments.send')}
          </Button>
        </Space>
      )}
      {!open && <Typography.Text type="secondary">{t('deliberation.comments.closed')}</Typography.Text>}
    </Card>
  );
}
