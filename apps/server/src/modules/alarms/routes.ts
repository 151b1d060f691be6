// The alarms API: raise the alarm where one has a role (alarm.raise), add photos and see one's
// own alarms (a session: the service checks it is one's own, or one answers for the unit); see the
// alarms of one's units (warning.read); take them up, close them or turn them into a warning
// (warning.issue on the alarm's unit).
import { route, type RouteSpec } from '../../core/http.ts';
import { AppError } from '../../core/errors.ts';
import { idParams } from '../../core/schemas.ts';
import * as alarms from './alarms.ts';
import * as photos from './photos.ts';
import { listQuery, mineQuery, noteBody, photoParams, promoteBody, raiseBody } from './schemas.ts';

const tags = ['alarms'];

export const alarmRoutes: RouteSpec[] = [
  route({
    method: 'POST', url: '/api/alarms', summary: 'Raise the alarm (上报): tells the unit’s and every higher unit’s responsible people at once', tags, access: 'alarm.raise', body: raiseBody,
    async handler({ ctx, body, reply }) {
      reply.code(201);
      return alarms.raiseAlarm(ctx, body);
    },
  }),
  route({ method: 'GET', url: '/api/alarms', summary: 'Alarms of my units (or a subtree), newest first', tags, access: 'warning.read', query: listQuery, handler: ({ ctx, query }) => alarms.listAlarms(ctx, query) }),
  route({ method: 'GET', url: '/api/alarms/mine', summary: 'The alarms I raised, newest first', tags, access: 'session', query: mineQuery, handler: ({ ctx, query }) => alarms.myAlarms(ctx, query) }),
  route({ method: 'GET', url: '/api/alarms/:id', summary: 'One alarm with its photos (my own, or one of my units)', tags, access: 'session', params: idParams, handler: ({ ctx, params }) => alarms.getAlarm(ctx, params.id) }),
  route({
    method: 'POST', url: '/api/alarms/:id/photos', summary: 'Add a photo (JPEG, PNG or WebP, at most 5 MB, six per alarm)', tags, access: 'session', params: idParams, upload: true,
    async handler({ ctx, params, req, reply }) {
      const part = req.isMultipart() ? await req.file() : undefined;
      if (!part) throw new AppError(400, 'error.file_required');
      const buffer = await part.toBuffer();
      reply.code(201);
      return photos.addPhoto(ctx, params.id, buffer);
    },
  }),
  route({
    method: 'GET', url: '/api/alarms/:id/photos/:photoId', summary: 'A photo of an alarm', tags, access: 'session', params: photoParams,
    async handler({ ctx, params, reply }) {
      const photo = await photos.getPhoto(ctx, params.id, params.photoId);
      reply.header('content-type', photo.mime).header('cache-control', 'private, max-age=3600');
      return Buffer.from(photo.data);
    },
  }),
  route({ method: 'POST', url: '/api/alarms/:id/handle', summary: 'Take an alarm up (open → handling)', tags, access: 'warning.issue', params: idParams, body: noteBody, handler: ({ ctx, params, body }) => alarms.act(ctx, params.id, 'handle', body.note) }),
  route({ method: 'POST', url: '/api/alarms/:id/close', summary: 'Close an alarm', tags, access: 'warning.issue', params: idParams, body: noteBody, handler: ({ ctx, params, body }) => alarms.act(ctx, params.id, 'close', body.note) }),
  route({
    method: 'POST', url: '/api/alarms/:id/promote', summary: 'Turn an alarm into a warning covering its unit (or the areas chosen)', tags, access: 'warning.issue', params: idParams, body: promoteBody,
    async handler({ ctx, params, body, reply }) {
      reply.code(201);
      return alarms.promote(ctx, params.id, body);
    },
  }),
];
