// A hazard's category, state and lateness as tags: overdue ones shout in red.
import { ClockCircleOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { STATUS_COLOR, useHazardLabels } from './labels.ts';

export function HazardStatusTag({ status }: { status: string }) {
  const { status: label } = useHazardLabels();
  return (
    <Tag color={STATUS_COLOR[status] ?? 'default'} style={{ marginInlineEnd: 0 }} data-testid="hazard-status">
      {label(status)}
    </Tag>
  );
}

export function HazardCategoryTag({ category }: { category: string }) {
  const { category: label } = useHazardLabels();
  return (
    <Tag color="gold" variant="outlined" style={{ marginInlineEnd: 0, fontWeight: 600 }} data-testid="hazard-category">
      {label(category)}
    </Tag>
  );
}

export function OverdueTag({ overdue }: { overdue: boolean }) {
  const { t } = useTranslation();
  if (!overdue) return null;
  return (
    <Tag color="#cf1322" icon={<ClockCircleOutlined />} style={{ marginInlineEnd: 0 }} data-testid="hazard-overdue">
      {t('hazards.overdue')}
    </Tag>
  );
}
