// The fonts embedded in every PDF the server makes. They come from an npm package, never from
// the machine, so a certificate prints the same on a server without any CJK font installed.
// Noto Serif SC (SIL Open Font License 1.1) as plain TrueType files, shipped by
// @expo-google-fonts/noto-serif-sc. pdfkit embeds only the glyphs a document uses (a subset of a
// few kB), with a ToUnicode map so the text can be searched and copied.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const FILES = {
  serif: '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  serifBold: '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
} as const;

export type Face = keyof typeof FILES;

/** Absolute path of the font file of a face. */
export function fontPath(face: Face): string {
  return require.resolve(FILES[face]);
}

// Each file is about 15 MB: read once per process rather than once per document.
const loaded = new Map<Face, Buffer>();

function fontData(face: Face): Buffer {
  let data = loaded.get(face);
  if (!data) {
    data = readFileSync(fontPath(face));
    loaded.set(face, data);
  }
  return data;
}

/** Makes every face available to `doc.font(face)`; a face is embedded only if it is used. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const face of Object.keys(FILES) as Face[]) doc.registerFont(face, fontData(face));
}
