// 议事厅: the topics of my village or community and its grids (and, for a secretary, of the units
// they run), newest first, as cards that read well on a phone. Raising a topic is one tap away;
// the community's public accountability page is linked for sharing.
import { CommentOutlined, GlobalOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Pagination, Segmented, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { isSystemAdmin } from '../calendar/model.ts';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { usePlaces, useTopics } from './hooks.ts';
import { STATUS_COLORS, useDeliberationLabels } from './labels.ts';
import { SettingsCard } from './SettingsCard.tsx';
import type { Topic } from './types.ts';

const PAGE_SIZE = 20;

function TopicCard({ topic }: { topic: Topic }) {
  const { t } = useTranslation();
  const { status, category } = useDeliberationLabels();
  return (
    <Link to={`/deliberation/${topic.id}`} data-testid="topic-card">
      <Card size="small" hoverable>
        <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
          <Typography.Text strong style={{ flex: 1, fontSize: 16, minWidth: 0 }} data-testid="topic-title">
            {topic.title}
          </Typography.Text>
          <Tag color={STATUS_COLORS[topic.status]} style={{ marginInlineEnd: 0 }}>
            {status(topic.status)}
          </Tag>
        </div>
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '6px 0' }}>
          {topic.description}
        </Typography.Paragraph>
        <Space size={[8, 4]} wrap style={{ color: 'rgba(0,0,0,0.45)', fontSize: 13 }}>
          <Tag>{category(topic.category)}</Tag>
          <span>{topic.unitName}</span>
          <span>{formatDateTime(topic.raisedAt)}</span>
          <span>
            <CommentOutlined /> {topic.commentCount}
          </span>
          {topic.status === 'voting' && topic.voteClosesAt && <span>{t('deliberation.list.votingUntil', { at: formatDateTime(topic.voteClosesAt) })}</span>}
        </Space>
      </Card>
    </Link>
  );
}

export default function TopicsPage() {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const me = useCurrentUser();
  const [filter, setFilter] = useState<'active' | 'all'>('active');
  const [page, setPage] = useState(1);
  const { data, isPending, error } = useTopics({ status: filter === 'active' ? 'active' : undefined, page, pageSize: PAGE_SIZE });
  const { data: places } = usePlaces();
  // The accountability page is per village or community: the one I live in, if any.
  const community = places?.items.find((p) => p.kind === 'village' || p.kind === 'community');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 820, margin: '0 auto', display: 'flex' }} data-testid="deliberation-topics">
      <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0, flex: 1 }}>
          {t('deliberation.list.title')}
        </Typography.Title>
        {community && (
          <Link to={`/public/deliberation?unit=${encodeURIComponent(community.code)}`} data-testid="deliberation-public-link">
            <Button icon={<GlobalOutlined />}>{t('deliberation.list.public')}</Button>
          </Link>
        )}
        {(places?.items.length ?? 0) > 0 && (
          <Link to="/deliberation/new">
            <Button type="primary" icon={<PlusOutlined />} size={isPhone ? 'large' : 'middle'} data-testid="deliberation-raise">
              {t('deliberation.list.raise')}
            </Button>
          </Link>
        )}
      </div>
      <Typography.Text type="secondary">{t('deliberation.list.intro')}</Typography.Text>
      {isSystemAdmin(me) && <SettingsCard />}
      <Segmented
        block={isPhone}
        value={filter}
        onChange={(v) => {
          setFilter(v as 'active' | 'all');
          setPage(1);
        }}
        options={[
          { value: 'active', label: t('deliberation.list.active') },
          { value: 'all', label: t('deliberation.list.all') },
        ]}
        data-testid="deliberation-filter"
      />
      {error ? (
        <Alert type="error" showIcon title={errorMessage(error)} />
      ) : isPending ? (
        <Skeleton active />
      ) : data.items.length === 0 ? (
        <Card>
          <Empty description={t('deliberation.list.empty')} />
        </Card>
      ) : (
        <>
          {data.items.map((topic) => (
            <TopicCard key={topic.id} topic={topic} />
          ))}
          {data.total > PAGE_SIZE && <Pagination align="center" current={page} pageSize={PAGE_SIZE} total={data.total} onChange={setPage} simple={isPhone} />}
        </>
      )}
    </Space>
  );
}
