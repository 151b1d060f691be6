import { z } from 'zod';
import { ROLES } from '@xianfeng/domain';
import { route, type RouteSpec } from '../../core/http.ts';
import { idParams, pageQuery } from '../../core/schemas.ts';
import * as users from './service.ts';

const grantBody = z.object({ role: z.enum(ROLES), unitId: z.number().int().positive().nullable() });

export const userRoutes: RouteSpec[] = [
  route({
    method: 'GET',
    url: '/api/users',
    summary: 'Accounts holding a role inside the caller’s scope',
    tags: ['users'],
    access: 'user.read',
    query: z.object({ unitId: z.coerce.number().int().positive().optional(), q: z.string().trim().max(50).optional(), ...pageQuery }),
    handler: ({ ctx, query }) => users.list(ctx, query),
  }),
  route({
    method: 'POST',
    url: '/api/users',
    summary: 'Create an account with a first role (the generated password is shown once)',
    tags: ['users'],
    access: 'user.manage',
    body: z.object({
      username: z.string().trim().regex(/^[A-Za-z0-9_.-]{3,32}$/).nullable().optional(),
      phone: z.string().trim().max(30).nullable().optional(),
      displayName: z.string().trim().min(1).max(50),
      password: z.string().max(200).nullable().optional(),
      memberId: z.number().int().positive().nullable().optional(),
      ...grantBody.shape,
    }),
    async handler({ ctx, body, reply }) {
      reply.code(201);
      return users.createUser(ctx, body);
    },
  }),
  route({
    method: 'POST',
    url: '/api/users/:id/grants',
    summary: 'Grant a role on a unit (applies to its whole subtree)',
    tags: ['users'],
    access: 'user.manage',
    params: idParams,
    body: grantBody,
    handler: ({ ctx, params, body }) => users.addGrant(ctx, params.id, body.role, body.unitId),
  }),
  route({
    method: 'DELETE',
    url: '/api/users/:id/grants/:grantId',
    summary: 'Revoke a role',
    tags: ['users'],
    access: 'user.manage',
    params: z.object({ id: z.coerce.number().int().positive(), grantId: z.coerce.number().int().positive() }),
    handler: ({ ctx, params }) => users.removeGrant(ctx, params.id, params.grantId),
  }),
  route({
    method: 'POST',
    url: '/api/users/:id/reset-password',
    summary: 'Reset a password to a temporary one, changed at next login',
    tags: ['users'],
    access: 'user.manage',
    params: idParams,
    handler: ({ ctx, params }) => users.resetPassword(ctx, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/users/:id/disable',
    summary: 'Disable an account and end its sessions',
    tags: ['users'],
    access: 'user.manage',
    params: idParams,
    handler: ({ ctx, params }) => users.setDisabled(ctx, params.id, true),
  }),
  route({
    method: 'POST',
    url: '/api/users/:id/enable',
    summary: 'Enable a disabled account',
    tags: ['users'],
    access: 'user.manage',
    params: idParams,
    handler: ({ ctx, params }) => users.setDisabled(ctx, params.id, false),
  }),
];
