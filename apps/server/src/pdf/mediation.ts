// 人民调解协议书: the agreement of a people's mediation, A4 portrait, laid out the standard way —
// the title and 编号; each party with their details; 纠纷简要情况; 经调解，自愿达成如下协议 with the
// numbered terms; 履行方式、时限; the legal notice on the agreement's effect; signature lines for
// the parties and the mediators; 人民调解委员会（印） and the date. Long texts wrap and flow onto
// further pages; the signature block is never split from the date.
import { newDocument } from './document.ts';
import type { Face } from './fonts.ts';
import { wrapText } from './wrap.ts';

export interface AgreementData {
  /** e.g. （2026）东庄调字第 3 号 */
  number: string;
  /** e.g. 东庄村人民调解委员会 */
  committee: string;
  parties: { label: string; name: string; details: string }[];
  summary: string;
  terms: string[];
  performance: string;
  mediators: string[];
  /** 二〇二六年十一月二十九日, or blank lines for a draft signed by hand. */
  date: string;
}

const PAGE = { width: 595.28, height: 841.89 };
const AREA = { left: 64, right: PAGE.width - 64, top: 64, bottom: PAGE.height - 64 };
const SIZE = 12;
const LINE = SIZE * 1.8;
const INK = '#1a1a1a';

/** The standard sentence on the effect of an agreement (人民调解法 第三十一条、第三十三条). */
const EFFECT = '本协议经各方当事人签名（盖章或按指印）、人民调解员签名并加盖人民调解委员会印章后生效。经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。当事人可以自调解协议生效之日起三十日内共同向人民法院申请司法确认。本协议一式 {n} 份，当事人各执一份，人民调解委员会留存一份。';

export async function renderAgreement(a: AgreementData): Promise<Buffer> {
  const { doc, finished } = newDocument({ title: `人民调解协议书 ${a.number}`, layout: 'portrait' });
  const w = new Writer(doc);

  doc.font('serifBold' satisfies Face).fontSize(22).fillColor(INK);
  const title = '人民调解协议书';
  doc.text(title, (PAGE.width - doc.widthOfString(title)) / 2, w.y, { lineBreak: false, characterSpacing: 4 });
  w.y += 22 * 1.8;
  doc.font('serif' satisfies Face).fontSize(SIZE);
  const no = `编号：${a.number}`;
  doc.text(no, AREA.right - doc.widthOfString(no), w.y, { lineBreak: false });
  w.y += LINE * 1.4;

  for (const p of a.parties) w.paragraph(`${p.label}：${p.name}${p.details ? `，${p.details}` : ''}`);
  w.y += LINE * 0.4;

  w.heading('纠纷简要情况：');
  w.paragraph(a.summary, 2);
  w.y += LINE * 0.4;

  w.heading('经调解，自愿达成如下协议：');
  a.terms.forEach((t, i) => w.paragraph(`${i + 1}. ${t}`, 2));
  w.y += LINE * 0.4;

  w.heading('履行方式、时限：');
  w.paragraph(a.performance, 2);
  w.y += LINE * 0.4;

  w.paragraph(EFFECT.replace('{n}', String(a.parties.length + 1)), 2);
  w.y += LINE;

  // Signatures: one line per party, then the mediators, then the committee's seal and the date,
  // kept on one page together.
  const signLines = a.parties.length + 1 + 3;
  if (w.room < signLines * LINE * 1.6) w.newPage();
  doc.font('serif' satisfies Face).fontSize(SIZE);
  for (const p of a.parties) w.signLine(`${p.label}（签名、按指印）：`);
  w.signLine(`人民调解员（签名）：${a.mediators.join('、')}`);
  w.y += LINE * 0.6;
  const seal = `${a.committee}（印）`;
  doc.text(seal, AREA.right - doc.widthOfString(seal), w.y, { lineBreak: false });
  w.y += LINE * 1.4;
  doc.text(a.date, AREA.right - doc.widthOfString(a.date), w.y, { lineBreak: false });

  doc.end();
  return finished;
}

class Writer {
  y = AREA.top;

  constructor(readonly doc: PDFKit.PDFDocument) {
    doc.addPage();
  }

  get room() {
    return AREA.bottom - this.y;
  }

  newPage() {
    this.doc.addPage();
    this.y = AREA.top;
  }

  heading(text: string) {
    if (this.room < LINE * 2) this.newPage();
    this.doc.font('serifBold' satisfies Face).fontSize(SIZE).fillColor(INK);
    this.doc.text(text, AREA.left, this.y, { lineBreak: false });
    this.y += LINE;
  }

  /** A wrapped paragraph, its first line indented by `indentChars` characters. */
  paragraph(text: string, indentChars = 0) {
    const { doc } = this;
    doc.font('serif' satisfies Face).fontSize(SIZE).fillColor(INK);
    const indent = indentChars * SIZE;
    const lines = wrapText(text, AREA.right - AREA.left, (s) => doc.widthOfString(s), indent);
    lines.forEach((line, i) => {
      if (this.room < LINE) this.newPage();
      doc.text(line, AREA.left + (i === 0 ? indent : 0), this.y, { lineBreak: false });
      this.y += LINE;
    });
  }

  signLine(label: string) {
    const { doc } = this;
    doc.text(label, AREA.left, this.y, { lineBreak: false });
    const x = AREA.left + doc.widthOfString(label) + 4;
    if (x < AREA.left + 360) {
      doc.moveTo(x, this.y + SIZE + 2).lineTo(AREA.left + 360, this.y + SIZE + 2).lineWidth(0.6).strokeColor(INK).stroke();
    }
    this.y += LINE * 1.6;
  }
}
