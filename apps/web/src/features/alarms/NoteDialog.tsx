// An optional note on an action: 处置 / 办结 of an alarm (at night a duty officer may take it up
// first and write later), 验收 and 转为紧急上报 of a hazard. Required reasons use ReasonDialog.
import { Alert, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { applyFormErrors } from '../../api/formErrors.ts';

export function NoteDialog({
  open, title, label, hint, okText, danger, initial, testId, onClose, onSubmit,
}: {
  open: boolean;
  title: string;
  label: string;
  /** Below the field: that it may stay empty, and what it is for. */
  hint: string;
  okText: string;
  danger?: boolean;
  initial?: string;
  /** Test ids are `<testId>-note`, `-submit` and `-error`. */
  testId: string;
  onClose: () => void;
  onSubmit: (note: string) => Promise<unknown>;
}) {
  const [form] = Form.useForm<{ note: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      form.setFieldsValue({ note: initial ?? '' });
      setError(null);
    }
  }, [open, initial, form]);

  async function submit(v: { note: string }) {
    setBusy(true);
    setError(null);
    try {
      await onSubmit((v.note ?? '').trim());
    } catch (e) {
      setError(applyFormErrors(form, e, ['note']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={open} title={title} onCancel={onClose} onOk={() => form.submit()} okText={okText} okButtonProps={{ danger, loading: busy, 'data-testid': `${testId}-submit` }} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid={`${testId}-error`} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="note" label={label} extra={hint}>
          <Input.TextArea rows={3} maxLength={1000} showCount autoFocus data-testid={`${testId}-note`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
