// After filing: the receipt code, large and copyable — the only way to learn the outcome later.
import { Button, Card, Result, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ObjectionFiled } from '../campaigns/types.ts';

export function ReceiptCode({ filed, onAnother }: { filed: ObjectionFiled; onAnother: () => void }) {
  const { t } = useTranslation();
  return (
    <Card size="small" data-testid="objection-receipt">
      <Result
        status="success"
        title={t('publicNotice.receipt.filed')}
        subTitle={t('publicNotice.receipt.about', { candidate: filed.candidateName, campaign: filed.campaignTitle })}
        extra={
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <div>
              <Typography.Text type="secondary">{t('publicNotice.receipt.code')}</Typography.Text>
              <Typography.Paragraph
                copyable={{ text: filed.receiptCode, tooltips: [t('publicNotice.receipt.copy'), t('publicNotice.receipt.copied')] }}
                style={{ fontSize: 30, fontWeight: 700, letterSpacing: 4, fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', margin: '4px 0 0' }}
                data-testid="receipt-code"
              >
                {filed.receiptCode}
              </Typography.Paragraph>
            </div>
            <Typography.Text type="secondary">{t('publicNotice.receipt.keep')}</Typography.Text>
            <Space wrap style={{ justifyContent: 'center' }}>
              <Link to={`/public/receipt?code=${filed.receiptCode}`}>
                <Button type="primary" data-testid="receipt-follow">
                  {t('publicNotice.receipt.follow')}
                </Button>
              </Link>
              <Button onClick={onAnother}>{t('publicNotice.receipt.another')}</Button>
            </Space>
          </Space>
        }
      />
    </Card>
  );
}
