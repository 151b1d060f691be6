// A candidate's whole record in one printable file: the facts, then one table per section
// (self-evaluation, every event of the review, objections). Strings arrive already localized;
// this file only lays them out: A4 portrait, tables whose cells wrap long Chinese text, rows
// that move to the next page (or, taller than a page, continue on it line by line) with the
// column header repeated, and “page n of total” in every footer.
import { newDocument } from './document.ts';
import type { Face } from './fonts.ts';
import { wrapText } from './wrap.ts';

export interface DossierData {
  /** e.g. 2026年度五星党员评选 · 候选人档案 */
  heading: string;
  /** Shown in the footer of every page. */
  generatedAt: string;
  /** Name, unit, category, current stage, stars computed/claimed/recommended/decided, votes… */
  facts: { label: string; value: string }[];
  /** Self-evaluation, events (time, action, from→to, who, reason), objections (receipt, filed at, content, outcome, reply). */
  sections: { title: string; rows: { cells: string[] }[]; columns: string[] }[];
  /** `page` is a template with {n} and {total}, e.g. 第 {n} 页，共 {total} 页. */
  labels: { page: string };
}

// A4 portrait in points, and the area the content may fill.
const PAGE = { width: 595.28, height: 841.89 };
const AREA = { left: 48, right: PAGE.width - 48, top: 52, bottom: PAGE.height - 62 };
const FOOTER_Y = PAGE.height - 44;

const SIZE = 9.5;
const LINE = SIZE * 1.55;
const PAD = { x: 5, y: 4 };
const INK = '#1a1a1a';
const RULE = '#8c8c8c';
const SHADE = '#f0f0f0';
const HEADER_SHADE = '#e2e2e2';

interface Table {
  widths: number[];
  header?: string[];
  rows: string[][];
  /** Columns drawn like a header (the labels of the facts). */
  labelColumns?: number[];
}

export async function renderDossier(d: DossierData): Promise<Buffer> {
  const { doc, finished } = newDocument({ title: d.heading, layout: 'portrait', bufferPages: true });
  const page = new Pager(doc);

  doc.font('serifBold' satisfies Face).fontSize(16).fillColor(INK);
  for (const line of wrapText(d.heading, AREA.right - AREA.left, (s) => doc.widthOfString(s))) {
    doc.text(line, (PAGE.width - doc.widthOfString(line)) / 2, page.y, { lineBreak: false });
    page.y += 16 * 1.5;
  }
  page.y += 10;

  if (d.facts.length > 0) {
    drawTable(page, factsTable(doc, d.facts));
    page.y += 16;
  }

  for (const section of d.sections) {
    drawSection(page, section);
    page.y += 16;
  }

  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    drawFooter(doc, d, i - start + 1, count);
  }
  doc.end();
  return finished;
}

/** Where the next thing goes, and a fresh page when it does not fit. */
class Pager {
  y = AREA.top;

  constructor(readonly doc: PDFKit.PDFDocument) {
    doc.addPage();
  }

  get room(): number {
    return AREA.bottom - this.y;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = AREA.top;
  }
}

/** The facts as label/value pairs, two pairs to a row. */
function factsTable(doc: PDFKit.PDFDocument, facts: DossierData['facts']): Table {
  doc.font('serif' satisfies Face).fontSize(SIZE);
  const half = (AREA.right - AREA.left) / 2;
  const labelWidth = Math.min(half * 0.45, Math.max(...facts.map((f) => doc.widthOfString(f.label))) + 2 * PAD.x);
  const rows: string[][] = [];
  for (let i = 0; i < facts.length; i += 2) {
    const [a, b] = [facts[i], facts[i + 1]];
    rows.push([a.label, a.value, b?.label ?? '', b?.value ?? '']);
  }
  return { widths: [labelWidth, half - labelWidth, labelWidth, half - labelWidth], rows, labelColumns: [0, 2] };
}

function drawSection(page: Pager, section: DossierData['sections'][number]): void {
  const { doc } = page;
  const columns = section.columns.length;
  const rows = section.rows.map(({ cells }, i) => {
    if (cells.length > columns) {
      throw new RangeError(`section ${section.title}: row ${i + 1} has ${cells.length} cells for ${columns} columns`);
    }
    return [...cells, ...Array<string>(columns - cells.length).fill('')];
  });
  // An empty section still shows its header, over one row that says nothing happened.
  if (rows.length === 0) rows.push(['—', ...Array<string>(columns - 1).fill('')]);
  const table: Table = { widths: columnWidths(doc, section.columns, rows), header: section.columns, rows };

  // Keep the title with the header and the first line of the first row.
  const titleHeight = 12 * 1.6;
  if (page.room < titleHeight + headerHeight(doc, table) + LINE + 2 * PAD.y) page.newPage();
  doc.font('serifBold' satisfies Face).fontSize(12).fillColor(INK);
  doc.text(section.title, AREA.left, page.y, { lineBreak: false });
  page.y += titleHeight;
  drawTable(page, table);
}

/**
 * Column widths that fill the text area: a column whose longest line fits in its fair share
 * gets just that, the long ones share what is left equally (and wrap).
 */
