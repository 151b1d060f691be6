// One error type for everything the user may see. The code picks the translated message and the
// HTTP status is decided here, in one place (see http.ts for the mapping to responses).
import type { MessageCode } from '@xianfeng/domain';

export interface FieldIssue {
  field: string;
  code: MessageCode | string;
  /** Already translated text, for issues that come translated (zod). */
  message?: string;
  params?: Record<string, string | number>;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: MessageCode,
    readonly details: FieldIssue[] | Record<string, unknown> | undefined = undefined,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

export const unauthenticated = () => new AppError(401, 'error.unauthenticated');
export const forbidden = () => new AppError(403, 'error.forbidden');
/** Used for "does not exist" and "exists outside your scope" alike, so scope never leaks. */
export const notFound = () => new AppError(404, 'error.not_found');
export const invalid = (details: FieldIssue[]) => new AppError(400, 'error.validation', details);
export const conflict = (code: MessageCode, params: Record<string, string | number> = {}, details?: FieldIssue[]) =>
  new AppError(409, code, details, params);
export const unprocessable = (code: MessageCode, params: Record<string, string | number> = {}, details?: FieldIssue[]) =>
  new AppError(422, code, details, params);
