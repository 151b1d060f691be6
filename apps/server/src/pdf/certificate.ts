// 荣誉证书: one A4 landscape page per certificate, laid out the traditional way: a red double
// border, the title at the top, the salutation and the commendation in the middle, the awarding
// organization and the date in Chinese numerals at the bottom right (where the seal goes), the
// certificate number small at the bottom left.
import { chineseDate } from '@xianfeng/domain';
import { newDocument } from './document.ts';
import type { Face } from './fonts.ts';
import { wrapText } from './wrap.ts';

export interface CertificateData {
  certificateNo: string;
  recipient: string;
  /** A member is addressed as “{recipient}同志：”, an organization by its name alone. */
  recipientKind: 'member' | 'unit';
  /** The honour, e.g. 优秀共产党员. */
  title: string;
  /** The awarding organization, e.g. 中共东湖县委. */
  organizer: string;
  /** The year the honour is for, e.g. 2026. */
  year: string;
  /** YYYY-MM-DD, printed as 二〇二六年十一月二十九日. */
  awardedOn: string;
  /** What was achieved, a phrase that follows “在{year}年度”; 工作中表现突出 when absent. */
  citation?: string;
}

const RED = '#c8161d';
const INK = '#1a1a1a';
const GREY = '#666666';

// A4 landscape in points.
const W = 841.89;
const H = 595.28;

const BODY = { left: 118, right: W - 118, top: 196, bottom: 388 };
const BODY_SIZE = 22;
const MIN_BODY_SIZE = 12;
const LINE_SPACING = 1.9;
/** The organizer's name wraps past this width. */
const SIGN_WIDTH = 320;

export async function renderCertificate(c: CertificateData): Promise<Buffer> {
  return renderCertificates([c]);
}

/** One page per certificate, in order, for batch printing. */
export async function renderCertificates(list: CertificateData[]): Promise<Buffer> {
  if (list.length === 0) throw new RangeError('no certificate to render');
  const title = list.length === 1 ? `荣誉证书 ${list[0].recipient}` : '荣誉证书';
  const { doc, finished } = newDocument({ title, layout: 'landscape' });
  for (const c of list) drawCertificate(doc, c);
  doc.end();
  return finished;
}

function drawCertificate(doc: PDFKit.PDFDocument, c: CertificateData): void {
  // chineseDate throws on a bad date before anything is drawn for this certificate.
  const date = chineseDate(c.awardedOn);
  doc.addPage();
  drawBorder(doc);

  const heading = '荣誉证书';
  doc.font('serifBold' satisfies Face).fontSize(52).fillColor(RED);
  const spacing = 26;
  const headingWidth = doc.widthOfString(heading) + spacing * ([...heading].length - 1);
  doc.text(heading, (W - headingWidth) / 2, 84, { lineBreak: false, characterSpacing: spacing });

  drawBody(doc, c);

  // The organizer over the date, both centred on one axis, the wider ending where the text does.
  doc.font('serif' satisfies Face).fontSize(20).fillColor(INK);
  const organizerLines = wrapText(c.organizer, SIGN_WIDTH, (s) => doc.widthOfString(s));
  const widest = Math.max(doc.widthOfString(date), ...organizerLines.map((l) => doc.widthOfString(l)));
  const axis = BODY.right - widest / 2;
  const lineHeight = 20 * 1.6;
  let y = H - 132 - lineHeight * organizerLines.length;
  for (const line of organizerLines) {
    centred(doc, line, axis, y);
    y += lineHeight;
  }
  centred(doc, date, axis, y + 4);

  doc.font('serif' satisfies Face).fontSize(10).fillColor(GREY);
  doc.text(`证书编号：${c.certificateNo}`, 64, H - 72, { lineBreak: false });
}

function drawBorder(doc: PDFKit.PDFDocument): void {
  doc.save().lineJoin('miter').strokeColor(RED);
  doc.lineWidth(5).rect(24, 24, W - 48, H - 48).stroke();
  doc.lineWidth(1.2).rect(35, 35, W - 70, H - 70).stroke();
  // Small squares in the corners between the two lines, as on printed certificate stock.
  doc.fillColor(RED);
  for (const [x, y] of [[35, 35], [W - 35, 35], [35, H - 35], [W - 35, H - 35]]) {
    doc.rect(x - 4.5, y - 4.5, 9, 9).fill();
  }
  doc.restore();
}

/** The salutation and the commendation, at the largest size (22 pt down to 12) that fits. */
function drawBody(doc: PDFKit.PDFDocument, c: CertificateData): void {
  const salutation = c.recipientKind === 'member' ? `${c.recipient}同志：` : `${c.recipient}：`;
  // The citation follows “在{year}年度”: drop a 在 it starts with and the stop it ends with.
  const achievement = c.citation?.trim().replace(/^在/u, '').replace(/[，。；、,.;\s]+$/u, '') || '工作中表现突出';
  const commendation = `在${c.year}年度${achievement}，被评为“${c.title}”，特发此证，以资鼓励。`;
  const width = BODY.right - BODY.left;

  for (let size = BODY_SIZE; ; size--) {
    const lineHeight = size * LINE_SPACING;
    doc.font('serifBold' satisfies Face).fontSize(size);
    const salutationLines = wrapText(salutation, width, (s) => doc.widthOfString(s));
    doc.font('serif' satisfies Face).fontSize(size);
    const commendationLines = wrapText(commendation, width, (s) => doc.widthOfString(s), 2 * size);
    const height = (salutationLines.length + commendationLines.length) * lineHeight;
    if (height > BODY.bottom - BODY.top && size > MIN_BODY_SIZE) continue;

    let y = BODY.top;
    doc.fillColor(INK).font('serifBold' satisfies Face).fontSize(size);
    for (const line of salutationLines) {
      doc.text(line, BODY.left, y, { lineBreak: false });
      y += lineHeight;
    }
    doc.font('serif' satisfies Face).fontSize(size);
    commendationLines.forEach((line, i) => {
      const indent = i === 0 ? 2 * size : 0;
      const last = i === commendationLines.length - 1;
      const characterSpacing = last ? 0 : justify(doc, line, width - indent);
      doc.text(line, BODY.left + indent, y, { lineBreak: false, characterSpacing });
      y += lineHeight;
    });
    return;
  }
}

/** The spacing between characters that makes a line fill `width`, as Chinese text is set. */
function justify(doc: PDFKit.PDFDocument, line: string, width: number): number {
  const gaps = [...line].length - 1;
  if (gaps < 1) return 0;
  return Math.max(0, (width - doc.widthOfString(line)) / gaps);
}

function centred(doc: PDFKit.PDFDocument, text: string, centre: number, y: number): void {
  doc.text(text, centre - doc.widthOfString(text) / 2, y, { lineBreak: false });
}
