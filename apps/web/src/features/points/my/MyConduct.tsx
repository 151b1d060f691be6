// 十为十不为 as published for the member's unit, and 我已知晓 once per version.
import { CheckCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../../api/client.ts';
import { formatDateTime } from '../../../lib/dates.ts';
import { ConductColumns } from '../ConductColumns.tsx';
import { useInvalidatePoints, useMyConduct } from '../hooks.ts';

export function MyConduct() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const invalidate = useInvalidatePoints();
  const { data, isPending, error } = useMyConduct();
  const [busy, setBusy] = useState(false);
  if (isPending) return <Skeleton active />;
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  const list = data.list;
  if (!list) return <Empty description={t('points.conduct.none')} />;

  async function ack() {
    setBusy(true);
    try {
      await api.post(`/api/points/my/conduct/${list!.id}/ack`);
      message.success(t('points.conduct.acked'));
      await invalidate();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="my-conduct">
      <Card size="small">
        <Typography.Text type="secondary">{t('points.conduct.publishedBy', { unit: list.unit.name, date: formatDateTime(list.publishedAt) })}</Typography.Text>
        <div style={{ marginTop: 8 }}>
          {list.ackedAt ? (
            <Alert type="success" showIcon icon={<CheckCircleOutlined />} title={t('points.conduct.ackedAt', { date: formatDateTime(list.ackedAt) })} data-testid="conduct-acked" />
          ) : (
            <Button type="primary" block loading={busy} onClick={ack} data-testid="conduct-ack">
              {t('points.conduct.ack')}
            </Button>
          )}
        </div>
      </Card>
      <ConductColumns items={list.items} />
    </div>
  );
}
