// 积分超市 for the member: the spendable balance, the items of their village's shop (and those above),
// and their orders — cancellable while 待领取.
import { GiftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Row, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../../api/client.ts';
import { formatDateTime } from '../../../lib/dates.ts';
import { ORDER_STATUS_COLOR } from '../format.ts';
import { useInvalidatePoints, useMyOrders, useMyOverview, useMyShop } from '../hooks.ts';
import { ReasonModal } from '../ReasonModal.tsx';
import type { Order, ShopItem } from '../types.ts';
import { RedeemModal } from './RedeemModal.tsx';

function ItemCard({ item, balance, onRedeem }: { item: ShopItem; balance: number; onRedeem: () => void }) {
  const { t } = useTranslation();
  const out = item.stock <= 0;
  const poor = item.price > balance;
  return (
    <Card size="small" data-testid="shop-item" style={{ height: '100%' }}>
      <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
        <GiftOutlined style={{ fontSize: 24, color: '#d46b08', marginTop: 2 }} />
        <div style={{ flex: 1, minWidth: 0 }}>
          <Typography.Text strong>{item.name}</Typography.Text>
          {item.description && <div style={{ color: 'rgba(0,0,0,0.55)', fontSize: 13 }}>{item.description}</div>}
          <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
            {t('points.shop.stockLeft', { count: item.stock })}
            {item.shop ? ` · ${item.shop}` : ''}
          </div>
        </div>
      </div>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 8 }}>
        <span style={{ fontSize: 18, fontWeight: 600, color: '#d46b08' }}>{t('points.pointsValue', { count: item.price })}</span>
        <Button type="primary" size="small" disabled={out || poor} onClick={onRedeem} data-testid="shop-redeem">
          {out ? t('points.shop.soldOut') : poor ? t('points.shop.notEnoughShort') : t('points.shop.redeem')}
        </Button>
      </div>
    </Card>
  );
}

function OrderRow({ order, onCancel }: { order: Order; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <div style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }} data-testid="my-order">
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        <span className="xf-ellipsis">
          {order.item.name} × {order.quantity}
        </span>
        <Tag color={ORDER_STATUS_COLOR[order.status]} style={{ marginInlineEnd: 0 }} data-testid="my-order-status">
          {t(`points.orderStatus.${order.status}`)}
        </Tag>
      </div>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center', marginTop: 2 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('points.pointsValue', { count: order.total })} · {formatDateTime(order.createdAt)}
        </Typography.Text>
        {order.status === 'placed' && (
          <Button size="small" onClick={onCancel} data-testid="order-cancel">
            {t('points.order.cancel')}
          </Button>
        )}
      </div>
      {order.cancelReason && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('points.order.cancelledBecause', { reason: order.cancelReason })}</Typography.Text>}
    </div>
  );
}

export function MyShop() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const invalidate = useInvalidatePoints();
  const overview = useMyOverview();
  const shop = useMyShop();
  const orders = useMyOrders();
  const [redeeming, setRedeeming] = useState<ShopItem | null>(null);
  const [cancelling, setCancelling] = useState<Order | null>(null);
  const balance = overview.data?.current.balance ?? 0;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="my-shop">
      <Card size="small">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <span>{t('points.balance')}</span>
          <span style={{ fontSize: 24, fontWeight: 700, color: '#d46b08' }} data-testid="shop-balance">
            {overview.isPending ? '…' : balance}
          </span>
        </div>
      </Card>
      {shop.isPending ? (
        <Skeleton active />
      ) : shop.error ? (
        <Alert type="error" showIcon title={errorMessage(shop.error)} />
      ) : shop.data.items.length === 0 ? (
        <Empty description={t('points.shop.empty')} />
      ) : (
        <Row gutter={[8, 8]}>
          {shop.data.items.map((item) => (
            <Col key={item.id} xs={24} sm={12} lg={8}>
              <ItemCard item={item} balance={balance} onRedeem={() => setRedeeming(item)} />
            </Col>
          ))}
        </Row>
      )}
      <Card size="small" title={t('points.order.mine')}>
        {orders.isPending ? (
          <Skeleton active />
        ) : orders.error ? (
          <Alert type="error" showIcon title={errorMessage(orders.error)} />
        ) : orders.data.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('points.order.none')} />
        ) : (
          orders.data.items.map((o) => <OrderRow key={o.id} order={o} onCancel={() => setCancelling(o)} />)
        )}
      </Card>
      <RedeemModal item={redeeming} balance={balance} onClose={() => setRedeeming(null)} />
      <ReasonModal
        open={!!cancelling}
        title={t('points.order.cancelTitle', { name: cancelling?.item.name ?? '' })}
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
    </div>
  );
}