function columnWidths(doc: PDFKit.PDFDocument, header: string[], rows: string[][]): number[] {
  const total = AREA.right - AREA.left;
  const natural = header.map((h, c) => {
    doc.font('serifBold' satisfies Face).fontSize(SIZE);
    let widest = Math.max(...h.split('\n').map((l) => doc.widthOfString(l)));
    doc.font('serif' satisfies Face).fontSize(SIZE);
    for (const row of rows) {
      for (const line of row[c].split('\n')) widest = Math.max(widest, doc.widthOfString(line));
    }
    return widest + 2 * PAD.x + 1;
  });
  const sum = natural.reduce((a, b) => a + b, 0);
  if (sum <= total) return natural.map((w) => w + ((total - sum) * w) / sum);

  const widths = Array<number>(natural.length).fill(0);
  let open = natural.map((_, c) => c);
  let left = total;
  for (;;) {
    const share = left / open.length;
    const narrow = open.filter((c) => natural[c] <= share);
    if (narrow.length === 0) {
      for (const c of open) widths[c] = share;
      return widths;
    }
    for (const c of narrow) {
      widths[c] = natural[c];
      left -= natural[c];
    }
    open = open.filter((c) => natural[c] > share);
    if (open.length === 0) return widths;
  }
}

function headerHeight(doc: PDFKit.PDFDocument, table: Table): number {
  if (!table.header) return 0;
  return rowHeight(cellLines(doc, table.header, table.widths, 'serifBold'));
}

function cellLines(doc: PDFKit.PDFDocument, cells: string[], widths: number[], face: Face | ((c: number) => Face)): string[][] {
  return cells.map((text, c) => {
    doc.font(typeof face === 'function' ? face(c) : face).fontSize(SIZE);
    return wrapText(text, widths[c] - 2 * PAD.x, (s) => doc.widthOfString(s));
  });
}

function rowHeight(lines: string[][]): number {
  return Math.max(...lines.map((l) => l.length)) * LINE + 2 * PAD.y;
}

function drawTable(page: Pager, table: Table): void {
  const { doc } = page;
  const isLabel = (c: number) => table.labelColumns?.includes(c) ?? false;
  const header = table.header ? cellLines(doc, table.header, table.widths, 'serifBold') : undefined;
  const drawHeader = () => {
    if (!header) return;
    drawCells(doc, page.y, table.widths, header, 0, rowHeight(header), () => 'serifBold', () => HEADER_SHADE);
    page.y += rowHeight(header);
  };
  const freshPageLines = Math.floor((AREA.bottom - AREA.top - headerHeight(doc, table) - 2 * PAD.y) / LINE);
  if (freshPageLines < 1) throw new RangeError('the column header leaves no room for a row on a page');

  if (page.room < headerHeight(doc, table) + LINE + 2 * PAD.y) page.newPage();
  drawHeader();
  for (const row of table.rows) {
    const lines = cellLines(doc, row, table.widths, (c) => (isLabel(c) ? 'serifBold' : 'serif'));
    const total = Math.max(...lines.map((l) => l.length));
    let from = 0;
    while (from < total) {
      const fits = Math.floor((page.room - 2 * PAD.y) / LINE);
      const rest = total - from;
      if (rest > fits && (rest <= freshPageLines || fits < 1)) {
        // The (rest of the) row fits on a fresh page: move it there whole.
        page.newPage();
        drawHeader();
        continue;
      }
      // Either all of it fits here, or it is taller than any page and continues on the next.
      const take = Math.min(rest, fits);
      const height = take * LINE + 2 * PAD.y;
      drawCells(doc, page.y, table.widths, lines, from, height, (c) => (isLabel(c) ? 'serifBold' : 'serif'), (c) =>
        isLabel(c) ? SHADE : undefined,
      );
      page.y += height;
      from += take;
      if (from < total) {
        page.newPage();
        drawHeader();
      }
    }
  }
}

/** One band of a row: lines `from`… of every cell that fit in `height`, with the cell borders. */
function drawCells(
  doc: PDFKit.PDFDocument,
  y: number,
  widths: number[],
  lines: string[][],
  from: number,
  height: number,
  face: (c: number) => Face,
  fill: (c: number) => string | undefined,
): void {
  const count = Math.floor((height - 2 * PAD.y) / LINE + 1e-6);
  let x = AREA.left;
  widths.forEach((w, c) => {
    const shade = fill(c);
    if (shade) doc.save().rect(x, y, w, height).fill(shade).restore();
    doc.save().lineWidth(0.6).strokeColor(RULE).rect(x, y, w, height).stroke().restore();
    doc.font(face(c)).fontSize(SIZE).fillColor(INK);
    lines[c].slice(from, from + count).forEach((line, i) => {
      if (line) doc.text(line, x + PAD.x, y + PAD.y + i * LINE, { lineBreak: false });
    });
    x += w;
  });
}

function drawFooter(doc: PDFKit.PDFDocument, d: DossierData, n: number, total: number): void {
  doc.save().lineWidth(0.5).strokeColor(RULE).moveTo(AREA.left, FOOTER_Y - 6).lineTo(AREA.right, FOOTER_Y - 6).stroke().restore();
  doc.font('serif' satisfies Face).fontSize(8.5).fillColor('#555555');
  doc.text(d.generatedAt, AREA.left, FOOTER_Y, { lineBreak: false });
  const label = d.labels.page.replaceAll('{n}', String(n)).replaceAll('{total}', String(total));
  doc.text(label, AREA.right - doc.widthOfString(label), FOOTER_Y, { lineBreak: false });
}
