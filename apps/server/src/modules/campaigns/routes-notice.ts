// The API of 公示, 群众监督 and the results: publishing and closing a campaign's notice, the public
// pages (no login: the notices, filing an objection, following it with its receipt code, the honor
// roll), handling objections, results, exports and printable PDFs.
import { z } from 'zod';
import { isValidYmd, OBJECTION_STATES } from '@xianfeng/domain';
import { route, type RouteSpec } from '../../core/http.ts';
import { idParams } from '../../core/schemas.ts';
import { closeCampaign, publicNotice, publicNotices, publishNotice } from './notice.ts';
import { fileObjection, handleObjection, listObjections, lookupReceipt } from './objections.ts';
import { campaignResults, publicHonorRoll } from './results.ts';
import { exportHonorRoll, exportResults } from './excel.ts';
import { pdfRoutes } from './pdf-routes.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string, ext: string) => `attachment; filename="results.${ext}"; filename*=UTF-8''${encodeURIComponent(name)}.${ext}`;
const tags = ['campaigns'];
const day = z.string().refine(isValidYmd, { error: 'date.invalid' });
const unitCode = z.string().trim().min(1).max(40);

export const noticeRoutes: RouteSpec[] = [
  // ——— the leading group ———
  route({
    method: 'POST', url: '/api/campaigns/:id/publish-notice', summary: 'Publish the notice: every decided candidate goes into public notice for the campaign’s working days', tags, access: 'evaluation.decide',
    params: idParams, body: z.object({ start: day.optional() }),
    handler: ({ ctx, params, body }) => publishNotice(ctx, params.id, body),
  }),
  route({
    method: 'POST', url: '/api/campaigns/:id/close', summary: 'Close the campaign once the notice has run without open objections: candidates become final, stars and commendations are awarded', tags, access: 'evaluation.decide',
    params: idParams, handler: ({ ctx, params }) => closeCampaign(ctx, params.id),
  }),
  route({
    method: 'GET', url: '/api/campaigns/:id/objections', summary: 'Objections of a campaign (contact phones masked unless member.unmask)', tags, access: 'evaluation.review',
    params: idParams, query: z.object({ state: z.enum(OBJECTION_STATES).optional() }),
    handler: ({ ctx, params, query }) => listObjections(ctx, params.id, query.state),
  }),
  route({
    method: 'POST', url: '/api/campaigns/objections/:id/handle', summary: 'Handle an objection: dismiss it, or uphold it (the candidate is withdrawn or returned to the leading group); a reply is required', tags, access: 'evaluation.decide',
    params: idParams, body: z.object({ outcome: z.enum(['dismiss', 'uphold_withdraw', 'uphold_return']), reply: z.string().max(1000).optional() }),
    handler: ({ ctx, params, body }) => handleObjection(ctx, params.id, body),
  }),

  // ——— results and exports ———
  route({ method: 'GET', url: '/api/campaigns/:id/results', summary: 'The finals of a campaign by category, and how many candidates are in each state', tags, access: 'evaluation.read', params: idParams, handler: ({ ctx, params }) => campaignResults(ctx, params.id) }),
  route({
    method: 'GET', url: '/api/campaigns/:id/results/export', summary: 'Results, every candidate, their path through the pipeline and the objections as .xlsx', tags, access: 'evaluation.read', params: idParams,
    async handler({ ctx, params, reply }) {
      const file = await exportResults(ctx, params.id);
      reply.header('content-type', XLSX).header('content-disposition', attachment(file.name, 'xlsx'));
      return file.buffer;
    },
  }),
  route({
    method: 'GET', url: '/api/campaigns/:id/honor-roll/export', summary: 'The honor roll of a closed campaign as .xlsx', tags, access: 'evaluation.read', params: idParams,
    async handler({ ctx, params, reply }) {
      const file = await exportHonorRoll(ctx, params.id);
      reply.header('content-type', XLSX).header('content-disposition', attachment(file.name, 'xlsx'));
      return file.buffer;
    },
  }),
  ...pdfRoutes,

  // ——— public: no login ———
  route({ method: 'GET', url: '/api/public/notices', summary: 'Campaigns in public notice (optionally those organized within a unit, by code)', tags, access: 'public', query: z.object({ unit: unitCode.optional() }), handler: ({ ctx, query }) => publicNotices(ctx, query) }),
  route({ method: 'GET', url: '/api/public/notices/:id', summary: 'One notice: the candidates by name, unit, category and stars — nothing personal', tags, access: 'public', params: idParams, handler: ({ ctx, params }) => publicNotice(ctx, params.id) }),
  route({
    method: 'POST', url: '/api/public/objections', summary: 'File an objection about a candidate in public notice, by name or anonymously; answers with a receipt code. Limited per address', tags, access: 'public',
    body: z.object({
      candidateId: z.number().int().positive(),
      content: z.string().trim().min(10, { error: 'objection.content_length' }).max(1000, { error: 'objection.content_length' }),
      anonymous: z.boolean(),
      contactName: z.string().trim().max(30).nullable().optional(),
      contactPhone: z.string().max(30).nullable().optional(),
    }),
    async handler({ ctx, body, reply }) {
      reply.code(201);
      return fileObjection(ctx, body);
    },
  }),
  route({ method: 'GET', url: '/api/public/objections/:receipt', summary: 'Follow an objection with its receipt code: state, outcome, reply', tags, access: 'public', params: z.object({ receipt: z.string().max(20) }), handler: ({ ctx, params }) => lookupReceipt(ctx, params.receipt) }),
  route({
    method: 'GET', url: '/api/public/honor-roll', summary: 'The honor roll of a unit and the units below it: commendations and five-star members of closed campaigns', tags, access: 'public',
    query: z.object({ unit: unitCode, year: z.string().regex(/^\d{4}$/).optional() }),
    handler: ({ ctx, query }) => publicHonorRoll(ctx, query),
  }),
];
