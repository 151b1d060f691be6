// The recovery API: outages reported by the units that answer for them (warning.ack), seen with
// their targets and the restoration summary by whoever reads the units' warnings (warning.read).
import { route, type RouteSpec } from '../../core/http.ts';
import { idParams } from '../../core/schemas.ts';
import * as recovery from './recovery.ts';
import { listQuery, outageBody, patchBody, restoreBody, summaryQuery } from './schemas.ts';

const tags = ['recovery'];

export const recoveryRoutes: RouteSpec[] = [
  route({ method: 'GET', url: '/api/outages', summary: 'Outages of my units (or a subtree, a warning), with hours out against the target', tags, access: 'warning.read', query: listQuery, handler: ({ ctx, query }) => recovery.listOutages(ctx, query) }),
  route({
    method: 'POST', url: '/api/outages', summary: 'Report an outage (road, power, water, communications) of a unit', tags, access: 'warning.ack', body: outageBody,
    async handler({ ctx, body, reply }) {
      reply.code(201);
      return recovery.reportOutage(ctx, body);
    },
  }),
  route({ method: 'PATCH', url: '/api/outages/:id', summary: 'Change an outage’s note', tags, access: 'warning.ack', params: idParams, body: patchBody, handler: ({ ctx, params, body }) => recovery.updateNote(ctx, params.id, body.note) }),
  route({ method: 'POST', url: '/api/outages/:id/restore', summary: 'Record when an outage was restored', tags, access: 'warning.ack', params: idParams, body: restoreBody, handler: ({ ctx, params, body }) => recovery.restoreOutage(ctx, params.id, body.restoredAt) }),
  route({ method: 'GET', url: '/api/recovery/summary', summary: 'Per kind: total, restored, open, overdue, median hours to restore, target; and the restoration curve', tags, access: 'warning.read', query: summaryQuery, handler: ({ ctx, query }) => recovery.summary(ctx, query) }),
];
