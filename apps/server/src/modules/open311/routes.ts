// Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2), outside /api: service discovery,
// services, service definitions and service requests, each in JSON and XML. Reading is public by
// design (anyone may follow a request); filing needs the api_key of a client application the
// system administrator registered, a contact and a jurisdiction, and passes a rate limit. Errors
// leave in the specification's own shape — a list of { code, description } — rather than the
// app's { error } envelope, so the schemas are applied here rather than by registerRoutes.
// The registry of client applications is a JSON API under /api/open311 like any other.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { parseInput, route, type RouteSpec } from '../../core/http.ts';
import type { RequestCtx } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { idParams } from '../../core/schemas.ts';
import * as clients from './clients.ts';
import { discovery, open311Urls } from './discovery.ts';
import { CONTENT_TYPES, definitionXml, discoveryXml, toXml, type Format } from './format.ts';
import { newClientBody, newRequestBody, requestsQuery } from './schemas.ts';
import * as open311 from './service.ts';

const tags = ['open311'];
const BASE = '/open311/v2';

interface Shape {
  root: string;
  item: string;
  /** The success status (201 for a request filed). */
  ok?: number;
  /** A document that is not a flat list (a service definition, the discovery document). */
  xml?: (body: never) => string;
}

/** Runs a use case and writes its answer, or its error, in the format the path asked for. */
async function serve(ctx: RequestCtx, reply: FastifyReply, format: Format, shape: Shape, run: () => Promise<unknown>) {
  let status = shape.ok ?? 200;
  let body: unknown;
  let { root, item, xml } = shape;
  try {
    body = await run();
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    status = e.status;
    body = open311.open311Errors(e, ctx.locale);
    root = 'errors';
    item = 'error';
    xml = undefined;
  }
  reply.code(status).header('content-type', CONTENT_TYPES[format]);
  if (format === 'json') return reply.send(JSON.stringify(body));
  if (xml) return reply.send(xml(body as never));
  return reply.send(toXml(root, item, body as Array<Record<string, string | number | boolean | null>>));
}

const formats: Format[] = ['json', 'xml'];
const withFormat = z.object({ id: z.string().max(200) });

/** "hz-12.json" → ["hz-12", "json"]; an unknown extension is answered in JSON with an error. */
function splitFormat(raw: string): [string, Format | null] {
  const m = /^(.*)\.(json|xml)$/.exec(raw);
  return m ? [m[1], m[2] as Format] : [raw, null];
}

const formatError = () => new AppError(404, 'georeport.format_unknown');

/** The api_key form field, before the rest of the body is validated: a client without one learns nothing more. */
const apiKeyOf = (body: unknown) => (body && typeof body === 'object' ? (body as { api_key?: unknown }).api_key : undefined);

export const open311Routes: RouteSpec[] = [
  ...formats.flatMap((format): RouteSpec[] => [
    route({
      method: 'GET', url: `/open311/discovery.${format}`, summary: `Open311 service discovery: the GeoReport v2 endpoint, its formats, whom to ask for help and for an API key, in ${format.toUpperCase()}`, tags, access: 'public',
      handler: ({ ctx, req, reply }) => serve(ctx, reply, format, { root: 'discovery', item: '', xml: discoveryXml }, async () => discovery(ctx, req)),
    }),
    route({
      method: 'GET', url: `${BASE}/services.${format}`, summary: `Open311: the services (hazard and help categories) in ${format.toUpperCase()}`, tags, access: 'public',
      handler: ({ ctx, reply }) => serve(ctx, reply, format, { root: 'services', item: 'service' }, async () => open311.listServices(ctx)),
    }),
    route({
      method: 'GET', url: `${BASE}/requests.${format}`, summary: `Open311: service requests (filters service_request_id, service_code, start_date, end_date, status, jurisdiction_id = a unit code: its whole subtree) in ${format.toUpperCase()}`, tags, access: 'public',
      handler: ({ ctx, req, reply }) => serve(ctx, reply, format, { root: 'service_requests', item: 'request' }, () => open311.findRequests(ctx, parseInput(requestsQuery, req.query ?? {}, ctx.locale))),
    }),
    route({
      method: 'POST', url: `${BASE}/requests.${format}`, summary: `Open311: file a request (a hazard report or a help request) with a registered client's api_key, a contact and jurisdiction_id; answer in ${format.toUpperCase()}`, tags, access: 'public',
      handler: ({ ctx, req, reply }) => serve(ctx, reply, format, { root: 'service_requests', item: 'request', ok: 201 }, async () => {
        const client = await clients.authenticateClient(ctx, apiKeyOf(req.body));
        return open311.createRequest(ctx, client, parseInput(newRequestBody, req.body ?? {}, ctx.locale));
      }),
    }),
  ]),
  route({
    method: 'GET', url: `${BASE}/services/:id`, summary: 'Open311: a service definition (services/{service_code}.json or .xml)', tags, access: 'public',
    async handler({ ctx, req, reply }) {
      const [code, format] = splitFormat(parseInput(withFormat, req.params, ctx.locale).id);
      return serve(ctx, reply, format ?? 'json', { root: 'service_definition', item: '', xml: definitionXml }, async () => {
        if (!format) throw formatError();
        return open311.serviceDefinition(ctx, code);
      });
    },
  }),
  route({
    method: 'GET', url: `${BASE}/requests/:id`, summary: 'Open311: one service request (requests/{service_request_id}.json or .xml)', tags, access: 'public',
    async handler({ ctx, req, reply }) {
      const [id, format] = splitFormat(parseInput(withFormat, req.params, ctx.locale).id);
      return serve(ctx, reply, format ?? 'json', { root: 'service_requests', item: 'request' }, async () => {
        if (!format) throw formatError();
        return open311.getRequest(ctx, id);
      });
    },
  }),

  // The client applications trusted to file requests: system administrators only (clients.ts).
  route({
    method: 'GET', url: '/api/open311/clients', summary: 'Open311 client applications, in use first, with the addresses to give their developers (system administrators)', tags, access: 'user.manage',
    handler: async ({ ctx, req }) => ({ items: await clients.listClients(ctx), urls: open311Urls(req) }),
  }),
  route({
    method: 'POST', url: '/api/open311/clients', summary: 'Register an Open311 client application; answers with its API key, shown this once (system administrators)', tags, access: 'user.manage', body: newClientBody,
    async handler({ ctx, body, reply }) {
      const registered = await clients.registerClient(ctx, body);
      // The key must not stay in any cache on the way.
      reply.code(201).header('cache-control', 'no-store');
      return registered;
    },
  }),
  route({
    method: 'POST', url: '/api/open311/clients/:id/revoke', summary: 'Revoke an Open311 client’s API key for good (system administrators)', tags, access: 'user.manage', params: idParams,
    handler: ({ ctx, params }) => clients.revokeClient(ctx, params.id),
  }),
];
