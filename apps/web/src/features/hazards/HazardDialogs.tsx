// The triage dialogs: 分派 (a person and a due date) and 整改 (what was done, with photos of the
// fix). 验收 and 转为紧急上报 take an optional note (alarms' NoteDialog); 退回 and 不予受理 a
// reason (the shared ReasonDialog).
import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFormErrors } from '../../api/formErrors.ts';
import { MAX_PHOTOS, PhotoPicker, usePhotoList } from '../../components/PhotoPicker.tsx';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { uploadHazardPhoto, useAssignees } from './hooks.ts';
import type { HazardDetail } from './types.ts';

export function AssignDialog({ hazard, open, onClose, onSubmit }: {
  hazard: HazardDetail;
  open: boolean;
  onClose: () => void;
  onSubmit: (v: { assigneeId: number; dueAt?: string; note: string }) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const [form] = Form.useForm<{ assigneeId?: number; dueAt?: Dayjs; note?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const people = useAssignees(hazard.id, open);

  useEffect(() => {
    if (open) {
      form.setFieldsValue({ assigneeId: hazard.assignee?.id, dueAt: dayjs(hazard.dueAt).isAfter(dayjs()) ? dayjs(hazard.dueAt) : undefined, note: '' });
      setError(null);
    }
  }, [open, hazard, form]);

  async function submit(v: { assigneeId?: number; dueAt?: Dayjs; note?: string }) {
    setBusy(true);
    setError(null);
    try {
      await onSubmit({ assigneeId: v.assigneeId!, dueAt: v.dueAt ? v.dueAt.toISOString() : undefined, note: (v.note ?? '').trim() });
    } catch (e) {
      setError(applyFormErrors(form, e, ['assigneeId', 'dueAt', 'note']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={open} title={t('hazards.action.assignTitle')} onCancel={onClose} onOk={() => form.submit()} okText={t('hazards.action.assign')} okButtonProps={{ loading: busy, 'data-testid': 'hazard-assign-submit' }} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="assigneeId" label={t('hazards.field.assignee')} rules={[{ required: true, message: t('hazards.action.assigneeRequired') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={people.isFetching}
            options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} · ${t(`enums.role.${p.role}`, { defaultValue: p.role })} · ${p.unitName}` }))}
            data-testid="hazard-assignee"
          />
        </Form.Item>
        <Form.Item name="dueAt" label={t('hazards.field.dueAt')} extra={t('hazards.action.dueHint')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} inputReadOnly={isPhone} disabledDate={(d) => d.isBefore(dayjs(), 'day')} data-testid="hazard-due" />
        </Form.Item>
        <Form.Item name="note" label={t('hazards.field.note')}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="hazard-assign-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 整改: photos of the fix go up first (each checked by the server), then the fix is recorded. A
 * photo that went up stays up: trying again sends only those that did not, never one twice.
 */
export function FixDialog({ hazard, open, onClose, onSubmit }: { hazard: HazardDetail; open: boolean; onClose: () => void; onSubmit: (note: string) => Promise<unknown> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note?: string }>();
  // The server counts the photos of the report and of the fix together.
  const photos = usePhotoList(Math.max(0, MAX_PHOTOS - hazard.photos.length));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { clear } = photos;

  useEffect(() => {
    if (open) {
      form.resetFields();
      clear();
      setError(null);
    }
  }, [open, form, clear]);

  async function submit(v: { note?: string }) {
    setBusy(true);
    setError(null);
    try {
      const failed = await photos.upload(photos.photos.filter((p) => p.state !== 'done'), (file, onProgress) => uploadHazardPhoto(hazard.id, 'fix', file, (p) => onProgress(p.percent)).promise);
      if (failed > 0) {
        setError(t('hazards.action.photosNotSent', { count: failed }));
        return;
      }
      await onSubmit((v.note ?? '').trim());
    } catch (e) {
      setError(applyFormErrors(form, e, ['note']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={open} title={t('hazards.action.fixTitle')} onCancel={onClose} onOk={() => form.submit()} okText={t('hazards.action.fix')} okButtonProps={{ loading: busy, 'data-testid': 'hazard-fix-submit' }} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="hazard-fix-error" />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="note" label={t('hazards.field.fixNote')} rules={[{ required: true, whitespace: true, message: t('hazards.action.fixNoteRequired') }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount autoFocus data-testid="hazard-fix-note" />
        </Form.Item>
        <PhotoPicker list={photos} label={t('hazards.action.fixPhotos')} testIdPrefix="hazard-fix" />
      </Form>
    </Modal>
  );
}
