// Five stars in dimension order, lit or dark, each naming its dimension on hover (or tap). For the
// board, the member's record, the preview and anyone else who shows stars.
import { StarFilled } from '@ant-design/icons';
import { STAR_DIMENSIONS } from '@xianfeng/domain';
import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StarDimension } from './types.ts';

export const STAR_LIT = '#c8161d';
export const STAR_DARK = '#d9d9d9';

export interface StarsProps {
  /** The lit dimensions. */
  stars: readonly StarDimension[] | readonly string[];
  /** Names from the scheme in force; the shipped names otherwise. */
  names?: Partial<Record<StarDimension, string>>;
  size?: number;
  'data-testid'?: string;
}

export function Stars({ stars, names, size = 16, ...rest }: StarsProps) {
  const { t } = useTranslation();
  const lit = new Set<string>(stars);
  const label = t('stars.count', { count: lit.size });
  return (
    <span
      role="img"
      aria-label={label}
      data-testid={rest['data-testid'] ?? 'stars'}
      data-count={lit.size}
      style={{ display: 'inline-flex', gap: Math.max(1, Math.round(size / 8)), whiteSpace: 'nowrap', lineHeight: 1 }}
    >
      {STAR_DIMENSIONS.map((code) => {
        const name = names?.[code] ?? t(`stars.dimension.${code}`);
        const on = lit.has(code);
        return (
          <Tooltip key={code} title={`${name} · ${on ? t('stars.lit') : t('stars.dark')}`}>
            <StarFilled style={{ color: on ? STAR_LIT : STAR_DARK, fontSize: size }} data-testid={on ? 'star-lit' : 'star-dark'} data-code={code} />
          </Tooltip>
        );
      })}
    </span>
  );
}
