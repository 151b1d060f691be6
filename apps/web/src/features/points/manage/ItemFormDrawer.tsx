// Add an item to the unit's 积分超市, or edit one. Stock is set when adding; afterwards it only moves
// by 补货 (or a write-off), never by overwriting a figure redemptions are changing.
import { MAX_ORDER_QUANTITY, MAX_PRICE } from '@xianfeng/domain';
import { Alert, App, Button, Col, Drawer, Form, Input, InputNumber, Row, Space, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { applyFormErrors } from '../../../api/formErrors.ts';
import { useIsPhone } from '../../../lib/useIsPhone.ts';
import { useInvalidatePoints } from '../hooks.ts';
import type { ShopItem } from '../types.ts';

interface ItemForm {
  name: string;
  description?: string;
  price: number;
  stock?: number;
  limitPerPeriod?: number | null;
  active: boolean;
}

const FIELDS = ['name', 'description', 'price', 'stock', 'limitPerPeriod', 'active'];

export function ItemFormDrawer({ open, unitId, item, onClose }: { open: boolean; unitId: number; item?: ShopItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const invalidate = useInvalidatePoints();
  const [form] = Form.useForm<ItemForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      item
        ? { name: item.name, description: item.description, price: item.price, limitPerPeriod: item.limitPerPeriod, active: item.active }
        : { price: 10, stock: 10, limitPerPeriod: null, active: true },
    );
  }, [open, item, form]);

  async function submit(v: ItemForm) {
    setBusy(true);
    setError(null);
    const body = { name: v.name.trim(), description: v.description?.trim() ?? '', price: v.price, limitPerPeriod: v.limitPerPeriod ?? null, active: v.active };
    try {
      if (item) await api.patch(`/api/points/shop/items/${item.id}`, body);
      else await api.post('/api/points/shop/items', { unitId, ...body, stock: v.stock ?? 0 });
      message.success(item ? t('points.shopAdmin.saved') : t('points.shopAdmin.created'));
      await invalidate();
      onClose();
    } catch (e) {
      setError(applyFormErrors(form, e, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Drawer
      mask={{ closable: false }}
      open={open}
      onClose={onClose}
      size={isPhone ? '100%' : 480}
      title={item ? t('points.shopAdmin.editTitle', { name: item.name }) : t('points.shopAdmin.createTitle')}
      destroyOnHidden
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="item-form-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<ItemForm> form={form} layout="vertical" onFinish={submit} data-testid="item-form" scrollToFirstError>
        <Form.Item name="name" label={t('points.shopAdmin.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={50} data-testid="item-name" />
        </Form.Item>
        <Form.Item name="description" label={t('points.shopAdmin.description')}>
          <Input.TextArea rows={2} maxLength={200} showCount />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="price" label={t('points.shop.price')} rules={[{ required: true, message: t('common.required') }]}>
              <InputNumber min={1} max={MAX_PRICE} precision={0} style={{ width: '100%' }} data-testid="item-price" />
            </Form.Item>
          </Col>
          {!item && (
            <Col span={12}>
              <Form.Item name="stock" label={t('points.shopAdmin.stock')} rules={[{ required: true, message: t('common.required') }]}>
                <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} data-testid="item-stock" />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.Item name="limitPerPeriod" label={t('points.shopAdmin.limitPerPeriod')} extra={t('points.rules.emptyNoLimit')}>
          <InputNumber min={1} max={MAX_ORDER_QUANTITY} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="active" label={t('points.shopAdmin.onShelf')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
