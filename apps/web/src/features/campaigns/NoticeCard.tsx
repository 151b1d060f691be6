// 公示 and 确定 for the leading group: publish the decided candidates for the campaign's working
// days (the end date is worked out before publishing, weekends and holidays skipped), and close
// the campaign once the notice has run without open objections. When closing is not possible yet
// the card says why — the same reasons the server gives when asked anyway.
import { CheckCircleOutlined, NotificationOutlined } from '@ant-design/icons';
import { isValidYmd, noticeEnd, type WorkCalendar } from '@xianfeng/domain';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Modal, Space, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, errorMessage } from '../../api/client.ts';
import { DATE_FORMAT, toYmd } from '../../lib/dates.ts';
import { useCalendar, useInvalidateCampaigns, useObjections } from './hooks.ts';
import type { CampaignDetail, CloseResult, PublishResult } from './types.ts';

function useWorkCalendar(year: number) {
  const a = useCalendar(year);
  const b = useCalendar(year + 1);
  if (!a.data || !b.data) return { calendar: null, error: a.error ?? b.error };
  const calendar: WorkCalendar = {
    holidays: [...a.data.holidays, ...b.data.holidays].map((d) => d.day),
    workdays: [...a.data.workdays, ...b.data.workdays].map((d) => d.day),
  };
  return { calendar, error: null };
}

function PublishModal({ campaign, onClose }: { campaign: CampaignDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const invalidate = useInvalidateCampaigns();
  const [start, setStart] = useState<Dayjs>(dayjs(campaign.today));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { calendar, error: calendarError } = useWorkCalendar(start.year());
  const startDay = toYmd(start)!;
  const end = calendar && isValidYmd(startDay) ? noticeEnd(startDay, campaign.noticeDays, calendar) : null;

  async function publish() {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<PublishResult>(`/api/campaigns/${campaign.id}/publish-notice`, { start: startDay });
      message.success(t('campaigns.notice.published', { count: r.published, end: r.noticeEnd }));
      await invalidate();
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={t('campaigns.notice.publishTitle')}
      onCancel={onClose}
      onOk={publish}
      okText={t('campaigns.notice.publish')}
      okButtonProps={{ loading: busy, 'data-testid': 'publish-confirm' }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="publish-error" />}
      <Typography.Paragraph>{t('campaigns.notice.publishText', { count: campaign.byState.decided ?? 0, days: campaign.noticeDays })}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('campaigns.notice.start')}>
          <DatePicker
            value={start}
            allowClear={false}
            format={DATE_FORMAT}
            disabledDate={(d: Dayjs) => toYmd(d)! < campaign.today}
            onChange={(d) => d && setStart(d)}
            style={{ width: '100%' }}
            data-testid="publish-start"
          />
        </Form.Item>
      </Form>
      {calendarError ? (
        <Alert type="warning" showIcon title={errorMessage(calendarError)} />
      ) : (
        <Alert
          type="info"
          showIcon
          data-testid="publish-end"
          title={end ? t('campaigns.notice.endsOn', { start: startDay, end, days: campaign.noticeDays }) : t('common.loading')}
          description={t('campaigns.notice.calendarHint')}
        />
      )}
    </Modal>
  );
}

export function NoticeCard({ campaign }: { campaign: CampaignDetail }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const invalidate = useInvalidateCampaigns();
  const [publishing, setPublishing] = useState(false);
  const [closeError, setCloseError] = useState<string | null>(null);
  const decide = campaign.can.decide;
  const objections = useObjections(campaign.id, 'open', (campaign.can.review || decide) && campaign.status === 'notice');
  const decided = campaign.byState.decided ?? 0;
  const running = campaign.status === 'notice' && !!campaign.noticeEnd && campaign.today <= campaign.noticeEnd;
  const open = objections.data?.open ?? 0;

  function close() {
    setCloseError(null);
    modal.confirm({
      title: t('campaigns.notice.closeTitle'),
      content: t('campaigns.notice.closeText', { count: campaign.byState.public_notice ?? 0 }),
      okText: t('campaigns.notice.close'),
      okButtonProps: { 'data-testid': 'close-confirm' } as ButtonProps,
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const r = await api.post<CloseResult>(`/api/campaigns/${campaign.id}/close`);
          message.success(t('campaigns.notice.closed', { count: r.finals }));
        } catch (e) {
          setCloseError(errorMessage(e));
        }
        await invalidate();
      },
    });
  }

  return (
    <Card size="small" title={<span><NotificationOutlined /> {t('campaigns.notice.title')}</span>} data-testid="notice-card">
      <Space orientation="vertical" size="small" style={{ width: '100%' }}>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('campaigns.notice.days')}>{t('campaigns.notice.daysValue', { count: campaign.noticeDays })}</Descriptions.Item>
          {campaign.noticeStart && (
            <Descriptions.Item label={t('campaigns.notice.period')}>
              <span data-testid="notice-card-period">
                {campaign.noticeStart} ~ {campaign.noticeEnd}
              </span>
            </Descriptions.Item>
          )}
          {campaign.closedAt && <Descriptions.Item label={t('campaigns.notice.closedAt')}>{campaign.closedAt.slice(0, 10)}</Descriptions.Item>}
        </Descriptions>
        {campaign.status === 'notice' && (
          <Link to={`/public/notices/${campaign.id}`} target="_blank" data-testid="notice-public-link">
            {t('campaigns.notice.publicPage')}
          </Link>
        )}
        {decide && campaign.status !== 'closed' && decided > 0 && (
          <Button type="primary" icon={<NotificationOutlined />} onClick={() => setPublishing(true)} data-testid="publish-notice">
            {campaign.status === 'notice' ? t('campaigns.notice.publishMore', { count: decided }) : t('campaigns.notice.publishCount', { count: decided })}
          </Button>
        )}
        {decide && campaign.status === 'open' && decided === 0 && <Typography.Text type="secondary">{t('campaigns.notice.nothingDecided')}</Typography.Text>}
        {campaign.status === 'notice' && (
          <>
            {running && <Alert type="info" showIcon title={t('campaigns.notice.running', { end: campaign.noticeEnd })} data-testid="close-blocked-running" />}
            {open > 0 && (
              <Alert type="warning" showIcon title={t('campaigns.notice.openObjections', { count: open })} data-testid="close-blocked-objections" />
            )}
            {decide && (
              <Button icon={<CheckCircleOutlined />} onClick={close} type={running || open > 0 ? 'default' : 'primary'} data-testid="close-campaign">
                {t('campaigns.notice.close')}
              </Button>
            )}
          </>
        )}
        {closeError && <Alert type="error" showIcon title={closeError} closable={{ onClose: () => setCloseError(null) }} data-testid="close-error" />}
      </Space>
      {publishing && <PublishModal campaign={campaign} onClose={() => setPublishing(false)} />}
    </Card>
  );
}
