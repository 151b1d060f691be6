// Add a rule, edit one of the unit's own, or override an inherited one (same code, this unit's copy).
import { RULE_ACCOUNTS } from '@xianfeng/domain';
import { Alert, App, Button, Col, Drawer, Form, Input, InputNumber, Radio, Row, Space, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { applyFormErrors } from '../../../api/formErrors.ts';
import { useIsPhone } from '../../../lib/useIsPhone.ts';
import { useInvalidatePoints } from '../hooks.ts';
import type { Rule, RuleAccount, RuleInput } from '../types.ts';

type RuleForm = Omit<RuleInput, 'description'> & { description?: string };

const FIELDS = ['code', 'name', 'description', 'account', 'pointsMin', 'pointsMax', 'capPerPeriod', 'cycleDays', 'maxPerCycle', 'needsEvidence', 'needsApproval', 'veto', 'active'];

const BLANK: Partial<RuleForm> = { account: 'bonus', pointsMin: 1, pointsMax: 1, capPerPeriod: null, cycleDays: null, maxPerCycle: null, needsEvidence: false, needsApproval: true, veto: false, active: true };

/**
 * @param rule     a rule of the unit's own, to edit
 * @param template an inherited rule, copied into the unit to be adjusted there
 */
export function RuleFormDrawer({ open, unitId, rule, template, onClose }: { open: boolean; unitId: number; rule?: Rule | null; template?: Rule | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const invalidate = useInvalidatePoints();
  const [form] = Form.useForm<RuleForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const account = Form.useWatch('account', form);
  const veto = Form.useWatch('veto', form);
  const source = rule ?? template;

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(source ? { ...source } : BLANK);
  }, [open, source, form]);

  async function submit(v: RuleForm) {
    setBusy(true);
    setError(null);
    const body: RuleInput = {
      code: v.code.trim(),
      name: v.name.trim(),
      description: v.description?.trim() ?? '',
      account: v.account,
      pointsMin: v.pointsMin,
      pointsMax: v.pointsMax,
      capPerPeriod: v.capPerPeriod ?? null,
      cycleDays: v.cycleDays ?? null,
      maxPerCycle: v.maxPerCycle ?? null,
      needsEvidence: !!v.needsEvidence,
      needsApproval: !!v.needsApproval,
      veto: v.account === 'deduction' && !!v.veto,
      active: !!v.active,
    };
    try {
      if (rule) await api.patch(`/api/points/rules/${rule.id}`, body);
      else await api.post('/api/points/rules', { unitId, ...body });
      message.success(rule ? t('points.rules.saved') : t('points.rules.created'));
      await invalidate();
      onClose();
    } catch (e) {
      setError(applyFormErrors(form, e, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  const num = (name: keyof RuleForm, label: string, extra?: string, min = 1) => (
    <Form.Item name={name} label={label} extra={extra}>
      <InputNumber min={min} precision={0} style={{ width: '100%' }} data-testid={`rule-${name}`} />
    </Form.Item>
  );

  return (
    <Drawer
      mask={{ closable: false }}
      open={open}
      onClose={onClose}
      size={isPhone ? '100%' : 560}
      title={rule ? t('points.rules.editTitle', { name: rule.name }) : template ? t('points.rules.overrideTitle', { name: template.name }) : t('points.rules.createTitle')}
      destroyOnHidden
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="rule-form-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {template && <Alert type="info" showIcon title={t('points.rules.overrideHint')} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="rule-form-error" />}
      <Form<RuleForm> form={form} layout="vertical" onFinish={submit} data-testid="rule-form" scrollToFirstError>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="code" label={t('points.rules.code')} extra={t('points.rules.codeHint')} rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{1,20}$/, message: t('points.rules.codeHint') }]}>
              <Input maxLength={20} disabled={!!template} data-testid="rule-code" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item name="name" label={t('points.rules.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
              <Input maxLength={50} data-testid="rule-name" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('points.rules.description')}>
          <Input.TextArea rows={2} maxLength={200} showCount />
        </Form.Item>
        <Form.Item name="account" label={t('points.rules.account')} rules={[{ required: true, message: t('common.required') }]}>
          <Radio.Group
            optionType="button"
            options={RULE_ACCOUNTS.map((a: RuleAccount) => ({ value: a, label: t(`points.account.${a}`) }))}
            onChange={(e) => e.target.value !== 'deduction' && form.setFieldValue('veto', false)}
            data-testid="rule-account"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>{num('pointsMin', t('points.rules.pointsMin'), undefined, veto ? 0 : 1)}</Col>
          <Col span={12}>{num('pointsMax', t('points.rules.pointsMax'), t('points.rules.rangeHint'), veto ? 0 : 1)}</Col>
        </Row>
        {num('capPerPeriod', t('points.rules.capPerPeriod'), t('points.rules.emptyNoLimit'))}
        <Row gutter={12}>
          <Col span={12}>{num('cycleDays', t('points.rules.cycleDays'))}</Col>
          <Col span={12}>{num('maxPerCycle', t('points.rules.maxPerCycle'))}</Col>
        </Row>
        <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12, marginTop: -16, marginBottom: 16 }}>{t('points.rules.cycleHint')}</div>
        <Row gutter={12}>
          <Col xs={12} sm={6}>
            <Form.Item name="needsEvidence" label={t('points.rules.needsEvidence')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="needsApproval" label={t('points.rules.needsApproval')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          {account === 'deduction' && (
            <Col xs={12} sm={6}>
              <Form.Item name="veto" label={t('points.veto')} valuePropName="checked" tooltip={t('points.rules.vetoHint')}>
                <Switch />
              </Form.Item>
            </Col>
          )}
          <Col xs={12} sm={6}>
            <Form.Item name="active" label={t('points.rules.active')} valuePropName="checked">
              <Switch data-testid="rule-active" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
