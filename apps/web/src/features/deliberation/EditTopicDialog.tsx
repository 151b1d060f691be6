// 修改议题: its author corrects the title and text before anyone has commented or voted; a manager of
// the place until the vote opens. The server decides (and audits every correction); the page only
// offers the button when the topic says it may.
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFormErrors } from '../../api/formErrors.ts';
import { editTopic } from './hooks.ts';
import type { TopicDetail } from './types.ts';

const FIELDS = ['title', 'description'];

export function EditTopicDialog({ topic, onClose, onDone }: { topic: TopicDetail; onClose: () => void; onDone: (next: TopicDetail) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ title: string; description: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(v: { title: string; description: string }) {
    setBusy(true);
    setError(null);
    try {
      onDone(await editTopic(topic.id, { title: v.title.trim(), description: v.description.trim() }));
    } catch (e) {
      setError(applyFormErrors(form, e, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open title={t('deliberation.edit.title')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okButtonProps={{ 'data-testid': 'topic-edit-submit' }} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t(topic.rights.manage ? 'deliberation.edit.hintManager' : 'deliberation.edit.hintAuthor')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ title: topic.title, description: topic.description }} onFinish={submit} data-testid="topic-edit-form">
        <Form.Item name="title" label={t('deliberation.field.title')} rules={[{ required: true, whitespace: true, min: 2, message: t('deliberation.raise.titleRequired') }]}>
          <Input maxLength={80} showCount data-testid="topic-edit-title" />
        </Form.Item>
        <Form.Item name="description" label={t('deliberation.field.description')} rules={[{ required: true, whitespace: true, min: 2, message: t('deliberation.raise.descriptionRequired') }]}>
          <Input.TextArea rows={6} maxLength={4000} showCount data-testid="topic-edit-description" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} data-testid="topic-edit-error" />}
      </Form>
    </Modal>
  );
}
