// Printable PDFs (issue #4): commendation certificates and a candidate's review dossier. Each
// file is opened with a real PDF parser (pdf.js) and its text read back, which only works when
// the Chinese font is embedded with a ToUnicode map; a PDF that leaned on the viewer's fonts
// would show empty boxes on a machine without them.
import { describe, expect, it } from 'vitest';
import { pdfPages } from './pdf-text.ts';
import { chineseDate } from '@xianfeng/domain';
import { renderCertificate, renderCertificates, type CertificateData } from '../src/pdf/certificate.ts';
import { renderDossier, type DossierData } from '../src/pdf/dossier.ts';
import { wrapText } from '../src/pdf/wrap.ts';

/** Every font the file uses is a subset embedded in it (FontFile2 = TrueType outlines). */
function expectOnlyEmbeddedFonts(pdf: Buffer): void {
  const raw = pdf.toString('latin1');
  const baseFonts = [...raw.matchAll(/\/BaseFont\s*\/([^\s/<>[\]]+)/g)].map((m) => m[1]);
  expect(baseFonts.length).toBeGreaterThan(0);
  for (const name of baseFonts) expect(name).toMatch(/^[A-Z]{6}\+NotoSerifSC-/);
  const descriptors = raw.match(/\/Type\s*\/FontDescriptor/g) ?? [];
  const files = raw.match(/\/FontFile[23]\s/g) ?? [];
  expect(descriptors.length).toBeGreaterThan(0);
  expect(files.length).toBe(descriptors.length);
  expect(raw).toMatch(/\/ToUnicode/);
  expect(raw).not.toMatch(/\/(Helvetica|Times-Roman|Courier|SimSun|STSong)/);
}

const cert = (over: Partial<CertificateData> = {}): CertificateData => ({
  certificateNo: 'DH-2026-0001',
  recipient: '李秀英',
  recipientKind: 'member',
  title: '优秀共产党员',
  organizer: '中共东湖县委',
  year: '2026',
  awardedOn: '2026-11-29',
  ...over,
});

describe('a commendation certificate', () => {
  it('reads back as text: 荣誉证书, the recipient addressed as 同志, the honour, the organizer and the date in Chinese', async () => {
    const pdf = await renderCertificate(cert());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await pdfPages(pdf);
    expect(pages).toHaveLength(1);
    const [text] = pages;
    expect(text).toContain('荣誉证书');
    expect(text).toContain('李秀英同志：');
    expect(text).toContain('在2026年度工作中表现突出，被评为“优秀共产党员”，特发此证，以资鼓励。');
    expect(text).toContain('中共东湖县委');
    expect(text).toContain('二〇二六年十一月二十九日');
    expect(text).toContain('DH-2026-0001');
  });

  it('embeds its font as a small subset and relies on no font of the machine', async () => {
    const pdf = await renderCertificate(cert());
    expectOnlyEmbeddedFonts(pdf);
    // The font files are about 15 MB each: only the glyphs used may go into the file.
    expect(pdf.length).toBeLessThan(60_000);
  });

  it('addresses an organization by its name alone and uses the citation in place of the stock phrase', async () => {
    const [text] = await pdfPages(
      await renderCertificate(
        cert({
          recipient: '中共东湖县城关镇红星村支部委员会',
          recipientKind: 'unit',
          title: '先进基层党组织',
          organizer: '中共东湖县委员会组织部',
          awardedOn: '2026-07-01',
          citation: '在抗洪救灾工作中冲锋在前、成绩突出。',
        }),
      ),
    );
    expect(text).toContain('中共东湖县城关镇红星村支部委员会：');
    expect(text).not.toContain('同志');
    expect(text).toContain('在2026年度抗洪救灾工作中冲锋在前、成绩突出，被评为“先进基层党组织”');
    expect(text).toContain(chineseDate('2026-07-01'));
  });

  it('keeps every word of a very long citation on the page by setting it smaller', async () => {
    const citation = '带领群众修通村道三点二公里，发展集体经济增收四十五万元，'.repeat(8) + '群众满意度名列全县第一';
    const [text] = await pdfPages(await renderCertificate(cert({ citation })));
    expect(text).toContain(`在2026年度${citation}，被评为“优秀共产党员”`);
  });

  it('prints a batch as one page per certificate, in order', async () => {
    const names = ['张三', '李四', '王五', '赵六', '孙七', '周八', '吴九'];
    const pdf = await renderCertificates(names.map((recipient, i) => cert({ recipient, certificateNo: `DH-2026-${i + 1}` })));
    const pages = await pdfPages(pdf);
    expect(pages).toHaveLength(names.length);
    pages.forEach((text, i) => {
      expect(text).toContain(`${names[i]}同志：`);
      expect(text).toContain(`DH-2026-${i + 1}`);
    });
    expectOnlyEmbeddedFonts(pdf);
  });

  it('refuses an empty batch and a date that does not exist', async () => {
    await expect(renderCertificates([])).rejects.toThrow(RangeError);
    await expect(renderCertificate(cert({ awardedOn: '2026-02-30' }))).rejects.toThrow(RangeError);
  });
});

const dossier = (over: Partial<DossierData> = {}): DossierData => ({
  heading: '2026年度五星党员评选 · 候选人档案',
  generatedAt: '生成于2026-11-29 14:03',
  facts: [
    { label: '姓名', value: '李秀英' },
    { label: '所在支部', value: '中共东湖县城关镇红星村支部委员会' },
    { label: '当前环节', value: '党委审批' },
    { label: '计算星级', value: '4' },
    { label: '认定星级', value: '5' },
  ],
  sections: [],
  labels: { page: '第 {n} 页，共 {total} 页' },
  ...over,
});

