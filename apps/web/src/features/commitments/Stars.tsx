// The five stars of 五星党员, lit or dark, each named on hover (争先创优, 为民服务, …).
import { StarFilled, StarOutlined } from '@ant-design/icons';
import { STAR_DIMENSIONS } from '@xianfeng/domain';
import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StarDimension } from './types.ts';

export function Stars({ lit, size = 16, testId = 'card-stars' }: { lit: readonly StarDimension[]; size?: number; testId?: string }) {
  const { t } = useTranslation();
  const names = lit.map((d) => t(`commitments.star.${d}`)).join(t('commitments.star.joiner'));
  return (
    <Tooltip title={lit.length ? names : t('commitments.star.none')}>
      <span style={{ whiteSpace: 'nowrap', fontSize: size }} data-testid={testId} data-count={lit.length} aria-label={t('commitments.star.count', { n: lit.length })}>
        {STAR_DIMENSIONS.map((d) =>
          lit.includes(d) ? <StarFilled key={d} style={{ color: '#faad14' }} /> : <StarOutlined key={d} style={{ color: 'rgba(0,0,0,0.2)' }} />,
        )}
      </span>
    </Tooltip>
  );
}
