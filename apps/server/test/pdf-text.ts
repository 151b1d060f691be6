// A PDF's text read back with pdf.js, for the tests that check what a generated document says.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The text of every page, in drawing order, with the spacing pdf.js guesses taken out. */
export async function pdfPages(pdf: Buffer | Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join('').replace(/\s+/g, ''));
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** The whole document's text, spacing removed. */
export async function pdfText(pdf: Buffer | Uint8Array): Promise<string> {
  return (await pdfPages(pdf)).join('');
}
