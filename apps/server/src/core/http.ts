// The HTTP edge: every route is declared with its access rule and zod schemas, validated here,
// and every error leaves through one mapping to `{ error: { code, message, details } }` in the
// caller's language.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isMessageCode, message, resolveLocale, type Locale, type Permission } from '@xianfeng/domain';
import { AppError, invalid, type FieldIssue } from './errors.ts';
import { requireAuth, requirePermission } from './access.ts';
import type { Auth, Deps, RequestCtx } from './context.ts';

export type Access = 'public' | 'session' | Permission;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HandlerInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  ctx: RequestCtx;
  req: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteSpec<P = any, Q = any, B = any> {
  method: Method;
  url: string;
  summary: string;
  tags: string[];
  /** 'public': anyone; 'session': any logged-in person acting on themself; else a permission. */
  access: Access;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** The body is a multipart file upload (read with req.file() in the handler). */
  upload?: boolean;
  handler(input: HandlerInput<P, Q, B>): Promise<unknown>;
}

export function route<P = undefined, Q = undefined, B = undefined>(spec: RouteSpec<P, Q, B>): RouteSpec<P, Q, B> {
  return spec;
}

const zodLocales: Record<Locale, z.core.$ZodErrorMap> = {
  'zh-CN': z.locales.zhCN().localeError,
  en: z.locales.en().localeError,
};

export function parseInput<T>(schema: z.ZodType<T>, data: unknown, locale: Locale): T {
  const result = schema.safeParse(data, { error: zodLocales[locale] });
  if (result.success) return result.data;
  throw invalid(
    result.error.issues.map((issue) =>
      // A schema may name one of our message codes as its error (e.g. points.period_invalid).
      isMessageCode(issue.message)
        ? { field: issue.path.map(String).join('.'), code: issue.message, message: message(issue.message, locale) }
        : { field: issue.path.map(String).join('.'), code: `zod.${issue.code}`, message: issue.message },
    ),
  );
}

function jsonSchema(schema: z.ZodType | undefined) {
  if (!schema) return undefined;
  try {
    const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    return rest;
  } catch {
    return undefined;
  }
}

export function localeOf(req: FastifyRequest): Locale {
  const chosen = req.cookies?.xf_lang;
  if (chosen === 'en' || chosen === 'zh-CN') return chosen;
  return resolveLocale(req.headers['accept-language']);
}

export function requestCtx(req: FastifyRequest, deps: Deps): RequestCtx {
  return { deps, auth: req.auth ?? null, locale: localeOf(req), ip: req.ip ?? null };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function enforceAccess(spec: RouteSpec, req: FastifyRequest) {
  if (spec.access === 'public') return;
  const auth = requireAuth(req.auth ?? null);
  // Double-submit CSRF token: SameSite cookies stop most cross-site posts, the header stops the rest.
  if (!SAFE_METHODS.has(spec.method) && req.headers['x-csrf-token'] !== auth.csrfToken) {
    throw new AppError(403, 'error.csrf');
  }
  if (spec.access !== 'session') requirePermission(auth, spec.access);
}

export function registerRoutes(app: FastifyInstance, deps: Deps, specs: RouteSpec[]) {
  for (const spec of specs) {
    app.route({
      method: spec.method,
      url: spec.url,
      schema: Object.fromEntries(
        Object.entries({
          summary: spec.summary,
          tags: spec.tags,
          params: jsonSchema(spec.params),
          querystring: jsonSchema(spec.query),
          body: spec.upload ? undefined : jsonSchema(spec.body),
          security: spec.access === 'public' ? undefined : [{ session: [] }],
        }).filter(([, v]) => v !== undefined),
      ),
      config: { access: spec.access },
      handler: async (req, reply) => {
        enforceAccess(spec, req);
        const ctx = requestCtx(req, deps);
        const input: HandlerInput<any, any, any> = {
          params: spec.params ? parseInput(spec.params, req.params, ctx.locale) : req.params,
          query: spec.query ? parseInput(spec.query, req.query ?? {}, ctx.locale) : req.query,
          body: spec.body && !spec.upload ? parseInput(spec.body, req.body ?? {}, ctx.locale) : undefined,
          ctx,
          req,
          reply,
        };
        const result = await spec.handler(input);
        if (reply.sent) return reply;
        if (result === undefined) return reply.code(204).send();
        return result;
      },
    });
  }
}

function translateDetails(details: AppError['details'], locale: Locale) {
  if (!Array.isArray(details)) return details;
  return details.map((d: FieldIssue) => ({
    field: d.field,
    code: d.code,
    message: d.message ?? message(d.code as never, locale, d.params),
  }));
}

export function sendNotFound(req: FastifyRequest, reply: FastifyReply) {
  const locale = localeOf(req);
  return reply.code(404).send({ error: { code: 'error.not_found', message: message('error.not_found', locale) } });
}

export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: unknown, req, reply) => {
    const locale = localeOf(req);
    if (err instanceof AppError) {
      return reply.code(err.status).send({
        error: { code: err.code, message: message(err.code, locale, err.params), details: translateDetails(err.details, locale) },
      });
    }
    const e = err as { statusCode?: number; code?: string; message?: string };
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      // Fastify's own refusals: malformed JSON, a body too large, an unsupported media type.
      const code = e.statusCode === 413 ? 'error.file_too_large' : 'error.validation';
      return reply.code(e.statusCode === 413 ? 413 : 400).send({
        error: { code, message: message(code as never, locale), details: { reason: e.message } },
      });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send({ error: { code: 'error.internal', message: message('error.internal', locale) } });
  });
}

declare module 'fastify' {
  interface FastifyRequest {
    auth?: Auth | null;
  }
}