describe("a candidate's dossier", () => {
  it('shows the heading, every fact and a page number, in an embedded font', async () => {
    const pdf = await renderDossier(
      dossier({ sections: [{ title: '自评', columns: ['项目', '自评内容'], rows: [{ cells: ['政治合格', '按时参加组织生活。'] }] }] }),
    );
    const pages = await pdfPages(pdf);
    expect(pages).toHaveLength(1);
    for (const s of ['2026年度五星党员评选·候选人档案', '姓名李秀英', '所在支部中共东湖县城关镇红星村支部委员会', '认定星级5', '自评', '项目自评内容', '政治合格按时参加组织生活。', '生成于2026-11-2914:03', '第1页，共1页']) {
      expect(pages[0]).toContain(s);
    }
    expectOnlyEmbeddedFonts(pdf);
  });

  it('breaks a long record across pages, repeats the column header and keeps every row', async () => {
    const reason = (i: number) => `理由${i}：该同志在防汛抗旱工作中连续奋战七十二小时，组织转移群众一百二十余人。`.repeat(1 + (i % 3));
    const rows = Array.from({ length: 120 }, (_, i) => ({ cells: [`2026-03-${String(1 + (i % 28)).padStart(2, '0')}`, '推荐', '支部审核→党委审批', `经办人${i}`, reason(i)] }));
    const pdf = await renderDossier(dossier({ sections: [{ title: '流转记录', columns: ['时间', '动作', '环节', '操作人', '理由'], rows }] }));
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(3);
    pages.forEach((text, i) => {
      expect(text).toContain('时间动作环节操作人理由');
      expect(text).toContain(`第${i + 1}页，共${pages.length}页`);
    });
    const all = pages.join('');
    rows.forEach(({ cells }, i) => {
      expect(all).toContain(`支部审核→党委审批经办人${i}${reason(i)}`);
    });
    expect(all.match(/经办人\d+/g)).toHaveLength(rows.length);
  });

  it('continues a row taller than a page on the next one, line by line, losing nothing', async () => {
    const sentences = Array.from({ length: 1000 }, (_, i) => `第${String(i + 1).padStart(4, '0')}句异议内容。`).join('');
    const pdf = await renderDossier(
      dossier({ sections: [{ title: '异议', columns: ['回执号', '内容', '处理结果'], rows: [{ cells: ['YY-0007', sentences, '不成立'] }] }] }),
    );
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(3);
    for (const text of pages) expect(text).toContain('回执号内容处理结果');
    // Take out what is drawn between the parts of the cell (the footer of one page, the column
    // header of the next): what is left holds the whole text, once, in order.
    const body = pages
      .join('')
      .replaceAll('回执号内容处理结果', '')
      .replaceAll('生成于2026-11-2914:03', '')
      .replace(/第\d+页，共\d+页/g, '');
    // The other cells of the row are drawn with its first part, on the first page.
    expect(pages[0]).toContain('YY-0007');
    expect(pages[0]).toContain('不成立');
    expect(body.replace('不成立', '')).toContain(`YY-0007${sentences}`);
  });

  it('still shows a section that has no rows', async () => {
    const [text] = await pdfPages(await renderDossier(dossier({ sections: [{ title: '异议', columns: ['回执号', '内容'], rows: [] }] })));
    expect(text).toContain('异议回执号内容—');
  });

  it('refuses a row with more cells than the section has columns', async () => {
    await expect(
      renderDossier(dossier({ sections: [{ title: '异议', columns: ['回执号'], rows: [{ cells: ['a', 'b'] }] }] })),
    ).rejects.toThrow(RangeError);
  });
});

describe('line breaking of Chinese text', () => {
  // One unit per CJK character, half a unit per Latin character, as in the real font.
  const measure = (s: string) => [...s].reduce((w, ch) => w + (ch.codePointAt(0)! >= 0x2e80 ? 1 : 0.5), 0);
  const text = '在2026年度工作中表现突出，被评为“优秀共产党员”。（特此表彰）回执号YY-2026-0007，见附件：《评议表》。';

  it.each([4, 5, 7, 10, 13])('fills lines of width %i without losing a character or starting a line with closing punctuation', (width) => {
    const lines = wrapText(text, width, measure);
    expect(lines.join('')).toBe(text);
    for (const line of lines) {
      expect(measure(line)).toBeLessThanOrEqual(width + 1); // punctuation may hang by one
      expect(line).not.toMatch(/^[，。、；：！？）》”]/u);
      expect(line).not.toMatch(/[（《“]$/u);
    }
  });

  it('keeps Latin words and numbers whole, indents the first line and honours newlines', () => {
    expect(wrapText('编号 ABCDEFG 已登记', 5.5, measure)).toEqual(['编号', 'ABCDEFG 已', '登记']);
    expect(wrapText('一二三四五六', 4, measure, 2)).toEqual(['一二', '三四五六']);
    expect(wrapText('甲\n\n乙', 10, measure)).toEqual(['甲', '', '乙']);
    expect(wrapText('', 10, measure)).toEqual(['']);
    expect(wrapText('ABCDEFGHIJ', 2, measure)).toEqual(['ABCD', 'EFGH', 'IJ']);
  });
});
