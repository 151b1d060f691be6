// Search keys for names: full pinyin and initials, lowercase, without tones or spaces, so that
// 王芳 is found by “wangfang” and by “wf”.
import { pinyin } from 'pinyin-pro';
import { normalizeText } from './normalize.ts';

export interface PinyinKeys {
  full: string;
  initials: string;
}

/**
 * Pinyin search keys of a name. The first characters are read as a surname where the surname
 * reading differs (单 shan, 曾 zeng, 解 xie, 仇 qiu, 区 ou, 朴 piao); ü is written v (吕 lv).
 * Runs of Latin letters and digits are kept as words (“Tom李” → tomli / tl); other signs are dropped.
 */
export function pinyinKeys(name: string): PinyinKeys {
  const text = normalizeText(name);
  if (!text) return { full: '', initials: '' };
  const syllables = pinyin(text, { toneType: 'none', type: 'all', surname: 'head', v: true });
  let full = '';
  let initials = '';
  let word = '';
  const endWord = () => {
    if (word) {
      full += word;
      initials += word[0];
      word = '';
    }
  };
  for (const s of syllables) {
    if (s.isZh && s.pinyin) {
      endWord();
      const py = s.pinyin.toLowerCase().replace(/[^a-z]/g, '');
      full += py;
      initials += py[0] ?? '';
    } else {
      for (const ch of s.origin) {
        if (/[A-Za-z0-9]/.test(ch)) word += ch.toLowerCase();
        else endWord();
      }
    }
  }
  endWord();
  return { full, initials };
}
