// 补货: adds a delivery to the stock, or (negative) writes off broken or lost goods.
import { Alert, App, Form, InputNumber, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { applyFormErrors } from '../../../api/formErrors.ts';
import { useInvalidatePoints } from '../hooks.ts';
import type { ShopItem } from '../types.ts';

export function StockModal({ item, onClose }: { item: ShopItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const invalidate = useInvalidatePoints();
  const [form] = Form.useForm<{ addStock: number }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (item) {
      form.resetFields();
      setError(null);
    }
  }, [item, form]);

  async function submit({ addStock }: { addStock: number }) {
    if (!item) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await api.patch<ShopItem>(`/api/points/shop/items/${item.id}`, { addStock });
      message.success(t('points.shopAdmin.stockDone', { name: saved.name, stock: saved.stock }));
      await invalidate();
      onClose();
    } catch (e) {
      setError(applyFormErrors(form, e, ['addStock']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={!!item}
      title={t('points.shopAdmin.restockTitle', { name: item?.name ?? '' })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: busy, 'data-testid': 'stock-submit' }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ addStock: 10 }}>
        <Form.Item
          name="addStock"
          label={t('points.shopAdmin.addStock')}
          extra={t('points.shopAdmin.addStockHint', { stock: item?.stock ?? 0 })}
          rules={[{ required: true, message: t('common.required') }, { validator: (_, v: number) => (v === 0 ? Promise.reject(new Error(t('points.shopAdmin.addStockZero'))) : Promise.resolve()) }]}
        >
          <InputNumber min={-(item?.stock ?? 0)} max={1_000_000} precision={0} style={{ width: '100%' }} data-testid="stock-amount" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
