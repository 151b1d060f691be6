import { Alert, App, Form, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { applyFormErrors } from '../../api/formErrors.ts';
import type { UnitDetail } from '../../api/types.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';

/** Move a unit, with its whole subtree, under another parent. */
export function MoveUnitModal({ open, unit, onClose, onMoved }: { open: boolean; unit: UnitDetail; onClose: () => void; onMoved: (u: UnitDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ parentId?: number }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      form.resetFields();
      setError(null);
    }
  }, [open, form]);

  async function submit({ parentId }: { parentId?: number }) {
    setBusy(true);
    setError(null);
    try {
      const moved = await api.post<UnitDetail>(`/api/units/${unit.id}/move`, { parentId });
      message.success(t('units.moved'));
      onMoved(moved);
    } catch (e) {
      setError(applyFormErrors(form, e, ['parentId']));
    } finally {
      setBusy(false);
    }
  }

  const current = unit.path[unit.path.length - 1];
  return (
    <Modal open={open} title={t('units.moveTitle', { name: unit.name })} onCancel={onClose} onOk={() => form.submit()} okText={t('units.move')} confirmLoading={busy} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('units.moveHint')}</Typography.Paragraph>
      {current && (
        <Typography.Paragraph>
          {t('units.currentParent')}
          {t('common.colon')}
          <Typography.Text strong>{current.name}</Typography.Text>
        </Typography.Paragraph>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="parentId" label={t('units.newParent')} rules={[{ required: true, message: t('common.required') }]}>
          <UnitPicker excludeIds={[unit.id, ...(current ? [current.id] : [])]} data-testid="move-parent" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
