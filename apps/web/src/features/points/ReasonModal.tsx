// Asks for the reason an action needs (驳回, 冲正, 取消订单, 改挂): required, at most 200 characters.
// The caller's `onSubmit` does the request; the server's complaint about the reason lands on the field.
import { Alert, Form, Input, Modal } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFormErrors } from '../../api/formErrors.ts';

export function ReasonModal({
  open, title, description, label, okText, danger, onCancel, onSubmit,
}: {
  open: boolean;
  title: ReactNode;
  description?: ReactNode;
  label?: string;
  okText?: string;
  danger?: boolean;
  onCancel: () => void;
  onSubmit: (reason: string) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      form.resetFields();
      setError(null);
    }
  }, [open, form]);

  async function submit({ reason }: { reason: string }) {
    setBusy(true);
    setError(null);
    try {
      await onSubmit(reason.trim());
    } catch (e) {
      setError(applyFormErrors(form, e, ['reason']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={title}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={okText ?? t('common.confirm')}
      okButtonProps={{ danger, loading: busy, 'data-testid': 'reason-submit' }}
      destroyOnHidden
    >
      {description && <div style={{ marginBottom: 12 }}>{description}</div>}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} data-testid="reason-form">
        <Form.Item name="reason" label={label ?? t('points.reason')} rules={[{ required: true, whitespace: true, message: t('points.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={200} showCount autoFocus data-testid="reason-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
