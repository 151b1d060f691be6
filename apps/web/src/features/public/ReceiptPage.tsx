// 回执查询: whoever objected enters the receipt code and sees the state, the outcome and the reply —
// nothing else about anyone. The code may come in the address (?code=) from the receipt itself.
import { Alert, Card, Descriptions, Form, Input, Button, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { OBJECTION_COLOR, useCampaignLabels } from '../campaigns/format.ts';
import { useReceipt } from './hooks.ts';

export default function ReceiptPage() {
  const { t } = useTranslation();
  const { objectionState, outcome } = useCampaignLabels();
  const [params, setParams] = useSearchParams();
  const code = params.get('code')?.trim().toUpperCase() || undefined;
  const { data, isFetching, error } = useReceipt(code);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="receipt-page">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('publicNotice.receipt.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('publicNotice.receipt.intro')}</Typography.Text>
      </div>
      <Card size="small">
        <Form layout="inline" initialValues={{ code: code ?? '' }} onFinish={(v: { code: string }) => setParams(v.code.trim() ? { code: v.code.trim().toUpperCase() } : {}, { replace: true })} style={{ rowGap: 8 }}>
          <Form.Item name="code" style={{ flex: 1, minWidth: 200 }} rules={[{ required: true, whitespace: true, message: t('publicNotice.receipt.codeRequired') }]}>
            <Input
              maxLength={20}
              placeholder={t('publicNotice.receipt.codePlaceholder')}
              style={{ textTransform: 'uppercase', letterSpacing: 2 }}
              autoCapitalize="characters"
              data-testid="receipt-input"
            />
          </Form.Item>
          <Form.Item style={{ marginInlineEnd: 0 }}>
            <Button type="primary" htmlType="submit" loading={isFetching} data-testid="receipt-submit">
              {t('publicNotice.receipt.lookup')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon title={errorMessage(error)} data-testid="receipt-error" />}
      {data && (
        <Card size="small" data-testid="receipt-result">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('publicNotice.receipt.code')}>{data.receiptCode}</Descriptions.Item>
            <Descriptions.Item label={t('publicNotice.receipt.campaign')}>{data.campaignTitle}</Descriptions.Item>
            <Descriptions.Item label={t('publicNotice.receipt.candidate')}>{data.candidateName}</Descriptions.Item>
            <Descriptions.Item label={t('publicNotice.receipt.filedOn')}>{data.filedOn}</Descriptions.Item>
            <Descriptions.Item label={t('publicNotice.receipt.state')}>
              <Tag color={OBJECTION_COLOR[data.state]} data-testid="receipt-state">
                {objectionState(data.state)}
              </Tag>
            </Descriptions.Item>
            {data.outcome && (
              <Descriptions.Item label={t('publicNotice.receipt.outcome')}>
                <span data-testid="receipt-outcome">{outcome(data.outcome)}</span>
              </Descriptions.Item>
            )}
            {data.reply && (
              <Descriptions.Item label={t('publicNotice.receipt.reply')}>
                <span style={{ whiteSpace: 'pre-wrap' }} data-testid="receipt-reply">
                  {data.reply}
                </span>
              </Descriptions.Item>
            )}
            {data.handledOn && <Descriptions.Item label={t('publicNotice.receipt.handledOn')}>{data.handledOn}</Descriptions.Item>}
          </Descriptions>
          {data.state === 'open' && <Alert style={{ marginTop: 12 }} type="info" showIcon title={t('publicNotice.receipt.pending')} />}
        </Card>
      )}
    </Space>
  );
}
