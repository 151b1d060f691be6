// 申报积分: the member picks a rule, the day, the points when the rule gives a range, a remark and the
// evidence, and submits once — the Idempotency-Key made for this opening makes a double tap harmless.
import { PaperClipOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Drawer, Form, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFormErrors } from '../../../api/formErrors.ts';
import { DATE_FORMAT, isFuture, toYmd, today } from '../../../lib/dates.ts';
import { useIdempotencyKey } from '../../../lib/idempotencyKey.ts';
import { useIsPhone } from '../../../lib/useIsPhone.ts';
import { EvidenceUpload } from '../EvidenceUpload.tsx';
import { ACCOUNT_COLOR, usePointsFormat } from '../format.ts';
import { postOnce, useInvalidatePoints, useMyRules } from '../hooks.ts';
import type { Claim, Evidence, Rule } from '../types.ts';

interface ClaimForm {
  ruleId?: number;
  occurredOn?: Dayjs | null;
  points?: number | null;
  remark?: string;
  evidenceIds?: Evidence[];
}

const FIELDS = ['ruleId', 'occurredOn', 'points', 'remark', 'evidenceIds'];

function RuleHint({ rule }: { rule: Rule }) {
  const { t } = useTranslation();
  const { rulePoints } = usePointsFormat();
  const limits = [
    rule.capPerPeriod !== null ? t('points.rule.capText', { cap: rule.capPerPeriod }) : null,
    rule.cycleDays !== null ? t('points.rule.cycleText', { days: rule.cycleDays, max: rule.maxPerCycle }) : null,
  ].filter(Boolean);
  return (
    <Alert
      type="info"
      style={{ marginBottom: 16 }}
      data-testid="claim-rule-hint"
      title={
        <span>
          {rule.name} · {rulePoints(rule)}
          {rule.needsEvidence && <Tag color="orange" style={{ marginInlineStart: 8 }}>{t('points.rule.needsEvidence')}</Tag>}
        </span>
      }
      description={
        <>
          {rule.description && <div>{rule.description}</div>}
          {limits.length > 0 && <div>{limits.join(t('common.separator'))}</div>}
          {!rule.needsApproval && <div>{t('points.rule.noApprovalHint')}</div>}
        </>
      }
    />
  );
}

export function ClaimDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const { account, rulePoints } = usePointsFormat();
  const invalidate = useInvalidatePoints();
  const [form] = Form.useForm<ClaimForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = useIdempotencyKey(open);
  const rules = useMyRules(open);
  const ruleId = Form.useWatch('ruleId', form);
  const rule = rules.data?.items.find((r) => r.id === ruleId);
  const ranged = !!rule && rule.pointsMin !== rule.pointsMax;

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ occurredOn: today(), evidenceIds: [] });
  }, [open, form]);

  async function submit(v: ClaimForm) {
    setBusy(true);
    setError(null);
    try {
      const claim = await postOnce<Claim>(
        '/api/points/claims',
        {
          ruleId: v.ruleId,
          occurredOn: toYmd(v.occurredOn),
          points: ranged ? (v.points ?? null) : null,
          remark: v.remark?.trim() ?? '',
          evidenceIds: (v.evidenceIds ?? []).map((e) => e.id),
        },
        key,
      );
      message.success(claim.status === 'approved' ? t('points.claim.booked') : t('points.claim.submitted'));
      await invalidate();
      onClose();
    } catch (e) {
      setError(applyFormErrors(form, e, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  const options = (rules.data?.items ?? []).map((r) => ({
    value: r.id,
    label: `${r.name} (${rulePoints(r)})`,
    search: `${r.code} ${r.name}`,
    rule: r,
  }));

  return (
    <Drawer
      mask={{ closable: false }}
      open={open}
      onClose={onClose}
      size={isPhone ? '100%' : 520}
      title={t('points.claim.title')}
      destroyOnHidden
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="claim-submit">
            {t('points.claim.submit')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="claim-form-error" />}
      {rules.error && <Alert type="error" showIcon title={t('points.claim.rulesFailed')} style={{ marginBottom: 16 }} />}
      <Form<ClaimForm> form={form} layout="vertical" onFinish={submit} data-testid="claim-form" scrollToFirstError>
        <Form.Item name="ruleId" label={t('points.claim.rule')} rules={[{ required: true, message: t('points.claim.ruleRequired') }]}>
          <Select
            showSearch={{ optionFilterProp: 'search' }}
            loading={rules.isFetching}
            options={options}
            placeholder={t('points.claim.rulePlaceholder')}
            notFoundContent={rules.isFetching ? t('common.loading') : t('points.claim.noRules')}
            optionRender={(o) => (
              <div style={{ display: 'flex', gap: 6, alignItems: 'center', minWidth: 0 }}>
                <Tag color={ACCOUNT_COLOR[o.data.rule.account]} style={{ marginInlineEnd: 0 }}>
                  {account(o.data.rule.account)}
                </Tag>
                <span className="xf-ellipsis" style={{ flex: 1 }}>
                  {o.data.rule.name}
                </span>
                <span style={{ whiteSpace: 'nowrap' }}>{rulePoints(o.data.rule)}</span>
                {o.data.rule.needsEvidence && <PaperClipOutlined title={t('points.rule.needsEvidence')} />}
              </div>
            )}
            onChange={() => form.setFieldValue('points', null)}
            data-testid="claim-rule"
          />
        </Form.Item>
        {rule && <RuleHint rule={rule} />}
        <Form.Item name="occurredOn" label={t('points.claim.date')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker format={DATE_FORMAT} disabledDate={(d: Dayjs) => isFuture(d)} style={{ width: '100%' }} inputReadOnly={isPhone} data-testid="claim-date" />
        </Form.Item>
        {ranged && rule && (
          <Form.Item
            name="points"
            label={t('points.claim.points')}
            extra={t('points.claim.pointsRange', { min: rule.pointsMin, max: rule.pointsMax })}
            rules={[{ required: true, message: t('points.claim.pointsRange', { min: rule.pointsMin, max: rule.pointsMax }) }]}
          >
            <InputNumber min={rule.pointsMin} max={rule.pointsMax} precision={0} inputMode="numeric" style={{ width: '100%' }} data-testid="claim-points" />
          </Form.Item>
        )}
        <Form.Item name="remark" label={t('points.claim.remark')}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('points.claim.remarkPlaceholder')} data-testid="claim-remark" />
        </Form.Item>
        <Form.Item
          name="evidenceIds"
          label={t('points.claim.evidence')}
          rules={[
            {
              validator: (_, v: Evidence[] | undefined) =>
                rule?.needsEvidence && !(v && v.length) ? Promise.reject(new Error(t('points.claim.evidenceRequired'))) : Promise.resolve(),
            },
          ]}
        >
          <EvidenceUpload data-testid="claim-evidence" />
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('points.claim.reviewHint')}
        </Typography.Paragraph>
      </Form>
    </Drawer>
  );
}
