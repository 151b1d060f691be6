// The one way the web app talks to the server: same-origin fetch with the session cookie, the
// CSRF header on every state-changing request, and every failure turned into an ApiError that
// carries the server's (already translated) message and per-field details.
import i18n from '../i18n.ts';

export interface ApiErrorDetail {
  field: string;
  code: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ApiErrorDetail[];

  constructor(status: number, code: string, message: string, details: ApiErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** The message to show for any error: the server's translated text, else a generic one. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError && e.message) return e.message;
  return i18n.t('errors.generic');
}

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

/** Set by the session loader, used when the readable cookie is not there (e.g. blocked). */
let csrfFallback: string | null = null;
export function setCsrfToken(token: string | null) {
  csrfFallback = token;
}
function csrfToken() {
  return readCookie('xf_csrf') ?? csrfFallback ?? '';
}

/** Called when the server says the session is gone, so the app can show the login page. */
type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();
export function onUnauthorized(listener: Listener) {
  unauthorizedListeners.add(listener);
  return () => {
    unauthorizedListeners.delete(listener);
  };
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query) {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
  }
  const s = params.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

function normalizeDetails(details: unknown): ApiErrorDetail[] {
  if (!Array.isArray(details)) return [];
  return details
    .filter((d): d is Record<string, unknown> => typeof d === 'object' && d !== null)
    .map((d) => ({ field: String(d.field ?? ''), code: String(d.code ?? ''), message: String(d.message ?? '') }));
}

/** Turns a failed response body (text) into an ApiError. */
export function errorFromResponse(status: number, text: string, isAuthCall: boolean): ApiError {
  let err: ApiError;
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string; details?: unknown } };
    const e = body.error ?? {};
    err = new ApiError(status, e.code ?? 'error.unknown', e.message || i18n.t('errors.generic'), normalizeDetails(e.details));
  } catch {
    err = new ApiError(status, status >= 500 ? 'error.server' : 'error.unknown', i18n.t(status >= 500 ? 'errors.server' : 'errors.generic'));
  }
  if (status === 401 && !isAuthCall) unauthorizedListeners.forEach((l) => l());
  return err;
}

const SAFE = new Set(['GET', 'HEAD']);
const isAuthCall = (path: string) => path.startsWith('/api/auth/login') || path.startsWith('/api/auth/me');

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Extra headers, e.g. `Idempotency-Key` on a request that must not happen twice. */
  headers?: Record<string, string>;
}

async function send(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...opts.headers, Accept: 'application/json' };
  if (!SAFE.has(method)) headers['X-CSRF-Token'] = csrfToken();
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), { method, headers, body, credentials: 'same-origin', signal: opts.signal });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new ApiError(0, 'error.network', i18n.t('errors.network'));
  }
  if (!res.ok) throw errorFromResponse(res.status, await res.text(), isAuthCall(path));
  return res;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(method, path, opts);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: Query) => request<T>('POST', path, { body, query }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  del: <T>(path: string) => request<T>('DELETE', path),
};

function filenameFrom(disposition: string | null, fallback: string) {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

/** Downloads a file answer (e.g. an .xlsx export) and hands it to the browser as a download. */
export async function download(path: string, query: Query | undefined, fallbackName: string) {
  const res = await send('GET', path, { query });
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filenameFrom(res.headers.get('content-disposition'), fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface UploadProgress {
  loaded: number;
  total: number;
  percent: number;
}

export interface UploadHandle<T> {
  promise: Promise<T>;
  abort(): void;
}

/**
 * A multipart upload through XMLHttpRequest, because fetch cannot report upload progress.
 * `onUploaded` fires when the last byte has left the browser: from then on the server is checking.
 */
export function upload<T>(
  path: string,
  file: File,
  query: Query | undefined,
  onProgress: (p: UploadProgress) => void,
  onUploaded?: () => void,
): UploadHandle<T> {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<T>((resolve, reject) => {
    xhr.open('POST', withQuery(path, query));
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('X-CSRF-Token', csrfToken());
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress({ loaded: e.loaded, total: e.total, percent: Math.round((e.loaded / e.total) * 100) });
    };
    xhr.upload.onload = () => onUploaded?.();
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(new ApiError(xhr.status, 'error.unknown', i18n.t('errors.generic')));
        }
      } else reject(errorFromResponse(xhr.status, xhr.responseText, false));
    };
    xhr.onerror = () => reject(new ApiError(0, 'error.network', i18n.t('errors.network')));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
