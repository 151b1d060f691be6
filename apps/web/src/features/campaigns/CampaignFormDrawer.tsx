// 新建评选活动: who organizes it, a five-star evaluation or a commendation round, the year, the title,
// how many working days the notice runs (5 by default), the stage deadlines and the places.
import { CATEGORIES_OF } from '@xianfeng/domain';
import { Alert, App, Button, Col, DatePicker, Drawer, Form, Input, InputNumber, Radio, Row, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { applyFormErrors } from '../../api/formErrors.ts';
import type { UnitRef } from '../../api/types.ts';
import { roleHas } from '../../auth/permissions.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { DATE_FORMAT, toYmd } from '../../lib/dates.ts';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { useCampaignLabels } from './format.ts';
import { useInvalidateCampaigns } from './hooks.ts';
import { QuotaFields, quotasOut, type QuotaRow } from './QuotaFields.tsx';
import type { CampaignDetail, CampaignInput, CampaignKind } from './types.ts';

interface Values {
  unitId?: number;
  kind: CampaignKind;
  period: string;
  title: string;
  noticeDays: number;
  selfEvaluation?: Dayjs | null;
  branchRecommendation?: Dayjs | null;
  committeeReview?: Dayjs | null;
  leadingGroup?: Dayjs | null;
  quotas?: QuotaRow[];
}

const STAGES = ['selfEvaluation', 'branchRecommendation', 'committeeReview', 'leadingGroup'] as const;
const FIELDS = ['unitId', 'kind', 'period', 'title', 'noticeDays', ...STAGES, 'quotas'];

export function yearOptions() {
  const y = new Date().getFullYear();
  return [y + 1, y, y - 1, y - 2].map(String);
}

export function CampaignFormDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const { kind: kindLabel } = useCampaignLabels();
  const invalidate = useInvalidateCampaigns();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [unit, setUnit] = useState<UnitRef | null>(null);
  const kind = Form.useWatch('kind', form) ?? 'five_star';
  const own = me.grants.find((g) => g.unit && roleHas(g.role, 'evaluation.manage'))?.unit ?? null;

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    setUnit(own);
    form.setFieldsValue({ unitId: own?.id, kind: 'five_star', period: String(new Date().getFullYear()), noticeDays: 5, quotas: [] });
    if (own) form.setFieldValue('title', t('campaigns.form.titleSuggestion', { unit: own.name, year: new Date().getFullYear(), kind: kindLabel('five_star') }));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset on each opening
  }, [open, form]);

  /** A title as people write it, offered while the field is still empty. */
  function suggest(next: Partial<Values>, u: UnitRef | null = unit) {
    const v = { ...form.getFieldsValue(), ...next };
    if (form.isFieldTouched('title') || !u) return;
    form.setFieldValue('title', t('campaigns.form.titleSuggestion', { unit: u.name, year: v.period, kind: kindLabel(v.kind) }));
  }

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    try {
      const body: CampaignInput = {
        unitId: v.unitId!,
        kind: v.kind,
        period: v.period,
        title: v.title.trim(),
        noticeDays: v.noticeDays,
        deadlines: Object.fromEntries(STAGES.filter((s) => v.kind === 'five_star' || s !== 'selfEvaluation').map((s) => [s, toYmd(v[s])])),
        quotas: quotasOut(v.quotas),
      };
      const created = await api.post<CampaignDetail>('/api/campaigns', body);
      message.success(t('campaigns.form.created'));
      await invalidate();
      onClose();
      navigate(`/campaigns/${created.id}`);
    } catch (e) {
      setError(applyFormErrors(form, e, FIELDS, { deadlines: 'branchRecommendation' }));
    } finally {
      setBusy(false);
    }
  }

  const deadlineField = (s: (typeof STAGES)[number]) => (
    <Col xs={12} md={6} key={s}>
      <Form.Item name={s} label={t(`campaigns.stage.${s}`)}>
        <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} inputReadOnly={isPhone} data-testid={`campaign-due-${s}`} />
      </Form.Item>
    </Col>
  );

  return (
    <Drawer
      mask={{ closable: false }}
      open={open}
      onClose={onClose}
      size={isPhone ? '100%' : 720}
      title={t('campaigns.form.title')}
      destroyOnHidden
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="campaign-form-submit">
            {t('common.create')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="campaign-form-error" />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="campaign-form" scrollToFirstError>
        <Form.Item name="unitId" label={t('campaigns.form.unit')} rules={[{ required: true, message: t('campaigns.form.unitRequired') }]} extra={t('campaigns.form.unitHint')}>
          <UnitPicker
            initialUnit={unit}
            allowClear={false}
            onChange={(_, u) => {
              setUnit(u ?? null);
              suggest({}, u ?? null);
            }}
            data-testid="campaign-unit"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={14}>
            <Form.Item name="kind" label={t('campaigns.form.kind')}>
              <Radio.Group
                optionType="button"
                options={(['five_star', 'commendation'] as const).map((k) => ({ value: k, label: <span data-testid={`campaign-kind-${k}`}>{kindLabel(k)}</span> }))}
                onChange={(e) => {
                  form.setFieldValue('quotas', []);
                  suggest({ kind: e.target.value as CampaignKind });
                }}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>
            <Form.Item name="period" label={t('campaigns.form.period')}>
              <Select options={yearOptions().map((y) => ({ value: y, label: y }))} onChange={(p: string) => suggest({ period: p })} data-testid="campaign-period" />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>
            <Form.Item name="noticeDays" label={t('campaigns.form.noticeDays')} rules={[{ required: true, message: t('common.required') }]}>
              <InputNumber min={1} max={60} precision={0} style={{ width: '100%' }} suffix={t('campaigns.form.workingDays')} data-testid="campaign-notice-days" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="title" label={t('campaigns.form.name')} rules={[{ required: true, whitespace: true, message: t('campaigns.form.nameRequired') }]}>
          <Input maxLength={100} showCount data-testid="campaign-title" />
        </Form.Item>
        <Typography.Text strong>{t('campaigns.form.deadlines')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {t('campaigns.form.deadlinesHint')}
        </Typography.Paragraph>
        <Row gutter={12}>{STAGES.filter((s) => kind === 'five_star' || s !== 'selfEvaluation').map(deadlineField)}</Row>
        <Typography.Text strong>{t('campaigns.form.quotas')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {t('campaigns.form.quotasHint')}
        </Typography.Paragraph>
        <QuotaFields categories={CATEGORIES_OF[kind]} />
      </Form>
    </Drawer>
  );
}
