// 处置 / 办结: taking an alarm up or closing it, with a note of what was done (optional: at night a
// duty officer may take it up first and write later).
import { Alert, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFormErrors } from '../../api/formErrors.ts';

export function NoteDialog({
  open, title, label, okText, initial, onClose, onSubmit,
}: {
  open: boolean;
  title: string;
  label: string;
  okText: string;
  initial?: string;
  onClose: () => void;
  onSubmit: (note: string) => Promise<unknown>;
}) {
  const { t } = useTranslation();
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
    <Modal open={open} title={title} onCancel={onClose} onOk={() => form.submit()} okText={okText} okButtonProps={{ loading: busy, 'data-testid': 'note-submit' }} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="note" label={label} extra={t('alarms.action.noteOptional')}>
          <Input.TextArea rows={3} maxLength={1000} showCount autoFocus data-testid="note-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
