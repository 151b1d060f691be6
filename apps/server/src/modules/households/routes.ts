// The households API: the vulnerable households of a grid (household.read / household.write on
// the grid's unit). Every read is audited by the service.
import { route, type RouteSpec } from '../../core/http.ts';
import { idParams } from '../../core/schemas.ts';
import * as households from './households.ts';
import { createBody, listQuery, patchBody, personBody, personParams } from './schemas.ts';

const tags = ['households'];

export const householdRoutes: RouteSpec[] = [
  route({ method: 'GET', url: '/api/households', summary: 'Households of a grid (or any subtree) with their people to move first and a count per category; audited', tags, access: 'household.read', query: listQuery, handler: ({ ctx, query }) => households.listHouseholds(ctx, query) }),
  route({ method: 'GET', url: '/api/households/:id', summary: 'One household with its people to move first; audited', tags, access: 'household.read', params: idParams, handler: ({ ctx, params }) => households.getHousehold(ctx, params.id) }),
  route({
    method: 'POST', url: '/api/households', summary: 'Register a household under a grid (or a village or community without grids)', tags, access: 'household.write', body: createBody,
    async handler({ ctx, body, reply }) {
      reply.code(201);
      return households.createHousehold(ctx, body);
    },
  }),
  route({ method: 'PATCH', url: '/api/households/:id', summary: 'Change a household’s address, head, phone or number of people', tags, access: 'household.write', params: idParams, body: patchBody, handler: ({ ctx, params, body }) => households.updateHousehold(ctx, params.id, body) }),
  route({ method: 'POST', url: '/api/households/:id/archive', summary: 'Archive a household (moved away); the record stays', tags, access: 'household.write', params: idParams, handler: ({ ctx, params }) => households.archiveHousehold(ctx, params.id) }),
  route({
    method: 'POST', url: '/api/households/:id/people', summary: 'Record a person to move first, with the reason it is recorded', tags, access: 'household.write', params: idParams, body: personBody,
    async handler({ ctx, params, body, reply }) {
      reply.code(201);
      return households.addPerson(ctx, params.id, body);
    },
  }),
  route({ method: 'DELETE', url: '/api/households/:id/people/:personId', summary: 'Remove a person to move first (marked removed, never deleted)', tags, access: 'household.write', params: personParams, handler: ({ ctx, params }) => households.removePerson(ctx, params.id, params.personId) }),
];
