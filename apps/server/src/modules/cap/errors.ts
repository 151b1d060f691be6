// Why a CAP document was refused. The code picks the translated message in the domain catalogue;
// line, column and element say where, so whoever sent the file can find the spot.
import type { MessageCode } from '@xianfeng/domain';

export type CapErrorCode = Extract<MessageCode, `cap.${string}`>;

export interface CapErrorWhere {
  line?: number;
  /** One-based, like an editor shows it. */
  column?: number;
  element?: string;
  /** The enclosing element, for a missing or misplaced child. */
  parent?: string;
  /** The offending text, for a value outside what CAP allows. */
  value?: string;
  /** Technical detail (the XML parser's own words, or what was expected). */
  detail?: string;
  limitKb?: number;
}

export class CapError extends Error {
  readonly code: CapErrorCode;
  readonly line?: number;
  readonly column?: number;
  readonly element?: string;
  readonly parent?: string;
  readonly value?: string;
  readonly detail?: string;
  readonly limitKb?: number;

  constructor(code: CapErrorCode, where: CapErrorWhere = {}) {
    super(describe(code, where));
    this.name = 'CapError';
    this.code = code;
    Object.assign(this, where);
  }

  /**
   * The placeholders of the catalogue message for this code. Text outside any element (a file
   * that is not XML at all) has no element name; a dash stands in rather than a bare "{element}".
   */
  get params(): Record<string, string | number> {
    const params: Record<string, string | number> = { element: '—' };
    for (const key of ['line', 'column', 'element', 'parent', 'value', 'detail', 'limitKb'] as const) {
      const value = this[key];
      if (value !== undefined) params[key] = value;
    }
    return params;
  }
}

function describe(code: CapErrorCode, where: CapErrorWhere): string {
  const place = [
    where.line !== undefined ? `line ${where.line}${where.column !== undefined ? `:${where.column}` : ''}` : '',
    where.element ? `<${where.element}>` : '',
    where.value !== undefined ? `value "${where.value}"` : '',
    where.detail ?? '',
  ].filter(Boolean);
  return place.length ? `${code}: ${place.join(', ')}` : code;
}
