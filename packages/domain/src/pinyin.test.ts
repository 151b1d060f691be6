import { describe, expect, it } from 'vitest';
import { pinyinKeys } from './pinyin.ts';

describe('pinyinKeys', () => {
  it.each([
    ['王芳', 'wangfang', 'wf'],
    ['张三', 'zhangsan', 'zs'],
    ['刘备', 'liubei', 'lb'],
    ['欧阳修', 'ouyangxiu', 'oyx'],
    ['单雄信', 'shanxiongxin', 'sxx'],
    ['曾国藩', 'zengguofan', 'zgf'],
    ['解缙', 'xiejin', 'xj'],
    ['仇英', 'qiuying', 'qy'],
    ['吕布', 'lvbu', 'lb'],
    ['买买提·艾力', 'maimaitiaili', 'mmtal'],
    ['Tom李', 'tomli', 'tl'],
    ['李 Ａ', 'lia', 'la'],
    ['王 芳', 'wangfang', 'wf'],
    ['ＡＢＣ', 'abc', 'a'],
    ['', '', ''],
  ])('%j → %s / %s', (name, full, initials) => {
    expect(pinyinKeys(name)).toEqual({ full, initials });
  });

  it('writes only lowercase letters and digits', () => {
    for (const name of ['诸葛亮', '司马懿', '上官婉儿', '女娲', '褚遂良']) {
      const k = pinyinKeys(name);
      expect(k.full).toMatch(/^[a-z]+$/);
      expect(k.initials).toHaveLength([...name].length);
    }
  });
});
