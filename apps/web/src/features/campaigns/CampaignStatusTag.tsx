// 进行中 / 公示中 (until when) / 已结束.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Campaign } from './types.ts';

const COLOR = { open: 'processing', notice: 'orange', closed: 'success' } as const;

export function CampaignStatusTag({ campaign }: { campaign: Pick<Campaign, 'status' | 'noticeEnd'> }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLOR[campaign.status]} data-testid="campaign-status">
      {campaign.status === 'notice' && campaign.noticeEnd ? t('campaigns.status.noticeUntil', { end: campaign.noticeEnd }) : t(`campaigns.status.${campaign.status}`)}
    </Tag>
  );
}
