// One help request: what the resident asked, where, its photos, its course so far, and the
// actions the caller may take (the server says which). Reached from the inbox and the queues.
import { Alert, Button, Card, Descriptions, Image, Input, Rate, Result, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { PageSpin } from '../../components/PageSpin.tsx';
import { Coordinates } from '../../components/PlaceField.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { HelpActions } from './Actions.tsx';
import { helpAction, useHelpRequest, useInvalidateHelp } from './hooks.ts';
import { STATUS_COLOR, useHelpLabels } from './labels.ts';

export default function RequestDetailPage() {
  const { t } = useTranslation();
  const labels = useHelpLabels();
  const id = Number(useParams().id);
  const { data: r, error } = useHelpRequest(id);
  const invalidate = useInvalidateHelp();
  const [rating, setRating] = useState(0);
  const [actionError, setActionError] = useState<string | null>(null);
  if (error) return <Result status="404" title={errorMessage(error)} />;
  if (!r) return <PageSpin />;
  const time = (iso: string | null) => (iso ? formatDateTime(iso) : '—');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 760 }} data-testid="help-detail-page">
      <Space wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>{labels.category(r.category)}</Typography.Title>
        <Tag color={STATUS_COLOR[r.status]} data-testid="help-detail-status">{labels.status(r.status)}</Tag>
        {r.overdue && <Tag color="error">{t('help.overdue')}</Tag>}
      </Space>
      <Card size="small">
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('help.fields.description')}><span style={{ whiteSpace: 'pre-wrap' }}>{r.description}</span></Descriptions.Item>
          <Descriptions.Item label={t('help.fields.place')}>
            {r.unitName}
            {r.place ? ` · ${r.place}` : ''}
            {r.latitude !== null && r.longitude !== null && (
              <div>
                <Coordinates latitude={r.latitude} longitude={r.longitude} testId="help-detail-coords" />
              </div>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('help.fields.resident')}>
            {r.residentName} <span data-testid="help-detail-phone">{r.phone}</span>
          </Descriptions.Item>
          {r.receiptCode && <Descriptions.Item label={t('help.fields.receipt')}>{r.receiptCode}</Descriptions.Item>}
          <Descriptions.Item label={t('help.fields.filedAt')}>{time(r.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('help.fields.acceptDue')}>{time(r.acceptDueAt)}</Descriptions.Item>
          <Descriptions.Item label={t('help.fields.resolveDue')}>{time(r.resolveDueAt)}</Descriptions.Item>
          {r.helperName && <Descriptions.Item label={t('help.fields.helper')}>{r.helperName} · {time(r.acceptedAt)}</Descriptions.Item>}
          {r.resolution && <Descriptions.Item label={t('help.fields.resolution')}><span style={{ whiteSpace: 'pre-wrap' }}>{r.resolution}</span></Descriptions.Item>}
          {r.reopenReason && <Descriptions.Item label={t('help.fields.reopenReason')}>{r.reopenReason}</Descriptions.Item>}
          {r.escalatedAt && <Descriptions.Item label={t('help.fields.escalatedAt')}>{time(r.escalatedAt)}</Descriptions.Item>}
          {r.closeReason && <Descriptions.Item label={t('help.fields.closeReason')}>{r.closeReason}</Descriptions.Item>}
          {r.rating !== null && (
            <Descriptions.Item label={t('help.fields.rating')}>
              <Rate disabled value={r.rating} /> {r.ratingComment}
            </Descriptions.Item>
          )}
        </Descriptions>
        {r.photos.length > 0 && (
          <Image.PreviewGroup>
            <Space wrap style={{ marginTop: 12 }}>
              {r.photos.map((p) => <Image key={p.id} src={p.url} width={96} height={96} style={{ objectFit: 'cover' }} />)}
            </Space>
          </Image.PreviewGroup>
        )}
      </Card>
      <HelpActions r={r} can={r.can} />
      {r.can.confirm && (
        <Card size="small" title={t('help.follow.confirmTitle')}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Rate value={rating} onChange={setRating} />
            <Button type="primary" disabled={rating === 0} onClick={async () => {
              setActionError(null);
              try {
                await helpAction(r.id, 'confirm', { rating });
                await invalidate();
              } catch (e) {
                setActionError(errorMessage(e));
              }
            }}>
              {t('help.follow.confirm')}
            </Button>
            <ReopenBox id={r.id} onError={setActionError} />
          </Space>
        </Card>
      )}
      {actionError && <Alert type="error" showIcon title={actionError} />}
    </Space>
  );
}

function ReopenBox({ id, onError }: { id: number; onError: (e: string | null) => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateHelp();
  const [reason, setReason] = useState('');
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} placeholder={t('help.follow.reopenPlaceholder')} />
      <Button danger disabled={reason.trim().length < 2} onClick={async () => {
        onError(null);
        try {
          await helpAction(id, 'reopen', { reason });
          await invalidate();
        } catch (e) {
          onError(errorMessage(e));
        }
      }}>
        {t('help.follow.reopen')}
      </Button>
    </Space.Compact>
  );
}
