import { ETHNICITIES, GENDERS, MEMBER_STATUSES, parseIdNumber, parseMobile } from '@xianfeng/domain';
import { Alert, App, Button, Checkbox, DatePicker, Drawer, Form, Input, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { applyFormErrors } from '../../api/formErrors.ts';
import { useLabels } from '../../api/labels.ts';
import type { MemberDetail, MemberInput, UnitRef } from '../../api/types.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { DATE_FORMAT, fromYmd, isFuture, toYmd } from '../../lib/dates.ts';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { useSpecialties } from './useSpecialties.ts';

interface MemberForm {
  unitId?: number;
  name: string;
  gender: string;
  ethnicity?: string | null;
  birthDate?: Dayjs | null;
  idNumber?: string;
  mobile?: string;
  /** On an edit: remove the stored number (an empty field keeps it). */
  clearMobile?: boolean;
  joinDate?: Dayjs | null;
  status: string;
  fullMemberDate?: Dayjs | null;
  education?: string | null;
  occupation?: string;
  specialties?: string[];
}

const FIELDS = ['unitId', 'name', 'gender', 'ethnicity', 'birthDate', 'idNumber', 'mobile', 'joinDate', 'status', 'fullMemberDate', 'education', 'occupation', 'specialties'];

/** Register a member (no `member`) or edit one. Problems the server finds appear beside their fields. */
export function MemberFormDrawer({
  open, member, defaultUnit, onClose, onSaved,
}: {
  open: boolean;
  member?: MemberDetail | null;
  defaultUnit?: UnitRef | null;
  onClose: () => void;
  onSaved: (m: MemberDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { options } = useLabels();
  const isPhone = useIsPhone();
  const [form] = Form.useForm<MemberForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editing = !!member;
  const unitId = Form.useWatch('unitId', form) ?? member?.unit.id ?? defaultUnit?.id;
  const status = Form.useWatch('status', form);
  const clearMobile = Form.useWatch('clearMobile', form) ?? false;
  const specialties = useSpecialties(unitId);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (member) {
      form.setFieldsValue({
        name: member.name,
        gender: member.gender,
        ethnicity: member.ethnicity,
        birthDate: fromYmd(member.birthDate),
        joinDate: fromYmd(member.joinDate),
        status: member.status,
        fullMemberDate: fromYmd(member.fullMemberDate),
        education: member.education,
        occupation: member.occupation ?? '',
        specialties: member.specialties,
      });
    } else {
      form.setFieldsValue({ unitId: defaultUnit?.id, status: 'full', ethnicity: ETHNICITIES[0].value });
    }
  }, [open, member, defaultUnit, form]);

  async function submit(v: MemberForm) {
    setBusy(true);
    setError(null);
    const body: Partial<MemberInput> = {
      name: v.name.trim(),
      gender: v.gender,
      ethnicity: v.ethnicity || null,
      birthDate: toYmd(v.birthDate) ?? undefined,
      joinDate: toYmd(v.joinDate) ?? undefined,
      status: v.status,
      fullMemberDate: v.status === 'full' ? toYmd(v.fullMemberDate) : null,
      education: v.education || null,
      occupation: v.occupation?.trim() || null,
      specialties: v.specialties ?? [],
    };
    // Personal data is shown masked: on an edit, an empty field keeps what is stored.
    if (v.idNumber?.trim()) {
      const id = parseIdNumber(v.idNumber);
      body.idNumber = id.ok ? id.value : v.idNumber.trim();
    }
    if (v.mobile?.trim()) {
      const m = parseMobile(v.mobile);
      body.mobile = m.ok ? m.value : v.mobile.trim();
    }
    else if (!editing || v.clearMobile) body.mobile = null;
    try {
      const saved = editing
        ? await api.patch<MemberDetail>(`/api/members/${member!.id}`, body)
        : await api.post<MemberDetail>('/api/members', { ...body, unitId: v.unitId });
      message.success(editing ? t('members.saved') : t('members.created'));
      onSaved(saved);
    } catch (e) {
      setError(applyFormErrors(form, e, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  /** The ID number carries the date of birth and the gender: fill them in, never type them twice. */
  function fillFromId(raw: string) {
    const id = parseIdNumber(raw);
    if (id.ok) form.setFieldsValue({ birthDate: fromYmd(id.birthDate), gender: id.gender });
  }

  const notFuture = (d: Dayjs) => isFuture(d);
  return (
    <Drawer
      mask={{ closable: false }}
      open={open}
      onClose={onClose}
      size={isPhone ? '100%' : 560}
      title={editing ? t('members.editTitle', { name: member!.name }) : t('members.createTitle')}
      destroyOnHidden
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="member-form-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="member-form-error" />}
      <Form<MemberForm> form={form} layout="vertical" onFinish={submit} data-testid="member-form" scrollToFirstError>
        {!editing && (
          <Form.Item name="unitId" label={t('members.unit')} rules={[{ required: true, message: t('common.required') }]}>
            <UnitPicker initialUnit={defaultUnit} data-testid="member-unit" />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('members.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={50} data-testid="member-name" />
        </Form.Item>
        <Form.Item name="gender" label={t('members.gender')} rules={[{ required: true, message: t('common.required') }]}>
          <Radio.Group options={options('gender', GENDERS)} optionType="button" />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t('members.idNumber')}
          extra={editing ? t('members.keepIfEmpty', { value: member!.idNumber }) : undefined}
          rules={[
            { required: !editing, whitespace: true, message: t('common.required') },
            {
              validator: (_, v: string | undefined) => {
                if (!v?.trim()) return Promise.resolve();
                const id = parseIdNumber(v);
                return id.ok ? Promise.resolve() : Promise.reject(new Error(t(`validation.${id.code}`)));
              },
            },
          ]}
        >
          <Input maxLength={22} autoComplete="off" placeholder={editing ? member!.idNumber : undefined} onChange={(e) => fillFromId(e.target.value)} data-testid="member-id-number" />
        </Form.Item>
        <Form.Item name="birthDate" label={t('members.birthDate')} extra={t('members.birthDateHint')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker format={DATE_FORMAT} disabledDate={notFuture} style={{ width: '100%' }} data-testid="member-birth-date" />
        </Form.Item>
        <Form.Item name="ethnicity" label={t('members.ethnicity')}>
          <Select showSearch={{ optionFilterProp: 'label' }} allowClear options={options('ethnicity')} />
        </Form.Item>
        <Form.Item
          name="mobile"
          label={t('members.mobile')}
          extra={editing && member!.mobile ? t('members.keepIfEmpty', { value: member!.mobile }) : undefined}
          rules={[
            {
              validator: (_, v: string | undefined) => {
                if (!v?.trim()) return Promise.resolve();
                const m = parseMobile(v);
                return m.ok ? Promise.resolve() : Promise.reject(new Error(t(`validation.${m.code}`)));
              },
            },
          ]}
        >
          <Input maxLength={20} inputMode="tel" autoComplete="off" disabled={clearMobile} placeholder={editing ? (member!.mobile ?? undefined) : undefined} data-testid="member-mobile" />
        </Form.Item>
        {editing && member!.mobile && (
          // An empty field keeps the stored number, so removing it needs its own, explicit choice.
          <Form.Item name="clearMobile" valuePropName="checked" style={{ marginTop: -16 }}>
            <Checkbox data-testid="member-clear-mobile" onChange={(e) => e.target.checked && form.setFieldValue('mobile', undefined)}>
              {t('members.clearMobile')}
            </Checkbox>
          </Form.Item>
        )}
        <Form.Item name="status" label={t('members.status')} rules={[{ required: true, message: t('common.required') }]}>
          <Radio.Group options={options('memberStatus', MEMBER_STATUSES)} optionType="button" data-testid="member-status" />
        </Form.Item>
        <Form.Item name="joinDate" label={t('members.joinDate')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker format={DATE_FORMAT} disabledDate={notFuture} style={{ width: '100%' }} data-testid="member-join-date" />
        </Form.Item>
        {status === 'full' && (
          <Form.Item name="fullMemberDate" label={t('members.fullMemberDate')} extra={t('members.fullMemberDateHint')}>
            <DatePicker format={DATE_FORMAT} disabledDate={notFuture} style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="education" label={t('members.education')}>
          <Select allowClear options={options('education')} />
        </Form.Item>
        <Form.Item name="occupation" label={t('members.occupation')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="specialties" label={t('members.specialties')}>
          <Select
            mode="multiple"
            allowClear
            loading={specialties.isFetching}
            options={(specialties.data ?? []).map((s) => ({ value: s, label: s }))}
            placeholder={t('members.specialtiesPlaceholder')}
            data-testid="member-specialties"
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
