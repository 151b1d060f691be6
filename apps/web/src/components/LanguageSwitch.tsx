import { useQueryClient } from '@tanstack/react-query';
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, LANGUAGES, type Language } from '../i18n.ts';

/** 中文 / English. Server-translated answers (errors, warnings) are fetched again in the new language. */
export function LanguageSwitch({ size = 'small' }: { size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  return (
    <Segmented<Language>
      data-testid="language-switch"
      size={size}
      value={currentLanguage()}
      options={LANGUAGES.map((lng) => ({
        value: lng,
        label: <span data-testid={`language-${lng}`}>{t(`language.${lng}`)}</span>,
      }))}
      onChange={async (lng) => {
        await changeLanguage(lng);
        await qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
      }}
    />
  );
}
