import { Alert, App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { applyFormErrors } from '../../api/formErrors.ts';
import type { MemberDetail } from '../../api/types.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { DATE_FORMAT, isFuture, toYmd, today } from '../../lib/dates.ts';

interface TransferForm {
  toUnitId?: number;
  transferredOn: Dayjs | null;
  reason?: string;
}

/** 组织关系转接: moves a member to another unit; the history is kept. */
export function TransferModal({ open, member, onClose, onDone }: { open: boolean; member: MemberDetail; onClose: () => void; onDone: (m: MemberDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TransferForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      setError(null);
      form.resetFields();
      form.setFieldsValue({ transferredOn: today() });
    }
  }, [open, form]);

  async function submit(v: TransferForm) {
    setBusy(true);
    setError(null);
    try {
      const moved = await api.post<MemberDetail>(`/api/members/${member.id}/transfer`, {
        toUnitId: v.toUnitId,
        transferredOn: toYmd(v.transferredOn) ?? undefined,
        reason: v.reason?.trim() || null,
      });
      message.success(t('transfer.done', { unit: moved.unit.name }));
      onDone(moved);
    } catch (e) {
      setError(applyFormErrors(form, e, ['toUnitId', 'transferredOn', 'reason']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('transfer.title', { name: member.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('transfer.submit')}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'transfer-submit' }}
    >
      <Typography.Paragraph type="secondary">
        {t('transfer.from')}
        {t('common.colon')}
        <Typography.Text strong>{member.unit.name}</Typography.Text>
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<TransferForm> form={form} layout="vertical" onFinish={submit} data-testid="transfer-form">
        <Form.Item name="toUnitId" label={t('transfer.to')} rules={[{ required: true, message: t('common.required') }]}>
          <UnitPicker excludeIds={[member.unit.id]} data-testid="transfer-unit" />
        </Form.Item>
        <Form.Item name="transferredOn" label={t('transfer.date')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker format={DATE_FORMAT} disabledDate={isFuture} style={{ width: '100%' }} data-testid="transfer-date" />
        </Form.Item>
        <Form.Item name="reason" label={t('transfer.reason')}>
          <Input.TextArea maxLength={200} showCount rows={3} data-testid="transfer-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
