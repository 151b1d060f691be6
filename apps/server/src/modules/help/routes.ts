// The help API. Public (no login): the page of a village's QR code, filing from it (limited per
// phone and per address), adding photos and following, confirming or reopening by receipt code,
// and the village's statistics. Logged in: filing where one has a role (help.request), one's own
// requests (a session); members serve (help.serve): register where they live, the "matching me"
// queue, accept, start, resolve; the village's people (help.read) see its queue and who
// registered; secretaries (help.manage) close with a reason.
import { AppError } from '../../core/errors.ts';
import { route, type RouteSpec } from '../../core/http.ts';
import { idParams } from '../../core/schemas.ts';
import type { HelpCategory } from '@xianfeng/domain';
import * as photos from './photos.ts';
import * as pub from './public.ts';
import * as requests from './requests.ts';
import * as residence from './residence.ts';
import {
  accountFileBody, confirmBody, listQuery, mineQuery, noteBody, photoParams, placesQuery, publicFileBody, reasonBody, receiptParams, residenceBody, residentsQuery, statsQuery, villageParams,
} from './schemas.ts';

const tags = ['help'];

async function uploaded(req: Parameters<RouteSpec['handler']>[0]['req']) {
  const part = req.isMultipart() ? await req.file() : undefined;
  if (!part) throw new AppError(400, 'error.file_required');
  return part.toBuffer();
}

