// The five-star API: schemes per unit and period, the preview of a subtree (and its Excel export),
// a member's stars with 点亮一颗星, and the working-day calendar.
import { z } from 'zod';
import { route, type RouteSpec } from '../../core/http.ts';
import { idParams } from '../../core/schemas.ts';
import * as schemes from './scheme.ts';
import * as previews from './preview.ts';
import * as progress from './progress.ts';
import * as calendar from './calendar.ts';
import { periodQuery, previewQuery, putCalendar, putScheme, schemeQuery, year } from './schemas.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['stars'];

export const starRoutes: RouteSpec[] = [
  route({ method: 'GET', url: '/api/stars/scheme', summary: 'The five-star scheme in force for a unit and period, and where it comes from (own, inherited, default)', tags, access: 'evaluation.read', query: schemeQuery, handler: ({ ctx, query }) => schemes.getScheme(ctx, query.unitId, query.period) }),
  route({ method: 'PUT', url: '/api/stars/scheme', summary: 'Set a unit’s own scheme for a period (rule codes checked against the unit’s rules)', tags, access: 'evaluation.manage', body: putScheme, handler: ({ ctx, body }) => schemes.saveScheme(ctx, body) }),
  route({ method: 'DELETE', url: '/api/stars/scheme', summary: 'Remove a unit’s own scheme for a period: the inherited one applies again', tags, access: 'evaluation.manage', query: schemeQuery, handler: ({ ctx, query }) => schemes.removeScheme(ctx, query.unitId, query.period) }),
  route({ method: 'GET', url: '/api/stars/preview', summary: 'The stars each member of a subtree would get now: a page of members, and counts per number of stars', tags, access: 'evaluation.read', query: previewQuery, handler: ({ ctx, query }) => previews.preview(ctx, query) }),
  route({
    method: 'GET', url: '/api/stars/preview/export', summary: 'The preview of the whole subtree as .xlsx', tags, access: 'evaluation.read', query: schemeQuery,
    async handler({ ctx, query, reply }) {
      const file = await previews.exportPreview(ctx, query);
      reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="stars.xlsx"; filename*=UTF-8''${encodeURIComponent(file.name)}.xlsx`);
      return file.buffer;
    },
  }),
  route({ method: 'GET', url: '/api/stars/my', summary: 'My stars now, the star closest to lighting (点亮一颗星), and my final stars of recent periods', tags, access: 'session', query: periodQuery, handler: ({ ctx, query }) => progress.myStars(ctx, query.period) }),
  route({ method: 'GET', url: '/api/stars/members/:id', summary: 'A member’s stars now, the star closest to lighting, and final stars of recent periods', tags, access: 'evaluation.read', params: idParams, query: periodQuery, handler: ({ ctx, params, query }) => progress.memberStars(ctx, params.id, query.period) }),
  route({ method: 'GET', url: '/api/stars/calendar', summary: 'Public holidays and make-up working days (调休) of a year', tags, access: 'session', query: z.object({ year }), handler: ({ ctx, query }) => calendar.getCalendar(ctx, query.year) }),
  route({ method: 'PUT', url: '/api/stars/calendar', summary: 'Set a year’s holidays and make-up working days (system administrators)', tags, access: 'evaluation.manage', body: putCalendar, handler: ({ ctx, body }) => calendar.setCalendar(ctx, body) }),
];
