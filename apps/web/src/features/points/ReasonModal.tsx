// The points pages' reason dialog (驳回, 冲正, 取消订单, 改挂): at most 200 characters.
import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { ReasonDialog } from '../../components/ReasonDialog.tsx';

type Props = Omit<ComponentProps<typeof ReasonDialog>, 'label' | 'requiredMessage' | 'maxLength' | 'field' | 'testIdPrefix'> & { label?: string };

export function ReasonModal({ label, ...props }: Props) {
  const { t } = useTranslation();
  return <ReasonDialog {...props} label={label ?? t('points.reason')} maxLength={200} requiredMessage={t('points.reasonRequired')} />;
}
