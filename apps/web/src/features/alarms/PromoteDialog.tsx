// 转为预警: a duty officer turns an alarm into a warning issued by a unit they answer for, covering
// the alarm's unit unless they choose another area. The warning then goes out like any other.
import { HAZARD_TYPES, warningTitle, type HazardType, type WarningLevel } from '@xianfeng/domain';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFormErrors } from '../../api/formErrors.ts';
import type { UnitRef } from '../../api/types.ts';
import { roleHas } from '../../auth/permissions.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { LevelRadio } from '../warnings/LevelRadio.tsx';
import { promoteAlarm } from './hooks.ts';
import type { AlarmDetail } from './types.ts';

interface PromoteForm {
  issuingUnitId?: number;
  hazard?: string;
  level?: WarningLevel;
  areaUnitId?: number;
  headline?: string;
  instruction?: string;
}

/** The hazard an alarm most likely belongs to, as a starting point the officer may change. */
const HAZARD_OF_KIND: Record<string, HazardType> = {
  landslide_sign: 'landslide',
  dyke_seepage: 'flood',
  flooding: 'flood',
  building_danger: 'other',
  trapped: 'other',
  road_blocked: 'other',
  fire: 'other',
  other: 'other',
};

const FIELDS = ['issuingUnitId', 'hazard', 'level', 'areaUnitId', 'headline', 'instruction'];

export function PromoteDialog({ alarm, open, onClose, onDone }: { alarm: AlarmDetail; open: boolean; onClose: () => void; onDone: (warningId: number) => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const me = useCurrentUser();
  const [form] = Form.useForm<PromoteForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hazard = Form.useWatch('hazard', form);
  const level = Form.useWatch('level', form);
  const issuing: UnitRef | undefined = useMemo(() => me.grants.find((g) => g.unit && roleHas(g.role, 'warning.issue'))?.unit ?? undefined, [me]);
  const alarmUnit: UnitRef = { id: alarm.unitId, name: alarm.unitName, code: '' };

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ issuingUnitId: issuing?.id, hazard: HAZARD_OF_KIND[alarm.kind] ?? 'other', areaUnitId: alarm.unitId });
  }, [open, form, issuing, alarm]);

  async function submit(v: PromoteForm) {
    setBusy(true);
    setError(null);
    try {
      const r = await promoteAlarm(alarm.id, {
        issuingUnitId: v.issuingUnitId!,
        hazard: v.hazard!,
        level: v.level!,
        areaUnitIds: [v.areaUnitId!],
        headline: v.headline?.trim() || undefined,
        instruction: v.instruction?.trim() || undefined,
      });
      onDone(r.warningId);
    } catch (e) {
      setError(applyFormErrors(form, e, FIELDS, { areaUnitIds: 'areaUnitId' }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('alarms.promote.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('alarms.promote.submit')}
      okButtonProps={{ danger: true, loading: busy, 'data-testid': 'promote-submit' }}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('alarms.promote.hint')} style={{ marginBottom: 12 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="promote-error" />}
      <Form form={form} layout="vertical" onFinish={submit} data-testid="promote-form">
        <Form.Item name="issuingUnitId" label={t('alarms.promote.issuingUnit')} rules={[{ required: true, message: t('common.required') }]}>
          <UnitPicker initialUnit={issuing} allowClear={false} />
        </Form.Item>
        <Form.Item name="hazard" label={t('alarms.promote.hazard')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={HAZARD_TYPES.map((h) => ({ value: h.value, label: locale === 'en' ? h.en : h.zh }))} data-testid="promote-hazard" />
        </Form.Item>
        <Form.Item name="level" label={t('alarms.promote.level')} rules={[{ required: true, message: t('alarms.promote.levelRequired') }]}>
          <LevelRadio />
        </Form.Item>
        <Form.Item name="areaUnitId" label={t('alarms.promote.area')} extra={t('alarms.promote.areaHint')} rules={[{ required: true, message: t('common.required') }]}>
          <UnitPicker initialUnit={alarmUnit} allowClear={false} />
        </Form.Item>
        <Form.Item name="headline" label={t('alarms.promote.headline')} extra={t('alarms.promote.headlineHint')}>
          <Input maxLength={120} placeholder={hazard && level ? warningTitle(hazard as HazardType, level, locale) : undefined} data-testid="promote-headline" />
        </Form.Item>
        <Form.Item name="instruction" label={t('alarms.promote.instruction')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
