// "公示期 6月1日 至 6月5日，还剩 3 个工作日" — or that the notice has ended.
import { ClockCircleOutlined } from '@ant-design/icons';
import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PublicNoticeSummary } from '../campaigns/types.ts';

export function NoticePeriod({ notice }: { notice: Pick<PublicNoticeSummary, 'noticeStart' | 'noticeEnd' | 'workingDaysLeft' | 'ended'> }) {
  const { t } = useTranslation();
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' }} data-testid="notice-period">
      <Typography.Text>
        <ClockCircleOutlined /> {t('publicNotice.period', { start: notice.noticeStart ?? '', end: notice.noticeEnd ?? '' })}
      </Typography.Text>
      {notice.ended ? (
        <Tag data-testid="notice-days-left">{t('publicNotice.ended')}</Tag>
      ) : (
        <Tag color={notice.workingDaysLeft <= 1 ? 'orange' : 'blue'} data-testid="notice-days-left">
          {notice.workingDaysLeft === 0 ? t('publicNotice.lastDay') : t('publicNotice.daysLeft', { count: notice.workingDaysLeft })}
        </Tag>
      )}
    </span>
  );
}
