import { z } from 'zod';
import { route, type RouteSpec } from '../../core/http.ts';
import { flag, idParams, ymd } from '../../core/schemas.ts';
import * as units from './service.ts';

const editable = {
  code: z.string().trim().min(1).max(32),
  name: z.string().trim().min(1).max(100),
  kind: z.string().trim().min(1).max(30),
  phone: z.string().trim().max(30).nullable().optional(),
  foundedOn: ymd.nullable().optional(),
  /** GB/T 2260 administrative division code: CAP geocodes are matched against it. */
  areaCode: z.string().trim().regex(/^\d{6}(\d{3}(\d{3})?)?$/, { error: 'unit.area_code_format' }).nullable().optional(),
};
const createBody = z.object({ ...editable, parentId: z.number().int().positive().nullable() });
const updateBody = z.object(editable).partial();

export const unitRoutes: RouteSpec[] = [
  route({
    method: 'GET',
    url: '/api/units/roots',
    summary: 'The top units of the caller’s scope',
    tags: ['units'],
    access: 'unit.read',
    handler: ({ ctx }) => units.roots(ctx),
  }),
  route({
    method: 'GET',
    url: '/api/units',
    summary: 'Search units by name or code within scope',
    tags: ['units'],
    access: 'unit.read',
    query: z.object({ q: z.string().trim().max(50).optional(), kind: z.string().max(30).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
    handler: ({ ctx, query }) => units.search(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/api/units/:id',
    summary: 'A unit with its path, member figures and organization-rule warnings',
    tags: ['units'],
    access: 'unit.read',
    params: idParams,
    handler: ({ ctx, params }) => units.detail(ctx, params.id),
  }),
  route({
    method: 'GET',
    url: '/api/units/:id/children',
    summary: 'The direct children of a unit',
    tags: ['units'],
    access: 'unit.read',
    params: idParams,
    query: z.object({ includeArchived: flag }),
    handler: ({ ctx, params, query }) => units.childrenOf(ctx, params.id, query.includeArchived),
  }),
  route({
    method: 'POST',
    url: '/api/units',
    summary: 'Create a unit',
    tags: ['units'],
    access: 'unit.write',
    body: createBody,
    async handler({ ctx, body, reply }) {
      reply.code(201);
      return units.create(ctx, body);
    },
  }),
  route({
    method: 'PATCH',
    url: '/api/units/:id',
    summary: 'Rename or edit a unit',
    tags: ['units'],
    access: 'unit.write',
    params: idParams,
    body: updateBody,
    handler: ({ ctx, params, body }) => units.update(ctx, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/api/units/:id/move',
    summary: 'Move a unit and its subtree under another parent',
    tags: ['units'],
    access: 'unit.write',
    params: idParams,
    body: z.object({ parentId: z.number().int().positive() }),
    handler: ({ ctx, params, body }) => units.move(ctx, params.id, body.parentId),
  }),
  route({
    method: 'POST',
    url: '/api/units/:id/archive',
    summary: 'Archive a unit (never deleted: its history stays)',
    tags: ['units'],
    access: 'unit.write',
    params: idParams,
    handler: ({ ctx, params }) => units.archive(ctx, params.id),
  }),
];
