// 求助进度: the resident follows their request with its receipt code, and once a member has
// resolved it, confirms it with a rating or says it is not fixed. Nothing about anyone else.
import { Alert, Button, Card, Descriptions, Form, Input, Rate, Space, Steps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { receiptAction, useReceipt } from '../help/hooks.ts';
import { STATUS_COLOR, useHelpLabels } from '../help/labels.ts';

const STEPS = ['received', 'accepted', 'in_progress', 'resolved', 'confirmed'] as const;

export default function HelpFollowPage() {
  const { t } = useTranslation();
  const labels = useHelpLabels();
  const [params, setParams] = useSearchParams();
  const code = params.get('code')?.trim().toUpperCase() || undefined;
  const { data, isFetching, error, refetch } = useReceipt(code);
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  async function act(action: 'confirm' | 'reopen') {
    setBusy(true);
    setActionError(null);
    try {
      await receiptAction(code!, action, action === 'confirm' ? { rating, comment } : { reason });
      await refetch();
    } catch (e) {
      setActionError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const current = data ? (data.status === 'closed' ? -1 : STEPS.indexOf(data.status as (typeof STEPS)[number])) : 0;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 560, margin: '0 auto', display: 'flex' }} data-testid="help-follow-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('help.follow.title')}
      </Typography.Title>
      <Card size="small">
        <Form layout="inline" initialValues={{ code: code ?? '' }} onFinish={(v: { code: string }) => setParams(v.code.trim() ? { code: v.code.trim().toUpperCase() } : {}, { replace: true })} style={{ rowGap: 8 }}>
          <Form.Item name="code" style={{ flex: 1, minWidth: 180 }} rules={[{ required: true, whitespace: true, message: t('help.follow.codeRequired') }]}>
            <Input maxLength={20} placeholder={t('help.follow.codePlaceholder')} style={{ textTransform: 'uppercase', letterSpacing: 2 }} autoCapitalize="characters" data-testid="help-follow-input" />
          </Form.Item>
          <Form.Item style={{ marginInlineEnd: 0 }}>
            <Button type="primary" htmlType="submit" loading={isFetching} data-testid="help-follow-submit">
              {t('help.follow.lookup')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon title={errorMessage(error)} data-testid="help-follow-error" />}
      {data && (
        <Card size="small" data-testid="help-follow-result">
          {current >= 0 && <Steps size="small" direction="vertical" current={current} items={STEPS.map((s) => ({ title: labels.status(s) }))} style={{ marginBottom: 12 }} />}
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('help.fields.status')}>
              <Tag color={STATUS_COLOR[data.status]} data-testid="help-follow-status">
                {labels.status(data.status)}
              </Tag>
              {data.overdue && <Tag color="red">{t('help.overdue')}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('help.fields.category')}>{labels.category(data.category)}</Descriptions.Item>
            <Descriptions.Item label={t('help.fields.description')}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{data.description}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('help.fields.filedAt')}>{formatDateTime(data.createdAt)}</Descriptions.Item>
            {data.helperName && <Descriptions.Item label={t('help.fields.helper')}>{data.helperName}</Descriptions.Item>}
            {data.resolution && (
              <Descriptions.Item label={t('help.fields.resolution')}>
                <span style={{ whiteSpace: 'pre-wrap' }} data-testid="help-follow-resolution">{data.resolution}</span>
              </Descriptions.Item>
            )}
            {data.closeReason && <Descriptions.Item label={t('help.fields.closeReason')}>{data.closeReason}</Descriptions.Item>}
            {data.rating !== null && (
              <Descriptions.Item label={t('help.fields.rating')}>
                <Rate disabled value={data.rating} />
              </Descriptions.Item>
            )}
          </Descriptions>
          {data.status === 'resolved' && (
            <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }} data-testid="help-confirm-box">
              <Typography.Text strong>{t('help.follow.confirmTitle')}</Typography.Text>
              <Rate value={rating} onChange={setRating} data-testid="help-rate" />
              <Input.TextArea rows={2} maxLength={500} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('help.follow.commentPlaceholder')} data-testid="help-comment" />
              <Button type="primary" block disabled={rating === 0} loading={busy} onClick={() => act('confirm')} data-testid="help-confirm">
                {t('help.follow.confirm')}
              </Button>
              <Input.TextArea rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('help.follow.reopenPlaceholder')} data-testid="help-reopen-reason" />
              <Button block danger disabled={reason.trim().length < 2} loading={busy} onClick={() => act('reopen')} data-testid="help-reopen">
                {t('help.follow.reopen')}
              </Button>
            </Space>
          )}
          {actionError && <Alert style={{ marginTop: 12 }} type="error" showIcon title={actionError} data-testid="help-follow-action-error" />}
        </Card>
      )}
    </Space>
  );
}
