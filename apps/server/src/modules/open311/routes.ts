// Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2), outside /api: services, service
// definitions and service requests, each in JSON and XML. Public by design (anyone may follow a
// request; filing needs a contact, a jurisdiction and passes a rate limit). Errors leave in the
// specification's own shape — a list of { code, description } — rather than the app's
// { error } envelope, so the schemas are applied here rather than by registerRoutes.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { parseInput, route, type RouteSpec } from '../../core/http.ts';
import type { RequestCtx } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { CONTENT_TYPES, definitionXml, toXml, type Format } from './format.ts';
import { newRequestBody, requestsQuery } from './schemas.ts';
import * as open311 from './service.ts';

const tags = ['open311'];
const BASE = '/open311/v2';

interface Shape {
  root: string;
  item: string;
  /** The success status (201 for a request filed). */
  ok?: number;
}

/** Runs a use case and writes its answer, or its error, in the format the path asked for. */
async function serve(ctx: RequestCtx, reply: FastifyReply, format: Format, shape: Shape, run: () => Promise<unknown>) {
  let status = shape.ok ?? 200;
  let body: unknown;
  let { root, item } = shape;
  try {
    body = await run();
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    status = e.status;
    body = open311.open311Errors(e, ctx.locale);
    root = 'errors';
    item = 'error';
  }
  reply.code(status).header('content-type', CONTENT_TYPES[format]);
  if (format === 'json') return reply.send(JSON.stringify(body));
  if (root === 'service_definition') return reply.send(definitionXml(body as { service_code: string }));
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

export const open311Routes: RouteSpec[] = [
  ...formats.flatMap((format): RouteSpec[] => [
    route({
      method: 'GET', url: `${BASE}/services.${format}`, summary: `Open311: the services (hazard categories) in ${format.toUpperCase()}`, tags, access: 'public',
      handler: ({ ctx, reply }) => serve(ctx, reply, format, { root: 'services', item: 'service' }, async () => open311.listServices(ctx)),
    }),
    route({
      method: 'GET', url: `${BASE}/requests.${format}`, summary: `Open311: service requests (filters service_request_id, service_code, start_date, end_date, status, jurisdiction_id) in ${format.toUpperCase()}`, tags, access: 'public',
      handler: ({ ctx, req, reply }) => serve(ctx, reply, format, { root: 'service_requests', item: 'request' }, () => open311.findRequests(ctx, parseInput(requestsQuery, req.query ?? {}, ctx.locale))),
    }),
    route({
      method: 'POST', url: `${BASE}/requests.${format}`, summary: `Open311: file a request (a hazard report) with a contact and jurisdiction_id; answer in ${format.toUpperCase()}`, tags, access: 'public',
      handler: ({ ctx, req, reply }) => serve(ctx, reply, format, { root: 'service_requests', item: 'request', ok: 201 }, () =>
        open311.createRequest(ctx, parseInput(newRequestBody, req.body ?? {}, ctx.locale)),
      ),
    }),
  ]),
  route({
    method: 'GET', url: `${BASE}/services/:id`, summary: 'Open311: a service definition (services/{service_code}.json or .xml)', tags, access: 'public',
    async handler({ ctx, req, reply }) {
      const [code, format] = splitFormat(parseInput(withFormat, req.params, ctx.locale).id);
      return serve(ctx, reply, format ?? 'json', { root: 'service_definition', item: '' }, async () => {
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
];
