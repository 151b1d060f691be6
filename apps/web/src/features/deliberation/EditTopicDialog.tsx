// 修改议题: its author corrects the title and text, and adds or removes photos, before anyone has
// commented or voted; a manager of the place until the vote opens. The server decides (and audits
// every correction); the page only offers the button when the topic says it may. Nothing changes
// until the dialog is saved: then the text, the photos removed, and the photos added, in that order.
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api/client.ts';
import { applyFormErrors } from '../../api/formErrors.ts';
import { MAX_PHOTOS, PhotoPicker, usePhotoList } from '../../components/PhotoPicker.tsx';
import { editTopic, removeTopicPhoto, useUploadTopicPhotos } from './hooks.ts';
import { RemovablePhotos } from './TopicPhotos.tsx';
import type { TopicDetail } from './types.ts';

const FIELDS = ['title', 'description'];

export function EditTopicDialog({ topic, onClose, onDone }: { topic: TopicDetail; onClose: () => void; onDone: (next: TopicDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string; description: string }>();
  const [removed, setRemoved] = useState<number[]>([]);
  const kept = topic.photos.filter((p) => !removed.includes(p.id));
  const photos = usePhotoList(MAX_PHOTOS - kept.length);
  const uploadPhotos = useUploadTopicPhotos();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(v: { title: string; description: string }) {
    setBusy(true);
    setError(null);
    try {
      let next = await editTopic(topic.id, { title: v.title.trim(), description: v.description.trim() });
      if (removed.length || photos.photos.length) {
        // The text is saved; a photo that fails is named, and the rest goes on.
        for (const id of removed) await removeTopicPhoto(topic.id, id).catch((e: unknown) => message.warning(t('deliberation.photos.removeFailed', { reason: errorMessage(e) })));
        await uploadPhotos(topic.id, photos);
        next = await api.get<TopicDetail>(`/api/deliberation/topics/${topic.id}`);
      }
      onDone(next);
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
        {kept.length > 0 && (
          <Form.Item label={t('deliberation.photos.label')} style={{ marginBottom: 0 }}>
            <RemovablePhotos photos={kept} onRemove={(id) => setRemoved((r) => [...r, id])} />
          </Form.Item>
        )}
        <PhotoPicker list={photos} label={kept.length > 0 ? null : t('deliberation.photos.label')} testIdPrefix="topic-edit" />
        {error && <Alert type="error" showIcon title={error} data-testid="topic-edit-error" />}
      </Form>
    </Modal>
  );
}
