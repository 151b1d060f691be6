// 党员自评: for each of the five dimensions, whether the member claims its star, what they did
// (at most 500 characters) and the evidence (photos or PDFs, uploaded as for points claims). Saved
// as a draft any number of times; submitted once, after a confirmation, and locked from then on.
import { STAR_DIMENSIONS } from '@xianfeng/domain';
import { Alert, App, Button, Card, Form, Input, Space, Switch, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, errorMessage } from '../../api/client.ts';
import { EvidenceUpload } from '../points/EvidenceUpload.tsx';
import type { Evidence } from '../points/types.ts';
import { useInvalidateCampaigns } from './hooks.ts';
import type { SelfEvaluation, StarDimension } from './types.ts';

interface DimValues {
  claimed: boolean;
  statement: string;
  evidence: Evidence[];
}
type Values = { dims: Record<StarDimension, DimValues> };

export function SelfEvaluationForm({ evaluation, onSubmitted }: { evaluation: SelfEvaluation; onSubmitted?: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const invalidate = useInvalidateCampaigns();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const dims = Form.useWatch('dims', form);

  const initial: Values = {
    dims: Object.fromEntries(evaluation.dimensions.map((d) => [d.code, { claimed: d.claimed, statement: d.statement, evidence: d.evidence }])) as Values['dims'],
  };

  /** Puts `dimensions.<index or code>.<field>` errors beside their dimension; the rest goes to the alert. */
  function place(e: unknown): string | null {
    if (!(e instanceof ApiError) || e.details.length === 0) return errorMessage(e);
    const order = evaluation.dimensions.map((d) => d.code);
    const fields: { name: (string | number)[]; errors: string[] }[] = [];
    const rest: string[] = [];
    for (const d of e.details) {
      const [head, which, leaf] = d.field.split('.');
      const code = (STAR_DIMENSIONS as readonly string[]).includes(which) ? which : order[Number(which)];
      const name = leaf === 'statement' ? 'statement' : leaf === 'evidenceIds' ? 'evidence' : null;
      if (head === 'dimensions' && code && name) fields.push({ name: ['dims', code, name], errors: [d.message || e.message] });
      else rest.push(d.message || e.message);
    }
    form.setFields(fields as unknown as Parameters<typeof form.setFields>[0]);
    if (fields.length) form.scrollToField(fields[0].name as unknown as Parameters<typeof form.scrollToField>[0], { block: 'center' });
    return rest.length ? [...new Set(rest)].join(t('common.separator')) : fields.length ? null : e.message;
  }

  async function send(submit: boolean) {
    const v = form.getFieldsValue(true) as Values;
    setBusy(submit ? 'submit' : 'save');
    setError(null);
    try {
      await api.put(`/api/campaigns/candidates/${evaluation.candidateId}/self-evaluation`, {
        dimensions: evaluation.dimensions.map((d) => ({
          dimension: d.code,
          claimed: !!v.dims[d.code]?.claimed,
          statement: (v.dims[d.code]?.statement ?? '').trim(),
          evidenceIds: (v.dims[d.code]?.evidence ?? []).map((f) => f.id),
        })),
        submit,
      });
      message.success(t(submit ? 'campaigns.self.submitted' : 'campaigns.self.saved'));
      await invalidate();
      if (submit) onSubmitted?.();
    } catch (e) {
      setError(place(e));
    } finally {
      setBusy(null);
    }
  }

  function confirmSubmit() {
    const claimed = evaluation.dimensions.filter((d) => dims?.[d.code]?.claimed).length;
    modal.confirm({
      title: t('campaigns.self.confirmTitle'),
      content: t('campaigns.self.confirmText', { count: claimed }),
      okText: t('campaigns.self.submit'),
      okButtonProps: { 'data-testid': 'self-submit-confirm' } as ButtonProps,
      cancelText: t('common.cancel'),
      onOk: () => send(true),
    });
  }

  return (
    <Form<Values> form={form} layout="vertical" initialValues={initial} data-testid="self-form">
      <Typography.Paragraph type="secondary">{t('campaigns.self.intro')}</Typography.Paragraph>
      {evaluation.dimensions.map((d) => {
        const on = !!dims?.[d.code]?.claimed;
        return (
          <Card
            key={d.code}
            size="small"
            style={{ marginBottom: 12, borderColor: on ? '#ffccc7' : undefined }}
            data-testid={`self-dim-${d.code}`}
            title={
              <span style={{ whiteSpace: 'normal' }}>
                {d.name}
                {d.computed && (
                  <Tag color="green" style={{ marginInlineStart: 8 }} data-testid="self-dim-computed">
                    {t('campaigns.self.computed')}
                  </Tag>
                )}
                {d.evidenceRequired && <Tag color="orange">{t('campaigns.self.evidenceRequired')}</Tag>}
              </span>
            }
            extra={
              <Form.Item name={['dims', d.code, 'claimed']} valuePropName="checked" noStyle>
                <Switch checkedChildren={t('campaigns.self.claim')} unCheckedChildren={t('campaigns.self.noClaim')} data-testid="self-claim" />
              </Form.Item>
            }
          >
            {d.description && (
              <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                {d.description}
              </Typography.Paragraph>
            )}
            {on && (
              <>
                <Form.Item name={['dims', d.code, 'statement']} label={t('campaigns.self.statement')}>
                  <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('campaigns.self.statementPlaceholder')} data-testid="self-statement" />
                </Form.Item>
                <Form.Item name={['dims', d.code, 'evidence']} label={t('campaigns.self.evidence')} style={{ marginBottom: 0 }}>
                  <EvidenceUpload data-testid="self-evidence" />
                </Form.Item>
              </>
            )}
          </Card>
        );
      })}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="self-error" />}
      <Space wrap style={{ width: '100%', justifyContent: 'flex-end' }}>
        <Button loading={busy === 'save'} disabled={busy !== null} onClick={() => send(false)} data-testid="self-save">
          {t('campaigns.self.save')}
        </Button>
        <Button type="primary" loading={busy === 'submit'} disabled={busy !== null} onClick={confirmSubmit} data-testid="self-submit">
          {t('campaigns.self.submit')}
        </Button>
      </Space>
    </Form>
  );
}
