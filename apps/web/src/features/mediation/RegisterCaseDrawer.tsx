// Registering a dispute (受理): the village where it happened, its type, a short account and the
// parties (at least two) with how they stand and, if they give one, a phone (kept encrypted).
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Drawer, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DISPUTE_TYPE_VALUES, PARTY_ROLES } from '@xianfeng/domain';
import { applyFormErrors } from '../../api/formErrors.ts';
import type { UnitRef } from '../../api/types.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { registerCase, useInvalidateMediation } from './hooks.ts';
import { useMediationLabels } from './labels.ts';
import type { CaseInput, PartyInput } from './types.ts';

interface FormValues {
  unitId?: number;
  type?: string;
  summary: string;
  parties: PartyInput[];
}

const blankParty = (role: PartyInput['role']): PartyInput => ({ role, name: '', relation: '', address: '', phone: '' });

export function RegisterCaseDrawer({ unit, onClose, onCreated }: { unit: UnitRef | null; onClose: () => void; onCreated: (id: number) => void }) {
  const { t } = useTranslation();
  const labels = useMediationLabels();
  const isPhone = useIsPhone();
  const invalidate = useInvalidateMediation();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (v: FormValues) => {
    setBusy(true);
    setProblem(null);
    try {
      const created = await registerCase({ unitId: v.unitId!, type: v.type!, summary: v.summary, parties: v.parties } as CaseInput);
      await invalidate();
      onCreated(created.id);
    } catch (e) {
      setProblem(applyFormErrors(form, e, ['unitId', 'type', 'summary', 'parties']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      mask={{ closable: false }}
      open
      onClose={onClose}
      size={isPhone ? '100%' : 560}
      title={t('mediation.register.title')}
      destroyOnHidden
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('mediation.common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="mediation-register-save">{t('mediation.register.submit')}</Button>
        </Space>
      }
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ unitId: unit?.id, summary: '', parties: [blankParty('applicant'), blankParty('respondent')] }}
        onFinish={(v) => void submit(v)}
        data-testid="mediation-register-form"
      >
        <Form.Item name="unitId" label={t('mediation.register.village')} rules={[{ required: true, message: t('mediation.register.villageRequired') }]}>
          <UnitPicker initialUnit={unit} data-testid="mediation-register-unit" />
        </Form.Item>
        <Form.Item name="type" label={t('mediation.register.type')} rules={[{ required: true, message: t('mediation.register.typeRequired') }]}>
          <Select options={DISPUTE_TYPE_VALUES.map((v) => ({ value: v, label: labels.type(v) }))} data-testid="mediation-register-type" />
        </Form.Item>
        <Form.Item name="summary" label={t('mediation.register.summary')} rules={[{ required: true, min: 4, message: t('mediation.register.summaryRequired') }]}>
          <Input.TextArea rows={4} maxLength={4000} showCount data-testid="mediation-register-summary" />
        </Form.Item>
        <Form.List name="parties">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {fields.map((f, i) => (
                <Card key={f.key} size="small" title={t('mediation.register.partyN', { n: i + 1 })} extra={fields.length > 2 && <Button size="small" onClick={() => remove(f.name)}>{t('mediation.common.remove')}</Button>}>
                  <Space wrap style={{ width: '100%' }} align="start">
                    <Form.Item name={[f.name, 'role']} label={t('mediation.register.role')} style={{ minWidth: 130 }}>
                      <Select options={PARTY_ROLES.map((r) => ({ value: r, label: labels.role(r) }))} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'name']} label={t('mediation.register.name')} rules={[{ required: true, message: t('mediation.register.nameRequired') }]}>
                      <Input maxLength={50} data-testid={`mediation-party-name-${i}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'phone']} label={t('mediation.register.phone')}>
                      <Input inputMode="tel" maxLength={20} data-testid={`mediation-party-phone-${i}`} />
                    </Form.Item>
                  </Space>
                  <Form.Item name={[f.name, 'relation']} label={t('mediation.register.relation')}>
                    <Input maxLength={50} placeholder={t('mediation.register.relationHint')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'address']} label={t('mediation.register.address')} style={{ marginBottom: 0 }}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Card>
              ))}
              {fields.length < 10 && <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(blankParty('third_party'))} block>{t('mediation.register.addParty')}</Button>}
            </Space>
          )}
        </Form.List>
        {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} />}
      </Form>
    </Drawer>
  );
}
