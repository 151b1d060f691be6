// 流动挂牌: the period's top member is the candidate; the secretary hangs the plaque on them (确认挂牌)
// or, with a reason, on someone else of the unit (改挂). Every decision stays in the history.
import { CrownOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../../api/client.ts';
import { applyFormErrors } from '../../../api/formErrors.ts';
import { useCan } from '../../../auth/session.ts';
import { formatDateTime } from '../../../lib/dates.ts';
import { MemberPicker } from '../../users/MemberPicker.tsx';
import { usePointsFormat } from '../format.ts';
import { useInvalidatePoints, usePlaque } from '../hooks.ts';
import type { PlaqueAward } from '../types.ts';

function OverrideModal({ open, unitId, period, onClose }: { open: boolean; unitId: number; period: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const invalidate = useInvalidatePoints();
  const [form] = Form.useForm<{ memberId?: number; reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      form.resetFields();
      setError(null);
    }
  }, [open, form]);

  async function submit(v: { memberId?: number; reason: string }) {
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/points/plaque', { unitId, period, memberId: v.memberId, reason: v.reason.trim() });
      message.success(t('points.plaque.hung'));
      await invalidate();
      onClose();
    } catch (e) {
      setError(applyFormErrors(form, e, ['memberId', 'reason']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={open} title={t('points.plaque.overrideTitle')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: busy, 'data-testid': 'plaque-override-submit' }} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="memberId" label={t('points.plaque.to')} rules={[{ required: true, message: t('common.required') }]}>
          <MemberPicker unitId={unitId} placeholder={t('points.book.memberPlaceholder')} data-testid="plaque-member" />
        </Form.Item>
        <Form.Item name="reason" label={t('points.plaque.reason')} rules={[{ required: true, whitespace: true, message: t('points.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={200} showCount data-testid="plaque-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AwardLine({ a }: { a: PlaqueAward }) {
  const { t } = useTranslation();
  return (
    <span>
      <Typography.Text strong>{a.name}</Typography.Text> · {t('points.pointsValue', { count: a.score })}{' '}
      <Tag color={a.basis === 'confirmed' ? 'green' : 'orange'}>{t(`points.plaque.basis.${a.basis}`)}</Tag>
      {a.reason && <div style={{ fontSize: 12 }}>{t('points.plaque.because', { reason: a.reason })}</div>}
      <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
        {a.decidedBy ? `${a.decidedBy} · ` : ''}
        {formatDateTime(a.decidedAt)}
      </div>
    </span>
  );
}

export function PlaqueCard({ unitId, period: asked }: { unitId: number; period?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const invalidate = useInvalidatePoints();
  const { period } = usePointsFormat();
  const { data, isPending, error } = usePlaque(unitId, asked);
  const [busy, setBusy] = useState(false);
  const [overriding, setOverriding] = useState(false);

  async function confirm() {
    if (!data) return;
    setBusy(true);
    try {
      await api.post('/api/points/plaque', { unitId, period: data.period });
      message.success(t('points.plaque.hung'));
      await invalidate();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const decide = can('points.approve');
  const alreadyConfirmed = !!data?.holder && !!data.candidate && data.holder.memberId === data.candidate.memberId;
  return (
    <Card size="small" title={<Space><CrownOutlined style={{ color: '#d4a017' }} />{t('points.plaque.title')}</Space>} data-testid="plaque-card">
      {isPending ? (
        <Skeleton active />
      ) : error ? (
        <Alert type="error" showIcon title={errorMessage(error)} />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <div>
            <Typography.Text type="secondary">{t('points.plaque.candidateOf', { period: period(data.period) })}</Typography.Text>
            <div data-testid="plaque-candidate">
              {data.candidate ? (
                <span>
                  <Typography.Text strong style={{ fontSize: 16 }}>{data.candidate.name}</Typography.Text> · {data.candidate.unitName} · {t('points.pointsValue', { count: data.candidate.score })}
                </span>
              ) : (
                t('points.plaque.noCandidate')
              )}
            </div>
          </div>
          <div>
            <Typography.Text type="secondary">{t('points.plaque.holder')}</Typography.Text>
            <div data-testid="plaque-holder">{data.holder ? <AwardLine a={data.holder} /> : t('points.plaque.noHolder')}</div>
          </div>
          {decide && (
            <Space wrap>
              <Button type="primary" icon={<CrownOutlined />} disabled={!data.candidate || alreadyConfirmed} loading={busy} onClick={confirm} data-testid="plaque-confirm">
                {t('points.plaque.confirm')}
              </Button>
              <Button icon={<SwapOutlined />} onClick={() => setOverriding(true)} data-testid="plaque-override">
                {t('points.plaque.override')}
              </Button>
            </Space>
          )}
          <div>
            <Typography.Text type="secondary">{t('points.plaque.history')}</Typography.Text>
            {data.history.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('points.plaque.noHistory')} />
            ) : (
              <Timeline
                style={{ marginTop: 12 }}
                items={data.history.map((a) => ({
                  key: a.id,
                  color: a.basis === 'confirmed' ? 'green' : 'orange',
                  content: (
                    <>
                      <div style={{ color: 'rgba(0,0,0,0.55)' }}>{period(a.period)}</div>
                      <AwardLine a={a} />
                    </>
                  ),
                }))}
                data-testid="plaque-history"
              />
            )}
          </div>
        </Space>
      )}
      {data && <OverrideModal open={overriding} unitId={unitId} period={data.period} onClose={() => setOverriding(false)} />}
    </Card>
  );
}
