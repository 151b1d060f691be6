// The stage deadline of a candidate: due soon (orange), overdue (red), otherwise the date in grey.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { DEADLINE_COLOR } from './format.ts';
import type { Candidate } from './types.ts';

export function DeadlineTag({ deadline }: { deadline: Candidate['deadline'] }) {
  const { t } = useTranslation();
  if (!deadline.due || deadline.status === 'none') return null;
  return (
    <Tag color={DEADLINE_COLOR[deadline.status]} data-testid="deadline-tag" data-status={deadline.status}>
      {deadline.status === 'overdue'
        ? t('campaigns.deadline.overdue', { day: deadline.due })
        : deadline.status === 'due_soon'
          ? t('campaigns.deadline.dueSoon', { day: deadline.due })
          : t('campaigns.deadline.due', { day: deadline.due })}
    </Tag>
  );
}
