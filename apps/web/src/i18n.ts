// Languages: Simplified Chinese first, English second. The choice is kept in localStorage and in
// the `xf_lang` cookie, so the server answers (errors, warnings) in the same language.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from './locales/zh-CN.json';
import en from './locales/en.json';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'xf_lang';

function isLanguage(v: unknown): v is Language {
  return v === 'zh-CN' || v === 'en';
}

function cookieLanguage(): string | null {
  const m = /(?:^|;\s*)xf_lang=([^;]*)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1]) : null;
}

function storedLanguage(): Language {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    /* storage disabled */
  }
  const chosen = stored ?? cookieLanguage();
  return isLanguage(chosen) ? chosen : 'zh-CN';
}

function persist(lng: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    /* storage disabled: the cookie still carries the choice */
  }
  document.cookie = `xf_lang=${encodeURIComponent(lng)}; path=/; max-age=${60 * 60 * 24 * 365}; samesite=lax`;
  document.documentElement.lang = lng;
}

const initial = storedLanguage();
persist(initial);

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'zh-CN',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'zh-CN';
}

export async function changeLanguage(lng: Language) {
  persist(lng);
  await i18n.changeLanguage(lng);
}

export default i18n;
