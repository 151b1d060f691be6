// 消息: the user's notifications, unread ones emphasized. Opening one marks it read and goes where it
// points (a warning's 签收 page, its dashboard); 全部已读 clears the bell.
import { CheckOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Empty, List, Pagination, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { LevelTag } from '../warnings/LevelTag.tsx';
import { markAllRead, markRead, useInbox, useInvalidateInbox, type InboxItem } from './hooks.ts';

const PAGE_SIZE = 30;

const KIND_COLOR: Record<string, string> = {
  'warning.issued': 'red',
  'warning.updated': 'orange',
  'warning.reminder': 'gold',
  'warning.escalated': 'volcano',
  'warning.cancelled': 'default',
};

export default function InboxPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const invalidate = useInvalidateInbox();
  const [unread, setUnread] = useState(false);
  const [page, setPage] = useState(1);
  const [busy, setBusy] = useState(false);
  const { data, isPending, error } = useInbox({ unread, page, pageSize: PAGE_SIZE });
  const items = data?.items ?? [];

  async function open(item: InboxItem) {
    if (!item.readAt) {
      try {
        await markRead(item.id);
      } catch {
        /* still go: being read is not worth blocking the way to a warning */
      }
      void invalidate();
    }
    if (item.link?.startsWith('/')) navigate(item.link);
  }

  async function readAll() {
    setBusy(true);
    try {
      await markAllRead();
      await invalidate();
      message.success(t('inbox.allReadDone'));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 900 }} data-testid="inbox-page">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('inbox.title')}
        </Typography.Title>
        <Space wrap>
          <Segmented<'all' | 'unread'>
            value={unread ? 'unread' : 'all'}
            onChange={(v) => {
              setUnread(v === 'unread');
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('inbox.all') },
              { value: 'unread', label: t('inbox.unread') },
            ]}
            data-testid="inbox-filter"
          />
          <Button icon={<CheckOutlined />} onClick={readAll} loading={busy} data-testid="inbox-read-all">
            {t('inbox.readAll')}
          </Button>
        </Space>
      </div>
      {error ? (
        <Alert type="error" showIcon title={errorMessage(error)} />
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <List<InboxItem>
            loading={isPending}
            dataSource={items}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(unread ? 'inbox.noneUnread' : 'inbox.none')} /> }}
            renderItem={(item) => (
              <List.Item
                data-testid="inbox-item"
                data-read={item.readAt ? 'yes' : 'no'}
                onClick={() => void open(item)}
                style={{ cursor: 'pointer', paddingInline: 16, background: item.readAt ? undefined : '#fff7f0' }}
              >
                <div style={{ display: 'flex', gap: 10, alignItems: 'flex-start', minWidth: 0, width: '100%' }}>
                  <Badge dot={!item.readAt} offset={[-2, 6]} style={{ flex: 'none' }}>
                    <span style={{ display: 'inline-block', width: 6 }} />
                  </Badge>
                  <div style={{ minWidth: 0, flex: 1 }}>
                    <Space size={6} wrap>
                      <Tag color={KIND_COLOR[item.kind] ?? 'blue'} style={{ marginInlineEnd: 0 }}>
                        {t(`inbox.kind.${item.kind}`, { defaultValue: t('inbox.kind.other') })}
                      </Tag>
                      {item.warning && <LevelTag level={item.warning.level} />}
                      <Typography.Text strong={!item.readAt} style={{ wordBreak: 'break-word' }}>
                        {item.title}
                      </Typography.Text>
                    </Space>
                    {item.text && (
                      <Typography.Paragraph type={item.readAt ? 'secondary' : undefined} style={{ margin: '4px 0 0', wordBreak: 'break-word' }} ellipsis={{ rows: 2 }}>
                        {item.text}
                      </Typography.Paragraph>
                    )}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {item.unitName ? `${item.unitName} · ` : ''}
                      {formatDateTime(item.createdAt)}
                    </Typography.Text>
                  </div>
                </div>
              </List.Item>
            )}
          />
        </Card>
      )}
      {(data?.total ?? 0) > PAGE_SIZE && (
        <Pagination simple current={page} pageSize={PAGE_SIZE} total={data?.total ?? 0} onChange={setPage} style={{ textAlign: 'center' }} />
      )}
    </Space>
  );
}
