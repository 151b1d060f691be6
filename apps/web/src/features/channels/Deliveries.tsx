// What a channel sent, is still trying, or gave up on (by status), and the dead-letter list across
// the channels one manages, each with 重试 — the delivery goes back in the queue.
import { RedoOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Segmented, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { eventKey } from './ChannelFormDrawer.tsx';
import { retryDelivery, useDeadLetters, useDeliveries, useInvalidateChannels } from './hooks.ts';
import { DELIVERY_STATUSES, type Channel, type DeadDelivery, type Delivery, type DeliveryStatus } from './types.ts';

const STATUS_COLOR: Record<string, string> = { pending: 'processing', sent: 'green', dead: 'red' };
const PAGE_SIZE = 20;

export function DeliveryStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status] ?? 'default'} style={{ marginInlineEnd: 0 }} data-testid="delivery-status">
      {t(`channels.delivery.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

function useRetry() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const invalidate = useInvalidateChannels();
  const [busy, setBusy] = useState<number | null>(null);
  async function retry(id: number) {
    setBusy(id);
    try {
      await retryDelivery(id);
      message.success(t('channels.delivery.retried'));
      void invalidate();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }
  return { busy, retry };
}

function useColumns<T extends Delivery>(retry: ReturnType<typeof useRetry>, extra: ColumnsType<T> = [], dead = false): ColumnsType<T> {
  const { t } = useTranslation();
  return [
    { title: t('channels.delivery.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
    ...extra,
    { title: t('channels.delivery.event'), dataIndex: 'event', render: (e: string) => t(eventKey(e), { defaultValue: e }) },
    { title: t('channels.delivery.statusLabel'), dataIndex: 'status', render: (s: string) => <DeliveryStatusTag status={s} /> },
    { title: t('channels.delivery.attempts'), dataIndex: 'attempts', align: 'right' },
    ...(dead
      ? []
      : [
          {
            title: t('channels.delivery.when'),
            key: 'when',
            render: (_: unknown, d: T) => (d.sentAt ? formatDateTime(d.sentAt) : d.nextAttemptAt ? t('channels.delivery.next', { at: formatDateTime(d.nextAttemptAt) }) : t('common.none')),
          },
        ]),
    { title: t('channels.delivery.lastError'), dataIndex: 'lastError', width: 280, ellipsis: true, render: (v: string | null) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : '') },
    {
      title: t('common.actions'),
      key: 'retry',
      fixed: 'right',
      render: (_: unknown, d) =>
        d.status === 'dead' && (
          <Button size="small" icon={<RedoOutlined />} loading={retry.busy === d.id} onClick={() => retry.retry(d.id)} data-testid="delivery-retry">
            {t('channels.delivery.retry')}
          </Button>
        ),
    },
  ];
}

const payloadRow = (d: Delivery) => (
  <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all', maxHeight: 240, overflow: 'auto' }}>{JSON.stringify(d.payload, null, 2)}</pre>
);

export function DeliveriesDrawer({ channel, onClose }: { channel: Channel | null; onClose: () => void }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const [status, setStatus] = useState<DeliveryStatus | 'all'>('all');
  const [page, setPage] = useState(1);
  const retry = useRetry();
  const { data, isFetching } = useDeliveries(channel?.id ?? null, status === 'all' ? undefined : status, page, PAGE_SIZE);
  const columns = useColumns<Delivery>(retry);
  return (
    <Drawer open={!!channel} onClose={onClose} title={channel ? t('channels.delivery.title', { name: channel.name }) : ''} size={isPhone ? '100%' : 960} destroyOnHidden>
      <Segmented<DeliveryStatus | 'all'>
        value={status}
        onChange={(v) => {
          setStatus(v);
          setPage(1);
        }}
        options={(['all', ...DELIVERY_STATUSES] as const).map((s) => ({ value: s, label: t(s === 'all' ? 'channels.delivery.all' : `channels.delivery.status.${s}`) }))}
        style={{ marginBottom: 12 }}
      />
      <Table<Delivery>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: payloadRow }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { count: n }) }}
        data-testid="deliveries-table"
      />
    </Drawer>
  );
}

export function DeadLetters({ unitId }: { unitId?: number }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const retry = useRetry();
  const { data, isFetching } = useDeadLetters(unitId, page, PAGE_SIZE);
  const columns = useColumns<DeadDelivery>(retry, [{ title: t('channels.field.name'), key: 'channel', render: (_: unknown, d) => d.channel.name }], true);
  return (
    <Table<DeadDelivery>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={data?.items ?? []}
      loading={isFetching}
      scroll={{ x: 'max-content' }}
      expandable={{ expandedRowRender: payloadRow }}
      pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
      locale={{ emptyText: t('channels.dead.none') }}
      data-testid="dead-letters"
    />
  );
}
