// 新增中断 (an outage of roads, power, water or communications, when it began) and 恢复 (when it
// came back). Times are picked in the user's clock and sent as instants; neither may be in the future.
import { OUTAGE_KINDS } from '@xianfeng/domain';
import { Alert, App, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFormErrors } from '../../api/formErrors.ts';
import type { UnitRef } from '../../api/types.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { useFieldLabels } from '../field/labels.ts';
import { reportOutage, restoreOutage, updateOutageNote, useInvalidateRecovery } from './hooks.ts';
import type { Outage } from './types.ts';

const TIME_FORMAT = 'YYYY-MM-DD HH:mm';
const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

interface OutageForm {
  unitId?: number;
  warningId?: number;
  kind?: string;
  startedAt?: Dayjs;
  note?: string;
}

export function NewOutageDialog({
  open, defaultUnit, defaultWarningId, warnings, onClose,
}: {
  open: boolean;
  defaultUnit: UnitRef | null;
  defaultWarningId?: number;
  warnings: Array<{ value: number; label: string }>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { outageKind } = useFieldLabels();
  const invalidate = useInvalidateRecovery();
  const [form] = Form.useForm<OutageForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ unitId: defaultUnit?.id, warningId: defaultWarningId, startedAt: dayjs().second(0) });
  }, [open, defaultUnit, defaultWarningId, form]);

  async function submit(v: OutageForm) {
    setBusy(true);
    setError(null);
    try {
      await reportOutage({ unitId: v.unitId!, warningId: v.warningId ?? null, kind: v.kind!, startedAt: v.startedAt!.toISOString(), note: v.note?.trim() ?? '' });
      message.success(t('recovery.new.saved'));
      void invalidate();
      onClose();
    } catch (e) {
      setError(applyFormErrors(form, e, ['unitId', 'warningId', 'kind', 'startedAt', 'note']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={open} title={t('recovery.new.title')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} okButtonProps={{ loading: busy, 'data-testid': 'outage-save' }} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} data-testid="outage-form">
        <Form.Item name="unitId" label={t('recovery.field.unit')} rules={[{ required: true, message: t('common.required') }]}>
          <UnitPicker initialUnit={defaultUnit} />
        </Form.Item>
        <Form.Item name="kind" label={t('recovery.field.kind')} rules={[{ required: true, message: t('recovery.new.kindRequired') }]}>
          <Radio.Group optionType="button" buttonStyle="solid" options={OUTAGE_KINDS.map((k) => ({ value: k.value, label: outageKind(k.value) }))} data-testid="outage-kind" />
        </Form.Item>
        <Form.Item name="startedAt" label={t('recovery.field.startedAt')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format={TIME_FORMAT} disabledDate={notFuture} style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
        <Form.Item name="warningId" label={t('recovery.field.warning')} extra={t('recovery.new.warningHint')}>
          <Select allowClear options={warnings} placeholder={t('recovery.new.noWarning')} />
        </Form.Item>
        <Form.Item name="note" label={t('recovery.field.note')}>
          <Input.TextArea rows={2} maxLength={1000} placeholder={t('recovery.new.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function RestoreDialog({ outage, onClose }: { outage: Outage | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { outageKind } = useFieldLabels();
  const invalidate = useInvalidateRecovery();
  const [form] = Form.useForm<{ restoredAt: Dayjs }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!outage) return;
    setError(null);
    form.setFieldsValue({ restoredAt: dayjs().second(0) });
  }, [outage, form]);

  async function submit(v: { restoredAt: Dayjs }) {
    if (!outage) return;
    setBusy(true);
    setError(null);
    try {
      await restoreOutage(outage.id, v.restoredAt.toISOString());
      message.success(t('recovery.restore.saved', { kind: outageKind(outage.kind) }));
      void invalidate();
      onClose();
    } catch (e) {
      setError(applyFormErrors(form, e, ['restoredAt']));
      void invalidate();
    } finally {
      setBusy(false);
    }
  }

  const start = outage ? dayjs(outage.startedAt) : null;
  return (
    <Modal
      open={!!outage}
      title={outage ? t('recovery.restore.title', { kind: outageKind(outage.kind), unit: outage.unitName }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('recovery.restore.button')}
      okButtonProps={{ loading: busy, 'data-testid': 'restore-save' }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {outage && <p style={{ color: 'rgba(0,0,0,0.65)' }}>{t('recovery.restore.since', { at: formatDateTime(outage.startedAt) })}</p>}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="restoredAt"
          label={t('recovery.field.restoredAt')}
          rules={[
            { required: true, message: t('common.required') },
            { validator: (_, v?: Dayjs) => (!v || !start || !v.isBefore(start) ? Promise.resolve() : Promise.reject(new Error(t('recovery.restore.beforeStart')))) },
          ]}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format={TIME_FORMAT} disabledDate={(d) => notFuture(d) || (!!start && d.isBefore(start, 'day'))} style={{ width: '100%' }} inputReadOnly data-testid="restore-at" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function NoteDialog({ outage, onClose }: { outage: Outage | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const invalidate = useInvalidateRecovery();
  const [form] = Form.useForm<{ note: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!outage) return;
    setError(null);
    form.setFieldsValue({ note: outage.note });
  }, [outage, form]);

  async function submit(v: { note: string }) {
    if (!outage) return;
    setBusy(true);
    try {
      await updateOutageNote(outage.id, (v.note ?? '').trim());
      message.success(t('recovery.note.saved'));
      void invalidate();
      onClose();
    } catch (e) {
      setError(applyFormErrors(form, e, ['note']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={!!outage} title={t('recovery.note.title')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} okButtonProps={{ loading: busy }} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="note" label={t('recovery.field.note')}>
          <Input.TextArea rows={3} maxLength={1000} showCount autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
