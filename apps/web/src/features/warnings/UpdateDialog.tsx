// 更新预警 (a CAP Update): a new level, text or expiry, and more areas (an area is never taken away).
// Only what changed is sent, with the version the user saw: if someone else changed the warning
// meanwhile, the server says so (409) and the text is shown here.
import type { WarningLevel } from '@xianfeng/domain';
import { Alert, App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFormErrors } from '../../api/formErrors.ts';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { AreaTreeSelect } from './AreaTreeSelect.tsx';
import { isoWithOffset } from './format.ts';
import { updateWarning, useInvalidateWarnings } from './hooks.ts';
import { LevelRadio } from './LevelRadio.tsx';
import type { UpdateInput, WarningDetail } from './types.ts';

interface Values {
  level: WarningLevel;
  headline: string;
  description: string;
  instruction: string;
  expiresAt?: Dayjs | null;
  addAreaUnitIds: number[];
}

const FIELDS = ['level', 'headline', 'description', 'instruction', 'expiresAt', 'addAreaUnitIds'];

export function UpdateDialog({ warning, open, onClose }: { warning: WarningDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const invalidate = useInvalidateWarnings();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({
      level: warning.level,
      headline: warning.headline,
      description: warning.description,
      instruction: warning.instruction,
      expiresAt: warning.expiresAt ? dayjs(warning.expiresAt) : null,
      addAreaUnitIds: [],
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- filled on each opening, not on each refresh
  }, [open, form]);

  async function submit(v: Values) {
    const body: UpdateInput = { version: warning.version };
    if (v.level !== warning.level) body.level = v.level;
    if (v.headline.trim() !== warning.headline) body.headline = v.headline.trim();
    if (v.description.trim() !== warning.description) body.description = v.description.trim();
    if ((v.instruction ?? '').trim() !== warning.instruction) body.instruction = (v.instruction ?? '').trim();
    const expires = v.expiresAt ? isoWithOffset(v.expiresAt.toDate()) : null;
    const before = warning.expiresAt ? Date.parse(warning.expiresAt) : null;
    if ((expires ? Date.parse(expires) : null) !== before) body.expiresAt = expires;
    if (v.addAreaUnitIds.length) body.addAreaUnitIds = v.addAreaUnitIds;
    setBusy(true);
    setError(null);
    try {
      await updateWarning(warning.id, body);
      message.success(t('warnings.update.done'));
      await invalidate();
      onClose();
    } catch (e) {
      setError(applyFormErrors(form, e, FIELDS));
      // A conflict means the warning changed: load it again so the next try starts from it.
      void invalidate();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('warnings.update.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('warnings.update.submit')}
      okButtonProps={{ loading: busy, 'data-testid': 'warning-update-submit' }}
      width={isPhone ? '100%' : 720}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="warning-update-error" />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="warning-update-form">
        <Form.Item name="level" label={t('warnings.field.level')} extra={t('warnings.update.levelHint')}>
          <LevelRadio />
        </Form.Item>
        <Form.Item name="headline" label={t('warnings.field.headline')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="description" label={t('warnings.field.description')} rules={[{ required: true, whitespace: true, min: 2, message: t('warnings.form.descriptionRequired') }]}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="instruction" label={t('warnings.field.instruction')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="expiresAt" label={t('warnings.field.expiresAt')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} inputReadOnly={isPhone} />
        </Form.Item>
        <Form.Item name="addAreaUnitIds" label={t('warnings.update.addAreas')} extra={t('warnings.update.addAreasHint')}>
          <AreaTreeSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
