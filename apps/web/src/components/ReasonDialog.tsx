// Asks for the written reason an action needs (驳回, 冲正, 退回, 不予推荐, an objection's 答复):
// required, with the server's complaint about it placed on the field. The caller's `onSubmit`
// does the request.
import { Alert, Form, Input, Modal } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFormErrors } from '../api/formErrors.ts';

export function ReasonDialog({
  open, title, description, label, okText, danger, field = 'reason', maxLength = 500, requiredMessage, testIdPrefix = 'reason', onCancel, onSubmit,
}: {
  open: boolean;
  title: ReactNode;
  description?: ReactNode;
  label: string;
  okText?: string;
  danger?: boolean;
  /** The name the server gives the text in its field errors. */
  field?: string;
  maxLength?: number;
  requiredMessage: string;
  /** Test ids are `<prefix>-form`, `-input`, `-submit`, `-error`. */
  testIdPrefix?: string;
  onCancel: () => void;
  onSubmit: (text: string) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Record<string, string>>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      form.resetFields();
      setError(null);
    }
  }, [open, form]);

  async function submit(v: Record<string, string>) {
    setBusy(true);
    setError(null);
    try {
      await onSubmit(v[field].trim());
    } catch (e) {
      setError(applyFormErrors(form, e, [field]));
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
      okButtonProps={{ danger, loading: busy, 'data-testid': `${testIdPrefix}-submit` }}
      destroyOnHidden
    >
      {description && <div style={{ marginBottom: 12 }}>{description}</div>}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid={`${testIdPrefix}-error`} />}
      <Form form={form} layout="vertical" onFinish={submit} data-testid={`${testIdPrefix}-form`}>
        <Form.Item name={field} label={label} rules={[{ required: true, whitespace: true, message: requiredMessage }]}>
          <Input.TextArea rows={3} maxLength={maxLength} showCount autoFocus data-testid={`${testIdPrefix}-input`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
