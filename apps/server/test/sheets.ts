import ExcelJS from 'exceljs';

/** An .xlsx file with one header row and the given rows, as organizations would upload it. */
export async function workbookWithRowsAsync(headers: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A CSV file (UTF-8 with BOM, as Excel saves it) with the given rows. */
export function csvWithRows(headers: string[], rows: unknown[][]): Buffer {
  const esc = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = [headers, ...rows].map((r) => r.map(esc).join(',')).join('\r\n') + '\r\n';
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/** Synchronous variant for probes: a CSV works everywhere an .xlsx does. */
export function workbookWithRows(headers: string[], rows: unknown[][]): Buffer {
  return csvWithRows(headers, rows);
}
