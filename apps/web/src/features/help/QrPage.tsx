// 求助二维码: the QR code a village puts up (notice board, WeChat group) that opens its public
// ask-for-help page; printable. The village is picked from the caller's units.
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, QRCode, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import type { UnitRef } from '../../api/types.ts';

export default function QrPage() {
  const { t } = useTranslation();
  const [unit, setUnit] = useState<UnitRef | undefined>();
  const url = unit ? `${window.location.origin}/public/help/${encodeURIComponent(unit.code)}` : null;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 560 }} data-testid="help-qr-page">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('help.qr.title')}</Typography.Title>
      <Typography.Text type="secondary">{t('help.qr.intro')}</Typography.Text>
      <UnitPicker value={unit?.id} onChange={(_, u) => setUnit(u)} placeholder={t('help.qr.pick')} style={{ width: '100%' }} data-testid="help-qr-unit" />
      {url && unit && (
        <Card size="small" style={{ textAlign: 'center' }} data-testid="help-qr-card">
          <Typography.Title level={4}>{t('help.qr.poster', { village: unit.name })}</Typography.Title>
          <div style={{ display: 'flex', justifyContent: 'center' }}>
            <QRCode value={url} size={240} errorLevel="M" />
          </div>
          <Typography.Paragraph copyable={{ text: url }} style={{ marginTop: 12 }} data-testid="help-qr-url">{url}</Typography.Paragraph>
          <Space className="no-print">
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>{t('help.qr.print')}</Button>
            <Link to={`/public/help/${encodeURIComponent(unit.code)}/stats`}>{t('help.qr.stats')}</Link>
          </Space>
        </Card>
      )}
    </Space>
  );
}