export const helpRoutes: RouteSpec[] = [
  // ——— public: no login ———
  route({ method: 'GET', url: '/api/public/help/villages/:code', summary: 'The page of a village’s QR code: the village, its grids, the categories and a verification question', tags, access: 'public', params: villageParams, handler: ({ ctx, params }) => pub.publicVillage(ctx, params.code) }),
  route({
    method: 'POST', url: '/api/public/help/villages/:code/requests', summary: 'Ask for help without an account (name, phone, the answer to the question); answers with a receipt code. Limited per phone and per address', tags, access: 'public', params: villageParams, body: publicFileBody,
    async handler({ ctx, params, body, reply }) {
      reply.code(201);
      return pub.filePublic(ctx, params.code, body);
    },
  }),
  route({ method: 'GET', url: '/api/public/help/villages/:code/stats', summary: 'A village’s help statistics: requests, median time to accept and to resolve, per month', tags, access: 'public', params: villageParams, query: statsQuery, handler: ({ ctx, params, query }) => pub.publicStats(ctx, params.code, query.months) }),
  route({ method: 'GET', url: '/api/public/help/requests/:receipt', summary: 'Follow a help request by its receipt code', tags, access: 'public', params: receiptParams, handler: ({ ctx, params }) => requests.lookupReceipt(ctx, params.receipt) }),
  route({
    method: 'POST', url: '/api/public/help/requests/:receipt/photos', summary: 'Add a photo to one’s request (JPEG, PNG or WebP, at most 5 MB, six per request, within an hour of filing)', tags, access: 'public', params: receiptParams, upload: true,
    async handler({ ctx, params, req, reply }) {
      const data = await uploaded(req);
      reply.code(201);
      return photos.addPhotoByReceipt(ctx, params.receipt, data);
    },
  }),
  route({ method: 'POST', url: '/api/public/help/requests/:receipt/confirm', summary: 'Confirm the request is solved and rate the service (books the helper’s points)', tags, access: 'public', params: receiptParams, body: confirmBody, handler: ({ ctx, params, body }) => requests.residentActByReceipt(ctx, params.receipt, { action: 'confirm', ...body }) }),
  route({ method: 'POST', url: '/api/public/help/requests/:receipt/reopen', summary: 'Say the request is not solved: it goes back to the member who took it', tags, access: 'public', params: receiptParams, body: reasonBody, handler: ({ ctx, params, body }) => requests.residentActByReceipt(ctx, params.receipt, { action: 'reopen', reason: body.reason }) }),

  // ——— residents with an account ———
  route({
    method: 'POST', url: '/api/help/requests', summary: 'Ask for help where one has a role (a grid, village or community)', tags, access: 'help.request', body: accountFileBody,
    async handler({ ctx, body, reply }) {
      reply.code(201);
      return requests.fileByAccount(ctx, { ...body, category: body.category as HelpCategory });
    },
  }),
  route({ method: 'GET', url: '/api/help/places/mine', summary: 'Where I may ask for help logged in: the villages of my roles with their grids, and where I registered to live', tags, access: 'session', handler: ({ ctx }) => requests.myPlaces(ctx) }),
  route({ method: 'GET', url: '/api/help/requests/mine', summary: 'The help requests I filed, newest first', tags, access: 'session', query: mineQuery, handler: ({ ctx, query }) => requests.myRequests(ctx, query) }),
  route({ method: 'GET', url: '/api/help/requests', summary: 'Help requests of my villages (or a subtree), newest first, overdue flagged', tags, access: 'help.read', query: listQuery, handler: ({ ctx, query }) => requests.listVillageRequests(ctx, query) }),
  route({ method: 'GET', url: '/api/help/requests/:id', summary: 'One help request (mine, matched to me, taken by me, or of my village)', tags, access: 'session', params: idParams, handler: ({ ctx, params }) => requests.getHelpRequest(ctx, params.id) }),
  route({
    method: 'POST', url: '/api/help/requests/:id/photos', summary: 'Add a photo to my own request', tags, access: 'session', params: idParams, upload: true,
    async handler({ ctx, params, req, reply }) {
      const data = await uploaded(req);
      reply.code(201);
      return photos.addPhotoByAccount(ctx, params.id, data);
    },
  }),
  route({
    method: 'GET', url: '/api/help/requests/:id/photos/:photoId', summary: 'A photo of a help request', tags, access: 'session', params: photoParams,
    async handler({ ctx, params, reply }) {
      const photo = await photos.getPhoto(ctx, params.id, params.photoId);
      reply.header('content-type', photo.mime).header('cache-control', 'private, max-age=3600');
      return Buffer.from(photo.data);
    },
  }),
  route({ method: 'POST', url: '/api/help/requests/:id/confirm', summary: 'Confirm my request is solved and rate the service', tags, access: 'session', params: idParams, body: confirmBody, handler: ({ ctx, params, body }) => requests.residentActByAccount(ctx, params.id, { action: 'confirm', ...body }) }),
  route({ method: 'POST', url: '/api/help/requests/:id/reopen', summary: 'Say my request is not solved', tags, access: 'session', params: idParams, body: reasonBody, handler: ({ ctx, params, body }) => requests.residentActByAccount(ctx, params.id, { action: 'reopen', reason: body.reason }) }),

  // ——— members serving ———
  route({ method: 'GET', url: '/api/help/queue', summary: 'Requests matching me that nobody has taken, and those I took', tags, access: 'help.serve', query: listQuery, handler: ({ ctx, query }) => requests.myQueue(ctx, query) }),
  route({ method: 'POST', url: '/api/help/requests/:id/accept', summary: 'Take a request (the first to accept gets it; later ones get 409)', tags, access: 'help.serve', params: idParams, handler: ({ ctx, params }) => requests.act(ctx, params.id, 'accept', '') }),
  route({ method: 'POST', url: '/api/help/requests/:id/start', summary: 'Start work on a request I took', tags, access: 'help.serve', params: idParams, handler: ({ ctx, params }) => requests.act(ctx, params.id, 'start', '') }),
  route({ method: 'POST', url: '/api/help/requests/:id/resolve', summary: 'Mark a request I took as resolved, with what was done', tags, access: 'help.serve', params: idParams, body: noteBody, handler: ({ ctx, params, body }) => requests.act(ctx, params.id, 'resolve', body.note) }),
  route({ method: 'POST', url: '/api/help/requests/:id/close', summary: 'Close a request with a reason', tags, access: 'help.manage', params: idParams, body: reasonBody, handler: ({ ctx, params, body }) => requests.act(ctx, params.id, 'close', body.reason) }),
  route({ method: 'GET', url: '/api/help/residence', summary: 'My residence registration (双报到), if any', tags, access: 'help.serve', handler: ({ ctx }) => residence.myResidence(ctx) }),
  route({ method: 'POST', url: '/api/help/residence', summary: 'Register where I live, with my specialties and the hours I can help', tags, access: 'help.serve', body: residenceBody, handler: ({ ctx, body }) => residence.register(ctx, body) }),
  route({ method: 'POST', url: '/api/help/residence/end', summary: 'End my residence registration', tags, access: 'help.serve', handler: ({ ctx }) => residence.endRegistration(ctx) }),
  route({ method: 'GET', url: '/api/help/places', summary: 'Grids, villages and communities to register at, by name or code', tags, access: 'help.serve', query: placesQuery, handler: ({ ctx, query }) => residence.places(ctx, query) }),
  route({ method: 'GET', url: '/api/help/residents', summary: 'Members registered to live in my villages (phones masked)', tags, access: 'help.read', query: residentsQuery, handler: ({ ctx, query }) => residence.listResidents(ctx, query) }),
];
