// Register a household under a grid (or a village or community without grids), or change one.
// The phone is stored encrypted and shown masked, so an edit leaves it alone unless a new one is typed.
import { parseMobile } from '@xianfeng/domain';
import { Alert, Button, Checkbox, Drawer, Form, Input, InputNumber, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFormErrors } from '../../api/formErrors.ts';
import type { UnitRef } from '../../api/types.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { createHousehold, updateHousehold } from './hooks.ts';
import type { Household, HouseholdInput } from './types.ts';

interface HouseholdForm {
  unitId?: number;
  address?: string;
  headName?: string;
  phone?: string;
  clearPhone?: boolean;
  people?: number;
}

const FIELDS = ['unitId', 'address', 'headName', 'phone', 'people'];

export function HouseholdFormDrawer({
  open, household, defaultUnit, onClose, onSaved,
}: {
  open: boolean;
  household?: Household | null;
  defaultUnit?: UnitRef | null;
  onClose: () => void;
  onSaved: (h: Household) => void;
}) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const [form] = Form.useForm<HouseholdForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editing = !!household;
  const clearPhone = Form.useWatch('clearPhone', form) ?? false;

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (household) form.setFieldsValue({ address: household.address, headName: household.headName, people: household.people });
    else form.setFieldsValue({ unitId: defaultUnit?.id, people: 1 });
  }, [open, household, defaultUnit, form]);

  async function submit(v: HouseholdForm) {
    setBusy(true);
    setError(null);
    const phone = v.phone?.trim();
    const input: HouseholdInput = { address: v.address?.trim(), headName: v.headName?.trim(), people: v.people };
    try {
      let saved: Household;
      if (household) {
        if (v.clearPhone) input.phone = null;
        else if (phone) input.phone = phone;
        saved = await updateHousehold(household.id, input);
      } else {
        saved = await createHousehold({ ...input, unitId: v.unitId, phone: phone || null });
      }
      onSaved(saved);
    } catch (e) {
      setError(applyFormErrors(form, e, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Drawer
      mask={{ closable: false }}
      open={open}
      onClose={onClose}
      title={editing ? t('field.household.editTitle') : t('field.household.createTitle')}
      size={isPhone ? '100%' : 480}
      destroyOnHidden
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="household-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} data-testid="household-form">
        {!editing && (
          <Form.Item name="unitId" label={t('field.household.unit')} extra={t('field.household.unitHint')} rules={[{ required: true, message: t('common.required') }]}>
            <UnitPicker initialUnit={defaultUnit} />
          </Form.Item>
        )}
        <Form.Item name="address" label={t('field.household.address')} rules={[{ required: true, whitespace: true, min: 2, message: t('field.household.addressRequired') }]}>
          <Input maxLength={200} data-testid="household-address" />
        </Form.Item>
        <Form.Item name="headName" label={t('field.household.head')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={50} data-testid="household-head" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('field.household.phone')}
          extra={editing && household?.phone ? t('field.household.phoneKeep', { phone: household.phone }) : undefined}
          rules={[
            {
              validator: (_, value?: string) =>
                !value?.trim() || parseMobile(value).ok ? Promise.resolve() : Promise.reject(new Error(t('field.household.phoneInvalid'))),
            },
          ]}
        >
          <Input inputMode="tel" maxLength={30} disabled={clearPhone} placeholder={editing && household?.phone ? household.phone : undefined} data-testid="household-phone" />
        </Form.Item>
        {editing && household?.phone && (
          <Form.Item name="clearPhone" valuePropName="checked" style={{ marginTop: -12 }}>
            <Checkbox>{t('field.household.clearPhone')}</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="people" label={t('field.household.people')} rules={[{ required: true, message: t('common.required') }]}>
          <InputNumber min={1} max={99} precision={0} style={{ width: 140 }} data-testid="household-people" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
