// A warning's level as a tag in the level's own colour (蓝/黄/橙/红), and the 演练 tag that keeps
// exercises apart from real warnings.
import { Tag } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { hazardName, levelColor, levelName, type Locale, type Translate } from './format.ts';
import type { WarningStatus } from './types.ts';

export function useWarningLabels() {
  const { t, i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const level = useCallback((l: string, withGrade = false) => levelName(l, locale, withGrade), [locale]);
  const hazard = useCallback((h: string) => hazardName(h, locale), [locale]);
  const status = useCallback((s: string) => t(`warnings.status.${s}`, { defaultValue: s }), [t]);
  const tr = useCallback<Translate>((key, options) => t(key, options ?? {}) as string, [t]);
  return { locale, level, hazard, status, tr };
}

export function LevelTag({ level, withGrade }: { level: string; withGrade?: boolean }) {
  const { level: name } = useWarningLabels();
  const c = levelColor(level);
  return (
    <Tag variant="solid" style={{ background: c.bg, borderColor: c.bg, color: c.fg, fontWeight: 600, marginInlineEnd: 0 }} data-testid={`level-${level}`}>
      {name(level, withGrade)}
    </Tag>
  );
}

export function ExerciseTag() {
  const { t } = useTranslation();
  return (
    <Tag color="purple" style={{ marginInlineEnd: 0, borderStyle: 'dashed' }} data-testid="exercise-tag">
      {t('warnings.exercise')}
    </Tag>
  );
}

const STATUS_COLOR: Record<WarningStatus, string> = { active: 'processing', cancelled: 'default', expired: 'default' };

export function StatusTag({ status }: { status: WarningStatus }) {
  const { status: name } = useWarningLabels();
  return (
    <Tag color={STATUS_COLOR[status] ?? 'default'} style={{ marginInlineEnd: 0 }} data-testid="warning-status">
      {name(status)}
    </Tag>
  );
}
