// The triage dialogs: 分派 (a person and a due date), 整改 (what was done, with photos of the fix),
// and an optional note for 验收 and 转为紧急上报. Reasons (退回, 不予受理) use the shared ReasonDialog.
import { CameraOutlined } from '@ant-design/icons';
import { Alert, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { applyFormErrors } from '../../api/formErrors.ts';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { MAX_PHOTOS, preparePhoto } from '../alarms/photos.ts';
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

/** 整改: photos of the fix go up first (each checked by the server), then the fix is recorded. */
export function FixDialog({ hazard, open, onClose, onSubmit }: { hazard: HazardDetail; open: boolean; onClose: () => void; onSubmit: (note: string) => Promise<unknown> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note?: string }>();
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const room = Math.max(0, MAX_PHOTOS - hazard.photos.length);

  useEffect(() => {
    if (open) {
      form.resetFields();
      setFiles([]);
      setError(null);
    }
  }, [open, form]);

  async function submit(v: { note?: string }) {
    setBusy(true);
    setError(null);
    try {
      for (const f of files) await uploadHazardPhoto(hazard.id, 'fix', await preparePhoto(f), () => undefined).promise;
      setFiles([]);
      await onSubmit((v.note ?? '').trim());
    } catch (e) {
      setError(applyFormErrors(form, e, ['note']) ?? errorMessage(e));
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
        <Form.Item label={t('hazards.action.fixPhotos')} extra={t('hazards.action.fixPhotosHint', { count: room })}>
          <input ref={input} type="file" accept="image/*" capture="environment" multiple style={{ display: 'none' }} data-testid="hazard-fix-photo-input"
            onChange={(e) => {
              const list = e.target.files ? [...e.target.files] : [];
              setFiles((prev) => [...prev, ...list].slice(0, room));
              e.target.value = '';
            }}
          />
          <a onClick={() => input.current?.click()} style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
            <CameraOutlined /> {t('hazards.action.addFixPhoto')}
          </a>
          {files.length > 0 && <Typography.Text type="secondary" style={{ display: 'block' }}>{t('hazards.action.photosChosen', { count: files.length })}</Typography.Text>}
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** An optional note (验收, 转为紧急上报). */
export function NoteModal({ open, title, okText, danger, testId, onClose, onSubmit }: {
  open: boolean;
  title: string;
  okText: string;
  danger?: boolean;
  testId: string;
  onClose: () => void;
  onSubmit: (note: string) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (open) {
      form.resetFields();
      setError(null);
    }
  }, [open, form]);
  async function submit(v: { note?: string }) {
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
        <Form.Item name="note" label={t('hazards.field.note')} extra={t('hazards.action.noteOptional')}>
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid={`${testId}-note`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
