// The hazard reports API (隐患排查): report where one has a role (hazard.report); one's own reports
// and the hazards assigned to one (a session); the triage queue and counts (hazard.read); assign,
// reject, verify, reopen and raise to an alarm (hazard.triage on the hazard's unit); record the
// fix (a session: the assignee, or a triager — the domain's table decides).
import { route, type RouteSpec } from '../../core/http.ts';
import { AppError } from '../../core/errors.ts';
import { idParams } from '../../core/schemas.ts';
import * as hazards from './hazards.ts';
import * as photos from './photos.ts';
import { raiseToAlarm } from './raise.ts';
import { assignBody, listQuery, mineQuery, noteBody, photoParams, photoQuery, reasonBody, reportBody, statsQuery } from './schemas.ts';

const tags = ['hazards'];

export const hazardRoutes: RouteSpec[] = [
  route({
    method: 'POST', url: '/api/hazards', summary: 'Report a hazard (隐患) where one lives or works; tells the grid’s workers and the village secretary', tags, access: 'hazard.report', body: reportBody,
    async handler({ ctx, body, reply }) {
      reply.code(201);
      return hazards.reportHazard(ctx, body);
    },
  }),
  route({ method: 'GET', url: '/api/hazards', summary: 'The triage queue: hazards of my units (or a subtree); status=overdue for the overdue ones', tags, access: 'hazard.read', query: listQuery, handler: ({ ctx, query }) => hazards.listHazards(ctx, query) }),
  route({ method: 'GET', url: '/api/hazards/places', summary: 'Where I can report: the grids, villages and communities of my grants and the grids of those villages', tags, access: 'session', handler: ({ ctx }) => hazards.reportPlaces(ctx) }),
  route({ method: 'GET', url: '/api/hazards/mine', summary: 'Hazards I reported (role=reported) or must fix (role=assigned)', tags, access: 'session', query: mineQuery, handler: ({ ctx, query }) => hazards.myHazards(ctx, query) }),
  route({ method: 'GET', url: '/api/hazards/stats', summary: 'Open and overdue hazards per village of my units, with totals', tags, access: 'hazard.read', query: statsQuery, handler: ({ ctx, query }) => hazards.hazardStats(ctx, query) }),
  route({ method: 'GET', url: '/api/hazards/:id', summary: 'One hazard with its photos, timeline and the actions open to me', tags, access: 'session', params: idParams, handler: ({ ctx, params }) => hazards.getHazard(ctx, params.id) }),
  route({ method: 'GET', url: '/api/hazards/:id/assignees', summary: 'People a hazard may be assigned to', tags, access: 'hazard.triage', params: idParams, handler: ({ ctx, params }) => hazards.assignees(ctx, params.id) }),
  route({ method: 'POST', url: '/api/hazards/:id/assign', summary: 'Assign a hazard to a person with a due date (reported/reopened → assigned)', tags, access: 'hazard.triage', params: idParams, body: assignBody, handler: ({ ctx, params, body }) => hazards.act(ctx, params.id, 'assign', { note: body.note, assign: body }) }),
  route({ method: 'POST', url: '/api/hazards/:id/fix', summary: 'Record the fix with a note (assigned/reopened → fixed); the assignee or a triager', tags, access: 'session', params: idParams, body: noteBody, handler: ({ ctx, params, body }) => hazards.act(ctx, params.id, 'fix', { note: body.note }) }),
  route({ method: 'POST', url: '/api/hazards/:id/verify', summary: 'Verify the fix (fixed → verified); never by the one who recorded it', tags, access: 'hazard.triage', params: idParams, body: noteBody, handler: ({ ctx, params, body }) => hazards.act(ctx, params.id, 'verify', { note: body.note }) }),
  route({ method: 'POST', url: '/api/hazards/:id/reopen', summary: 'Reopen a fix that did not hold (fixed → reopened), with the reason', tags, access: 'hazard.triage', params: idParams, body: reasonBody, handler: ({ ctx, params, body }) => hazards.act(ctx, params.id, 'reopen', { note: body.reason }) }),
  route({ method: 'POST', url: '/api/hazards/:id/reject', summary: 'Reject a report that is not a hazard, with the reason', tags, access: 'hazard.triage', params: idParams, body: reasonBody, handler: ({ ctx, params, body }) => hazards.act(ctx, params.id, 'reject', { note: body.reason }) }),
  route({
    method: 'POST', url: '/api/hazards/:id/raise', summary: 'Raise a hazard to an alarm of the warning cascade (linked both ways)', tags, access: 'hazard.triage', params: idParams, body: noteBody,
    async handler({ ctx, params, body, reply }) {
      reply.code(201);
      return raiseToAlarm(ctx, params.id, body.note);
    },
  }),
  route({
    method: 'POST', url: '/api/hazards/:id/photos', summary: 'Add a photo of the hazard (stage=report) or of the fix (stage=fix): JPEG, PNG or WebP, at most 5 MB, six per hazard', tags, access: 'session', params: idParams, query: photoQuery, upload: true,
    async handler({ ctx, params, query, req, reply }) {
      const part = req.isMultipart() ? await req.file() : undefined;
      if (!part) throw new AppError(400, 'error.file_required');
      const buffer = await part.toBuffer();
      reply.code(201);
      return photos.addPhoto(ctx, params.id, query.stage, buffer);
    },
  }),
  route({
    method: 'GET', url: '/api/hazards/:id/photos/:photoId', summary: 'A photo of a hazard', tags, access: 'session', params: photoParams,
    async handler({ ctx, params, reply }) {
      const photo = await photos.getPhoto(ctx, params.id, params.photoId);
      reply.header('content-type', photo.mime).header('cache-control', 'private, max-age=3600');
      return Buffer.from(photo.data);
    },
  }),
];
