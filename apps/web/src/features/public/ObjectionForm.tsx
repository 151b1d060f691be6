// 提出异议: which candidate, what is wrong (10 to 1,000 characters), and either a name and phone
// number or 匿名. The server limits how often one address may file; its messages land on the fields.
import { Alert, Button, Form, Input, Select, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { applyFormErrors } from '../../api/formErrors.ts';
import { useCampaignLabels } from '../campaigns/format.ts';
import type { ObjectionFiled, ObjectionInput, PublicCandidate } from '../campaigns/types.ts';

interface Values {
  candidateId?: number;
  content: string;
  anonymous: boolean;
  contactName?: string;
  contactPhone?: string;
}

const FIELDS = ['candidateId', 'content', 'anonymous', 'contactName', 'contactPhone'];

export function ObjectionForm({
  candidates, candidateId, onCandidate, onFiled,
}: {
  candidates: PublicCandidate[];
  candidateId?: number;
  onCandidate: (id: number | undefined) => void;
  onFiled: (f: ObjectionFiled) => void;
}) {
  const { t } = useTranslation();
  const { category } = useCampaignLabels();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const anonymous = Form.useWatch('anonymous', form);

  useEffect(() => {
    if (candidateId !== undefined) form.setFieldValue('candidateId', candidateId);
  }, [candidateId, form]);

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    try {
      const body: ObjectionInput = {
        candidateId: v.candidateId!,
        content: v.content.trim(),
        anonymous: v.anonymous,
        contactName: v.anonymous ? null : v.contactName?.trim() || null,
        contactPhone: v.anonymous ? null : v.contactPhone?.trim() || null,
      };
      const filed = await api.post<ObjectionFiled>('/api/public/objections', body);
      form.resetFields();
      onCandidate(undefined);
      onFiled(filed);
    } catch (e) {
      setError(applyFormErrors(form, e, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form<Values> form={form} layout="vertical" initialValues={{ anonymous: false, content: '' }} onFinish={submit} data-testid="objection-form" requiredMark={false}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="objection-error" />}
      <Form.Item name="candidateId" label={t('publicNotice.form.candidate')} rules={[{ required: true, message: t('publicNotice.form.candidateRequired') }]}>
        <Select
          placeholder={t('publicNotice.form.candidatePlaceholder')}
          options={candidates.map((c) => ({ value: c.id, label: `${c.name} · ${c.unitName} · ${category(c.category)}` }))}
          onChange={(v: number) => onCandidate(v)}
          data-testid="objection-candidate"
        />
      </Form.Item>
      <Form.Item
        name="content"
        label={t('publicNotice.form.content')}
        rules={[
          { required: true, whitespace: true, message: t('publicNotice.form.contentRequired') },
          { min: 10, message: t('publicNotice.form.contentLength') },
        ]}
      >
        <Input.TextArea rows={4} maxLength={1000} showCount placeholder={t('publicNotice.form.contentPlaceholder')} data-testid="objection-content" />
      </Form.Item>
      <Form.Item name="anonymous" label={t('publicNotice.form.anonymous')} valuePropName="checked" extra={t(anonymous ? 'publicNotice.form.anonymousHint' : 'publicNotice.form.namedHint')}>
        <Switch data-testid="objection-anonymous" />
      </Form.Item>
      {!anonymous && (
        <>
          <Form.Item name="contactName" label={t('publicNotice.form.name')}>
            <Input maxLength={30} autoComplete="name" data-testid="objection-name" />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('publicNotice.form.phone')} rules={[{ required: true, whitespace: true, message: t('publicNotice.form.phoneRequired') }]}>
            <Input maxLength={20} inputMode="tel" autoComplete="tel" data-testid="objection-phone" />
          </Form.Item>
        </>
      )}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('publicNotice.form.privacy')}
      </Typography.Paragraph>
      <Button type="primary" htmlType="submit" block loading={busy} data-testid="objection-submit">
        {t('publicNotice.form.submit')}
      </Button>
    </Form>
  );
}
