// Service discovery (https://wiki.open311.org/Service_Discovery), the document GeoReport v2 clients
// start from: where the endpoint is, in which formats, whom to ask for help and for an API key, and
// a changeset telling clients when to fetch the services again.
import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { message } from '@xianfeng/domain';
import type { RequestCtx } from '../../core/context.ts';
import type { Discovery } from './format.ts';
import { servicesIn } from './service.ts';

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

/**
 * When the services (and so the service definitions) last changed. They come from the domain's
 * hazard and help categories, so they change with a release, not at run time: the fingerprint
 * below is of the services in both languages, and a test fails when it no longer matches, asking
 * for a new date with the new fingerprint. Clients that cache the services then see the change.
 */
export const SERVICES_CHANGED = { at: '2026-11-29T00:00:00Z', fingerprint: 'ad51197727aaa387' };

/** SHA-256 of the services as served in Chinese and in English. */
export function servicesFingerprint() {
  const services = (['zh-CN', 'en'] as const).map((locale) => servicesIn(locale));
  return crypto.createHash('sha256').update(JSON.stringify(services)).digest('hex').slice(0, 16);
}

/** A host header as browsers and proxies send it: a name or address, perhaps a port. */
const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * Where this server is reached: the public address the operator configured (XIANFENG_PUBLIC_URL,
 * as for links in e-mails), else the protocol and host the request came with (behind a proxy,
 * from its X-Forwarded-Proto and X-Forwarded-Host: the app trusts its proxy).
 */
export function publicOrigin(req: FastifyRequest) {
  const configured = process.env.XIANFENG_PUBLIC_URL?.trim().replace(/\/+$/, '');
  if (configured) return configured;
  const host = HOST.test(req.host) ? req.host : 'localhost';
  return `${req.protocol === 'https' ? 'https' : 'http'}://${host}`;
}

/** The addresses an administrator hands to a client's developers. */
export function open311Urls(req: FastifyRequest) {
  const origin = publicOrigin(req);
  return { discovery: `${origin}/open311/discovery.json`, endpoint: `${origin}/open311/v2` };
}

export function discovery(ctx: RequestCtx, req: FastifyRequest): Discovery {
  return {
    changeset: SERVICES_CHANGED.at,
    contact: message('georeport.discovery_contact', ctx.locale),
    key_service: message('georeport.discovery_key_service', ctx.locale),
    endpoints: [
      { specification: SPECIFICATION, url: open311Urls(req).endpoint, changeset: SERVICES_CHANGED.at, type: 'production', formats: ['text/xml', 'application/json'] },
    ],
  };
}
