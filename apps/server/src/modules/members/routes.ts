import { z } from 'zod';
import { MEMBER_STATUSES } from '@xianfeng/domain';
import { route, type RouteSpec } from '../../core/http.ts';
import { idParams, pageQuery, ymd } from '../../core/schemas.ts';
import * as members from './service.ts';

const fields = {
  name: z.string().trim().min(1).max(50),
  gender: z.enum(['male', 'female']),
  ethnicity: z.string().trim().max(20).nullable().optional(),
  birthDate: ymd,
  idNumber: z.string().trim().min(1).max(30),
  mobile: z.string().trim().max(30).nullable().optional(),
  joinDate: ymd,
  status: z.enum(MEMBER_STATUSES),
  fullMemberDate: ymd.nullable().optional(),
  education: z.string().trim().max(30).nullable().optional(),
  occupation: z.string().trim().max(50).nullable().optional(),
  specialties: z.array(z.string().trim().min(1).max(30)).max(20).optional(),
};

export const listQuery = z.object({
  unitId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(50).optional(),
  status: z.enum(MEMBER_STATUSES).optional(),
  specialty: z.string().trim().max(30).optional(),
  ...pageQuery,
});

export const memberRoutes: RouteSpec[] = [
  route({
    method: 'GET',
    url: '/api/members',
    summary: 'Members in scope: search by name, part of it or pinyin initials; filter by unit subtree, status, specialty',
    tags: ['members'],
    access: 'member.read',
    query: listQuery,
    handler: ({ ctx, query }) => members.list(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/api/members/:id',
    summary: 'One member with the transfer history (personal data masked)',
    tags: ['members'],
    access: 'member.read',
    params: idParams,
    handler: ({ ctx, params }) => members.detail(ctx, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/members',
    summary: 'Register a member',
    tags: ['members'],
    access: 'member.write',
    body: z.object({ unitId: z.number().int().positive(), ...fields }),
    async handler({ ctx, body, reply }) {
      reply.code(201);
      return members.create(ctx, body);
    },
  }),
  route({
    method: 'PATCH',
    url: '/api/members/:id',
    summary: 'Edit a member',
    tags: ['members'],
    access: 'member.write',
    params: idParams,
    body: z.object(fields).partial(),
    handler: ({ ctx, params, body }) => members.update(ctx, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/api/members/:id/transfer',
    summary: 'Transfer a member to another unit (组织关系转接); the history is kept',
    tags: ['members'],
    access: 'member.write',
    params: idParams,
    body: z.object({ toUnitId: z.number().int().positive(), transferredOn: ymd.optional(), reason: z.string().trim().max(200).nullable().optional() }),
    handler: ({ ctx, params, body }) => members.transfer(ctx, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/api/members/:id/unmask',
    summary: 'Show one field of personal data in full (recorded in the audit log)',
    tags: ['members'],
    access: 'member.unmask',
    params: idParams,
    body: z.object({ field: z.enum(['idNumber', 'mobile']) }),
    handler: ({ ctx, params, body }) => members.unmask(ctx, params.id, body.field),
  }),
  route({
    method: 'GET',
    url: '/api/specialties',
    summary: 'The specialties a member of the unit may have: the curated list and the unit’s own additions',
    tags: ['members'],
    access: 'member.read',
    query: z.object({ unitId: z.coerce.number().int().positive().optional() }),
    handler: ({ ctx, query }) => members.specialties(ctx, query.unitId),
  }),
  route({
    method: 'POST',
    url: '/api/specialties',
    summary: 'Add a specialty to a unit’s list (valid for its whole subtree)',
    tags: ['members'],
    access: 'unit.write',
    body: z.object({ unitId: z.number().int().positive(), name: z.string().trim().min(1).max(30) }),
    handler: ({ ctx, body }) => members.addSpecialty(ctx, body.unitId, body.name),
  }),
];
