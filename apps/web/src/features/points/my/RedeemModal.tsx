// 兑换 with a confirmation: how many, what it costs, what is left. One Idempotency-Key per opening.
import { Alert, App, Descriptions, InputNumber, Modal } from 'antd';
import { MAX_ORDER_QUANTITY } from '@xianfeng/domain';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../../api/client.ts';
import { useIdempotencyKey } from '../../../lib/idempotencyKey.ts';
import { postOnce, useInvalidatePoints } from '../hooks.ts';
import type { Order, ShopItem } from '../types.ts';

export function RedeemModal({ item, balance, onClose }: { item: ShopItem | null; balance: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const invalidate = useInvalidatePoints();
  const key = useIdempotencyKey(!!item);
  const [quantity, setQuantity] = useState(1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (item) {
      setQuantity(1);
      setError(null);
    }
  }, [item]);

  const max = item ? Math.max(1, Math.min(MAX_ORDER_QUANTITY, item.stock, item.limitPerPeriod ?? MAX_ORDER_QUANTITY)) : 1;
  const total = (item?.price ?? 0) * quantity;
  const left = balance - total;

  async function confirm() {
    if (!item) return;
    setBusy(true);
    setError(null);
    try {
      await postOnce<Order>('/api/points/shop/orders', { itemId: item.id, quantity }, key);
      message.success(t('points.shop.redeemed', { name: item.name }));
      await invalidate();
      onClose();
    } catch (e) {
      // Stock, limit and balance problems come with the server's own words.
      setError(e instanceof ApiError && e.details.length ? e.details.map((d) => d.message || e.message).join(t('common.separator')) : errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={!!item}
      title={t('points.shop.confirmTitle')}
      onCancel={onClose}
      onOk={confirm}
      okText={t('points.shop.confirmRedeem')}
      okButtonProps={{ loading: busy, disabled: left < 0, 'data-testid': 'redeem-confirm' }}
      destroyOnHidden
    >
      {item && (
        <>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="redeem-error" />}
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'name', label: t('points.shop.item'), children: item.name },
              { key: 'price', label: t('points.shop.price'), children: t('points.pointsValue', { count: item.price }) },
              {
                key: 'quantity',
                label: t('points.shop.quantity'),
                children: (
                  <InputNumber
                    min={1}
                    max={max}
                    precision={0}
                    inputMode="numeric"
                    value={quantity}
                    onChange={(v) => setQuantity(v ?? 1)}
                    data-testid="redeem-quantity"
                  />
                ),
              },
              { key: 'total', label: t('points.shop.total'), children: <strong data-testid="redeem-total">{t('points.pointsValue', { count: total })}</strong> },
              {
                key: 'left',
                label: t('points.shop.balanceAfter'),
                children: <span style={{ color: left < 0 ? '#cf1322' : undefined }}>{t('points.pointsValue', { count: left })}</span>,
              },
            ]}
          />
          {left < 0 && <Alert type="warning" showIcon title={t('points.shop.notEnough')} />}
          {item.limitPerPeriod !== null && <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12, marginTop: 8 }}>{t('points.shop.limitHint', { limit: item.limitPerPeriod })}</div>}
        </>
      )}
    </Modal>
  );
}
