// Builds the Fastify application from its dependencies. Used by `xianfeng serve` and by tests
// (through `app.inject`), so what is tested is what runs.
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import helmet from 'helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Deps } from './core/context.ts';
import { installErrorHandler, registerRoutes, sendNotFound, type RouteSpec } from './core/http.ts';
import { loadAuth } from './modules/auth/service.ts';
import { SESSION_COOKIE } from './modules/auth/routes.ts';
import { allRoutes } from './routes.ts';
import { CAP_MAX_BYTES } from './modules/cap/parse.ts';

export interface AppOptions {
  webDist?: string | null;
  logger?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every API route with its access rule: the authorization test walks this list. */
    xfRoutes: RouteSpec[];
  }
}

export async function buildApp(deps: Deps, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: opts.logger === false ? undefined : (deps.log as FastifyBaseLogger),
    trustProxy: true,
    bodyLimit: 2 * 1024 * 1024,
  });
  // Validation happens with zod in http.ts; the JSON schemas given to Fastify only document the API.
  app.setValidatorCompiler(() => () => true);
  // A POST without a body but with a JSON content type (common in fetch wrappers) is an empty body,
  // not an error.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    if (body === '') return done(null, undefined);
    try {
      done(null, JSON.parse(body as string));
    } catch (err) {
      (err as { statusCode?: number }).statusCode = 400;
      done(err as Error, undefined);
    }
  });

  // CAP 1.2 documents posted as they are (by the national warning system's relays, or curl).
  app.addContentTypeParser(['application/xml', 'text/xml', 'application/cap+xml'], { parseAs: 'buffer', bodyLimit: CAP_MAX_BYTES + 1 }, (_req, body, done) => done(null, body));
  // Open311 GeoReport v2 clients post form fields (application/x-www-form-urlencoded). Only there:
  // elsewhere a form body stays refused, so a cross-site HTML form cannot post to the JSON API
  // (the login above all).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (req, body, done) => {
    if (!req.url.startsWith('/open311/')) return done(Object.assign(new Error('form bodies are accepted by /open311 only'), { statusCode: 415 }), undefined);
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
  // Security headers, from helmet's middleware built once: @fastify/helmet builds it anew for every
  // request (a profile of a filing burst found it costing more than the request's validation).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd generates its styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
      },
    },
  });
  app.addHook('onRequest', (req, reply, done) => securityHeaders(req.raw, reply.raw, (err) => done(err as Error | undefined)));
  await app.register(swagger, {
    openapi: {
      info: { title: '先锋 Xianfeng API', version: '0.1.0', description: 'JSON API of 先锋. Errors: { error: { code, message, details } }.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  // Server-Timing tells operators (and the benchmark) how long the server itself took.
  app.addHook('onSend', async (_req, reply) => {
    reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(2)}`);
  });

  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    req.auth = token ? await loadAuth(deps, token) : null;
  });

  installErrorHandler(app);
  const routes = allRoutes();
  app.decorate('xfRoutes', routes);
  registerRoutes(app, deps, routes);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const webDist = opts.webDist;
  const serveWeb = !!webDist && fs.existsSync(path.join(webDist, 'index.html'));
  if (serveWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((req, reply) => {
    // Client-side routes (e.g. /members/12) all load the single-page app.
    if (serveWeb && req.method === 'GET' && !req.url.startsWith('/api/')) return reply.type('text/html').sendFile('index.html');
    return sendNotFound(req, reply);
  });
  return app;
}
