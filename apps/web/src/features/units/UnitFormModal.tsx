import { UNIT_KIND_VALUES } from '@xianfeng/domain';
import { App, Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { applyFormErrors } from '../../api/formErrors.ts';
import { useLabels } from '../../api/labels.ts';
import type { UnitDetail, UnitRef } from '../../api/types.ts';
import { DATE_FORMAT, fromYmd, toYmd } from '../../lib/dates.ts';

interface UnitForm {
  code: string;
  name: string;
  kind: string;
  phone?: string;
  foundedOn?: Dayjs | null;
  areaCode?: string;
}

const FIELDS = ['code', 'name', 'kind', 'phone', 'foundedOn', 'areaCode'];

/** Create a unit under `parent` (null: a new top-level unit), or edit `unit`. */
export function UnitFormModal({
  open, parent, unit, onClose, onSaved,
}: {
  open: boolean;
  parent?: UnitRef | null;
  unit?: UnitDetail | null;
  onClose: () => void;
  onSaved: (saved: UnitDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { options } = useLabels();
  const [form] = Form.useForm<UnitForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editing = !!unit;

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (unit) form.setFieldsValue({ code: unit.code, name: unit.name, kind: unit.kind, phone: unit.phone ?? '', foundedOn: fromYmd(unit.foundedOn), areaCode: unit.areaCode ?? '' });
  }, [open, unit, form]);

  async function submit(values: UnitForm) {
    setBusy(true);
    setError(null);
    const body = {
      code: values.code.trim(),
      name: values.name.trim(),
      kind: values.kind,
      phone: values.phone?.trim() || null,
      foundedOn: toYmd(values.foundedOn),
      areaCode: values.areaCode?.trim() || null,
    };
    try {
      const saved = editing
        ? await api.patch<UnitDetail>(`/api/units/${unit!.id}`, body)
        : await api.post<UnitDetail>('/api/units', { ...body, parentId: parent?.id ?? null });
      message.success(editing ? t('units.saved') : t('units.created'));
      onSaved(saved);
    } catch (e) {
      setError(applyFormErrors(form, e, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={editing ? t('units.editTitle', { name: unit!.name }) : parent ? t('units.createChildTitle', { name: parent.name }) : t('units.createRootTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'unit-form-submit' }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<UnitForm> form={form} layout="vertical" onFinish={submit} data-testid="unit-form">
        <Form.Item name="name" label={t('units.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={100} data-testid="unit-name" />
        </Form.Item>
        <Form.Item name="code" label={t('units.code')} extra={t('units.codeHint')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={32} data-testid="unit-code" />
        </Form.Item>
        <Form.Item name="kind" label={t('units.kind')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={options('unitKind', UNIT_KIND_VALUES)} data-testid="unit-kind" />
        </Form.Item>
        <Form.Item name="phone" label={t('units.phone')}>
          <Input maxLength={30} inputMode="tel" />
        </Form.Item>
        <Form.Item name="foundedOn" label={t('units.foundedOn')}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="areaCode" label={t('units.areaCode')} extra={t('units.areaCodeHint')}>
          <Input maxLength={12} inputMode="numeric" data-testid="unit-area-code" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
