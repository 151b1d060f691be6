// Reading and writing the spreadsheets organizations keep their rolls in. Accepts .xlsx and .csv
// (UTF-8 with or without BOM, or GBK/GB18030 as saved by Chinese Excel).
import { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { normalizeHeader } from '@xianfeng/domain';

export interface SheetRow {
  /** The row number a person sees in Excel (header is usually row 1). */
  rowNumber: number;
  cells: Record<string, unknown>;
}

export interface Sheet {
  headers: string[];
  rows: SheetRow[];
}

export class SheetError extends Error {}

/**
 * exceljs is loaded with the first workbook built or read, not in every server process at start-up
 * (about 7 MB of live heap once loaded, and more while its code is compiled).
 */
export async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

/** A new, empty workbook (exceljs loaded on first use). */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  return new (await loadExcel()).Workbook();
}

function cellValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value !== 'object') return value;
  if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('text' in value) return value.text;
  if ('error' in value) return null;
  return String(value);
}

function fromGrid(grid: Array<{ rowNumber: number; values: unknown[] }>): Sheet {
  const isEmpty = (v: unknown) => v === null || v === undefined || String(v).trim() === '';
  const headerIndex = grid.findIndex((r) => r.values.some((v) => !isEmpty(v)));
  if (headerIndex < 0) return { headers: [], rows: [] };
  const headers = grid[headerIndex].values.map((v) => (isEmpty(v) ? '' : normalizeHeader(String(v))));
  const rows: SheetRow[] = [];
  for (const r of grid.slice(headerIndex + 1)) {
    if (r.values.every(isEmpty)) continue;
    const cells: Record<string, unknown> = {};
    headers.forEach((h, i) => {
      if (h) cells[h] = r.values[i] ?? null;
    });
    rows.push({ rowNumber: r.rowNumber, cells });
  }
  return { headers: headers.filter(Boolean), rows };
}

export function decodeText(buf: Buffer): string {
  const body = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('gb18030').decode(body);
  }
}

/** RFC 4180 CSV: quoted fields, doubled quotes, newlines inside quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export async function readSheet(buf: Buffer, filename: string): Promise<Sheet> {
  const isXlsx = buf[0] === 0x50 && buf[1] === 0x4b; // a ZIP container
  if (isXlsx) {
    const wb = await newWorkbook();
    try {
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
    } catch {
      throw new SheetError('unreadable');
    }
    const ws = wb.worksheets[0];
    if (!ws) return { headers: [], rows: [] };
    const grid: Array<{ rowNumber: number; values: unknown[] }> = [];
    // columnCount walks every row: read it once, not once per row.
    const columns = ws.columnCount;
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values: unknown[] = [];
      for (let c = 1; c <= columns; c++) values.push(cellValue(row.getCell(c).value));
      grid.push({ rowNumber, values });
    });
    return fromGrid(grid);
  }
  if (/\.xlsx?$/i.test(filename)) throw new SheetError('unreadable');
  const text = decodeText(buf);
  if (text.includes('\u0000')) throw new SheetError('unreadable');
  return fromGrid(parseCsv(text).map((values, i) => ({ rowNumber: i + 1, values })));
}

export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A sheet with a bold, frozen header row of the given columns. */
export function addTable(wb: ExcelJS.Workbook, name: string, columns: Array<{ header: string; width?: number }>) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.header, width: c.width ?? 14 }));
  ws.getRow(1).font = { bold: true };
  return ws;
}

/** A sheet of an export being written: each row leaves memory as soon as it is added. */
export interface ExportTable {
  addRow(values: unknown[]): void;
}

/**
 * A workbook for an export, written out as it is built. A whole city's export as an ordinary
 * workbook held every cell as an object until the end: gigabytes for 200,000 rows, where the
 * server is to stay under 300 MB. `buffer()` finishes the file and returns it.
 */
export async function exportWorkbook() {
  const ExcelJS = await loadExcel();
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  // Shared strings, as an ordinary workbook writes them: an empty text cell then reads back as ''.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  return {
    /** A sheet with a bold, frozen header row, as addTable makes it. */
    addTable(name: string, columns: Array<{ header: string; width?: number }>): ExportTable {
      const ws = addTable(wb, name, columns);
      ws.getRow(1).commit();
      return { addRow: (values) => ws.addRow(values).commit() };
    },
    async buffer(): Promise<Buffer> {
      await wb.commit();
      return Buffer.concat(chunks);
    },
  };
}

/** A 填写说明 sheet: a bold title, then one instruction per line. */
export function addHelpSheet(wb: ExcelJS.Workbook, lines: string[]) {
  const help = wb.addWorksheet('填写说明');
  help.getColumn(1).width = 100;
  help.getCell(1, 1).value = '填写说明';
  help.getCell(1, 1).font = { bold: true, size: 14 };
  lines.forEach((line, i) => {
    help.getCell(i + 2, 1).value = line;
  });
}
