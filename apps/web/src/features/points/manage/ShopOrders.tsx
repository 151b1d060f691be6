// Orders of the unit's shop: 确认领取 when the goods are handed over, 取消 with a reason (the stock
// goes back and the points are refunded).
import { Alert, App, Button, Card, Empty, Segmented, Space, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../../api/client.ts';
import { formatDateTime } from '../../../lib/dates.ts';
import { useIsPhone } from '../../../lib/useIsPhone.ts';
import { ORDER_STATUS_COLOR, usePointsFormat } from '../format.ts';
import { useInvalidatePoints, useShopOrders } from '../hooks.ts';
import { ReasonModal } from '../ReasonModal.tsx';
import type { Order, OrderStatus } from '../types.ts';

type Filter = OrderStatus | 'all';
const FILTERS: Filter[] = ['placed', 'handed_over', 'cancelled', 'all'];
const rowProps = (testId: string) => ({ 'data-testid': testId }) as HTMLAttributes<HTMLElement>;

export function ShopOrders({ unitId }: { unitId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const invalidate = useInvalidatePoints();
  const { period } = usePointsFormat();
  const [filter, setFilter] = useState<Filter>('placed');
  const [cancelling, setCancelling] = useState<Order | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const { data, isFetching, error } = useShopOrders(unitId, filter === 'all' ? undefined : filter);
  const orders = data?.items ?? [];

  async function handOver(o: Order) {
    setBusy(o.id);
    try {
      await api.post(`/api/points/shop/orders/${o.id}/hand-over`);
      message.success(t('points.order.handedOverDone', { name: o.member.name }));
      await invalidate();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  const statusTag = (o: Order) => <Tag color={ORDER_STATUS_COLOR[o.status]}>{t(`points.orderStatus.${o.status}`)}</Tag>;
  const actions = (o: Order) =>
    o.status === 'placed' && (
      <Space size={4}>
        <Button size="small" type="primary" loading={busy === o.id} onClick={() => handOver(o)} data-testid="order-hand-over">
          {t('points.order.handOver')}
        </Button>
        <Button size="small" danger onClick={() => setCancelling(o)} data-testid="order-cancel">
          {t('points.order.cancel')}
        </Button>
      </Space>
    );

  const columns: ColumnsType<Order> = [
    { title: t('points.review.member'), key: 'member', render: (_, o) => o.member.name },
    { title: t('points.shop.item'), key: 'item', render: (_, o) => `${o.item.name} × ${o.quantity}` },
    { title: t('points.shop.total'), dataIndex: 'total', render: (v: number) => t('points.pointsValue', { count: v }) },
    { title: t('points.period.label'), dataIndex: 'period', render: (p: string) => period(p) },
    { title: t('points.order.placedAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
    { title: t('points.order.status'), key: 'status', render: (_, o) => (<span>{statusTag(o)}{o.cancelReason && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{o.cancelReason}</Typography.Text>}</span>) },
    { title: t('common.actions'), key: 'actions', fixed: 'right', render: (_, o) => actions(o) },
  ];

  return (
    <Card size="small" title={t('points.order.ofShop')} data-testid="shop-orders">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
          <Segmented<Filter> value={filter} onChange={setFilter} options={FILTERS.map((f) => ({ value: f, label: f === 'all' ? t('points.order.all') : t(`points.orderStatus.${f}`) }))} />
        </div>
        {error && <Alert type="error" showIcon title={errorMessage(error)} />}
        {isPhone ? (
          <Spin spinning={isFetching}>
            <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
              {orders.length === 0 && !isFetching && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('points.order.none')} />}
              {orders.map((o) => (
                <Card key={o.id} size="small" {...rowProps('shop-order')}>
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                    <Typography.Text strong>{o.member.name}</Typography.Text>
                    {statusTag(o)}
                  </div>
                  <div>
                    {o.item.name} × {o.quantity} · {t('points.pointsValue', { count: o.total })}
                  </div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(o.createdAt)}
                  </Typography.Text>
                  {o.cancelReason && <div style={{ fontSize: 12 }}>{t('points.order.cancelledBecause', { reason: o.cancelReason })}</div>}
                  <div style={{ marginTop: 6 }}>{actions(o)}</div>
                </Card>
              ))}
            </div>
          </Spin>
        ) : (
          <Table<Order>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={orders}
            loading={isFetching}
            pagination={orders.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ x: 'max-content' }}
            onRow={() => rowProps('shop-order')}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('points.order.none')} /> }}
          />
        )}
      </Space>
      <ReasonModal
        open={!!cancelling}
        title={t('points.order.cancelTitle', { name: cancelling ? `${cancelling.member.name} · ${cancelling.item.name}` : '' })}
        description={t('points.order.cancelHint')}
        okText={t('points.order.cancel')}
        danger
        onCancel={() => setCancelling(null)}
        onSubmit={async (reason) => {
          await api.post(`/api/points/shop/orders/${cancelling!.id}/cancel`, { reason });
          message.success(t('points.order.cancelled'));
          setCancelling(null);
          await invalidate();
        }}
      />
    </Card>
  );
}
