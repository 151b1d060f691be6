// Line breaking for Chinese text mixed with Latin words and numbers. Done here rather than by
// pdfkit so that a table cell's lines are known before drawing: a row can then be measured,
// moved to the next page, or split across pages line by line.

/** May not begin a line (kinsoku): closing punctuation and marks that follow what they close. */
const NO_LINE_START = new Set([...'，。、；：！？）》」』】〕〉”’…·％,.;:!?)]}%']);
/** May not end a line: opening brackets and quotes. */
const NO_LINE_END = new Set([...'（《「『【〔〈“‘([{']);

/** Ideographs, kana, CJK and full-width punctuation: a line may break before and after each. */
function isWide(ch: string): boolean {
  return ch.codePointAt(0)! >= 0x2e80;
}

/** Splits a paragraph into pieces a line may not break inside. */
function pieces(paragraph: string): string[] {
  const out: string[] = [];
  let word = '';
  const flush = () => {
    if (word) out.push(word);
    word = '';
  };
  for (const ch of paragraph) {
    if (isWide(ch)) {
      flush();
      out.push(ch);
    } else if (ch === ' ' || ch === '\t') {
      flush();
      out.push(' ');
    } else {
      word += ch;
    }
  }
  flush();
  // Glue punctuation to its neighbour so that it never starts or ends a line alone.
  const glued: string[] = [];
  let pending = '';
  for (const p of out) {
    if (glued.length > 0 && !pending && NO_LINE_START.has(p[0])) {
      glued[glued.length - 1] += p;
    } else if (NO_LINE_END.has(p[p.length - 1])) {
      pending += p;
    } else {
      glued.push(pending + p);
      pending = '';
    }
  }
  if (pending) glued.push(pending);
  return glued;
}

/**
 * Breaks `text` into lines no wider than `width` (as `measure` tells), the first one `indent`
 * narrower. Newlines in the text start new lines; a piece wider than a whole line is cut
 * between characters. Always at least one line, possibly empty.
 */
export function wrapText(text: string, width: number, measure: (s: string) => number, indent = 0): string[] {
  const lines: string[] = [];
  const limit = () => (lines.length === 0 ? width - indent : width);
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    let line = '';
    let lineWidth = 0;
    const push = () => {
      lines.push(line.trimEnd());
      line = '';
      lineWidth = 0;
    };
    for (const piece of pieces(paragraph)) {
      if (piece === ' ' && line === '') continue;
      const w = measure(piece);
      if (lineWidth + w <= limit()) {
        line += piece;
        lineWidth += w;
        continue;
      }
      if (line.trim() !== '') push();
      if (piece === ' ') continue;
      if (w <= limit()) {
        line = piece;
        lineWidth = w;
        continue;
      }
      for (const ch of piece) {
        const cw = measure(ch);
        if (lineWidth + cw > limit() && line !== '') push();
        line += ch;
        lineWidth += cw;
      }
    }
    push();
  }
  return lines;
}
