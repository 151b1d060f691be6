// What every PDF of the server shares: A4, the embedded fonts, document metadata, and the
// collection of pdfkit's output stream into one Buffer.
import PDFDocument from 'pdfkit';
import { registerFonts } from './fonts.ts';

export interface NewDocument {
  doc: PDFKit.PDFDocument;
  /** Resolves with the whole file once `doc.end()` has been called. */
  finished: Promise<Buffer>;
}

export function newDocument(options: { title: string; layout: 'portrait' | 'landscape'; bufferPages?: boolean }): NewDocument {
  const doc = new PDFDocument({
    size: 'A4',
    layout: options.layout,
    margin: 0, // every renderer places its text itself; pdfkit must never add a page on its own
    autoFirstPage: false,
    bufferPages: options.bufferPages ?? false,
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: options.title, Creator: '先锋 Xianfeng' },
  });
  const finished = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerFonts(doc);
  return { doc, finished };
}
