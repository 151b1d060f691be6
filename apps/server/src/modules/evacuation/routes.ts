// The evacuation API: shelters of villages (kept with warning.ack, seen with warning.read), and
// during a warning a village's figures, shelter occupancy, the household check-off and the overview.
import { route, type RouteSpec } from '../../core/http.ts';
import { idParams } from '../../core/schemas.ts';
import * as during from './during.ts';
import { checkBody, checkParams, householdsQuery, occupancyBody, occupancyParams, overviewQuery, reportBody, reportParams, shelterBody, shelterPatch, shelterQuery } from './schemas.ts';
import * as shelters from './shelters.ts';

const tags = ['evacuation'];

export const evacuationRoutes: RouteSpec[] = [
  route({ method: 'GET', url: '/api/shelters', summary: 'Shelters (安置点) of a unit’s subtree', tags, access: 'warning.read', query: shelterQuery, handler: ({ ctx, query }) => shelters.listShelters(ctx, query) }),
  route({
    method: 'POST', url: '/api/shelters', summary: 'Register a shelter of a village, community or grid', tags, access: 'warning.ack', body: shelterBody,
    async handler({ ctx, body, reply }) {
      reply.code(201);
      return shelters.createShelter(ctx, body);
    },
  }),
  route({ method: 'PATCH', url: '/api/shelters/:id', summary: 'Change a shelter’s name, address or capacity', tags, access: 'warning.ack', params: idParams, body: shelterPatch, handler: ({ ctx, params, body }) => shelters.updateShelter(ctx, params.id, body) }),
  route({ method: 'POST', url: '/api/shelters/:id/archive', summary: 'Archive a shelter', tags, access: 'warning.ack', params: idParams, handler: ({ ctx, params }) => shelters.archiveShelter(ctx, params.id) }),
  route({ method: 'GET', url: '/api/warnings/:id/evacuation', summary: 'Evacuation of a warning within my view: reports per unit with totals, shelters, household check-off', tags, access: 'warning.read', params: idParams, query: overviewQuery, handler: ({ ctx, params, query }) => during.overview(ctx, params.id, query.unitId) }),
  route({ method: 'PUT', url: '/api/warnings/:id/evacuation/:unitId', summary: 'A village’s evacuation figures (to move, moved, refusing) during a warning', tags, access: 'warning.ack', params: reportParams, body: reportBody, handler: ({ ctx, params, body }) => during.reportEvacuation(ctx, params.id, params.unitId, body) }),
  route({ method: 'GET', url: '/api/warnings/:id/evacuation/:unitId/households', summary: 'Households of a unit to check off during a warning, with their people to move first; audited', tags, access: 'household.read', params: reportParams, query: householdsQuery, handler: ({ ctx, params, query }) => during.householdsForCheck(ctx, params.id, params.unitId, query) }),
  route({ method: 'PUT', url: '/api/warnings/:id/households/:householdId', summary: 'Check off one household: moved, refused, not at home or pending', tags, access: 'warning.ack', params: checkParams, body: checkBody, handler: ({ ctx, params, body }) => during.checkHousehold(ctx, params.id, params.householdId, body) }),
  route({ method: 'PUT', url: '/api/warnings/:id/shelters/:shelterId', summary: 'How many people a shelter holds during a warning', tags, access: 'warning.ack', params: occupancyParams, body: occupancyBody, handler: ({ ctx, params, body }) => during.setOccupancy(ctx, params.id, params.shelterId, body.occupants) }),
];
