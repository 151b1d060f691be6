// The API of campaigns and the review pipeline up to 待公示: setting up campaigns and quotas,
// entering and nominating candidates, the self-evaluation, each step of the pipeline, the lists
// and the reminders. A member's own routes need a session (the service finds their record and
// the pipeline table decides the rest); the publishing, objections and results are in routes-notice.ts.
import { z } from 'zod';
import { CAMPAIGN_KINDS, CANDIDATE_CATEGORIES, CANDIDATE_STATES, isValidYmd, STAR_DIMENSIONS } from '@xianfeng/domain';
import { route, type RouteSpec } from '../../core/http.ts';
import { idParams, pageQuery } from '../../core/schemas.ts';
import { createCampaign, getCampaign, listCampaigns, replaceCampaignQuotas, updateCampaign } from './campaigns.ts';
import { CANDIDATE_ACTIONS, enterFiveStar, getCandidate, listCandidates, myCampaigns, nominate } from './candidates.ts';
import { getSelfEvaluation, saveSelfEvaluation } from './self-evaluation.ts';
import { takeAction } from './actions.ts';
import { todo } from './todo.ts';

const tags = ['campaigns'];
const id = z.number().int().positive();
const day = z.string().refine(isValidYmd, { error: 'date.invalid' });
const year = z.string().regex(/^\d{4}$/);
const count = z.number().int().min(0).max(100_000);

const deadlines = z
  .object({ selfEvaluation: day.nullable(), branchRecommendation: day.nullable(), committeeReview: day.nullable(), leadingGroup: day.nullable() })
  .partial();
const quotas = z.array(z.object({ unitId: id, category: z.enum(CANDIDATE_CATEGORIES), quota: z.number().int().min(0).max(100_000) })).max(1000);

export const campaignRoutes: RouteSpec[] = [
  // ——— a member's own ———
  route({ method: 'GET', url: '/api/campaigns/my', summary: 'My candidacies, and the open five-star evaluations I may enter', tags, access: 'session', handler: ({ ctx }) => myCampaigns(ctx) }),
  route({ method: 'GET', url: '/api/campaigns/todo', summary: 'Candidates waiting for a step I can take, overdue and due soon first', tags, access: 'session', handler: ({ ctx }) => todo(ctx) }),
  route({
    method: 'POST', url: '/api/campaigns/:id/candidacy', summary: 'Enter a five-star evaluation myself: the self-evaluation starts, with the stars the ledger shows now', tags, access: 'session', params: idParams,
    async handler({ ctx, params, reply }) {
      reply.code(201);
      return enterFiveStar(ctx, params.id);
    },
  }),

  // ——— campaigns ———
  route({
    method: 'POST', url: '/api/campaigns', summary: 'Set up a five-star evaluation or a commendation round, with stage deadlines and quotas', tags, access: 'evaluation.manage',
    body: z.object({
      unitId: id,
      kind: z.enum(CAMPAIGN_KINDS),
      period: year,
      title: z.string().trim().min(1).max(100),
      noticeDays: z.number().int().min(1).max(60).default(5),
      deadlines: deadlines.optional(),
      quotas: quotas.default([]),
    }),
    async handler({ ctx, body, reply }) {
      reply.code(201);
      return createCampaign(ctx, body);
    },
  }),
  route({ method: 'GET', url: '/api/campaigns', summary: 'Campaigns organized in my scope, and those above my units that my candidates go through', tags, access: 'evaluation.read', query: z.object({ unitId: z.coerce.number().int().positive().optional(), period: year.optional() }), handler: ({ ctx, query }) => listCampaigns(ctx, query) }),
  route({ method: 'GET', url: '/api/campaigns/:id', summary: 'A campaign: deadlines, counts per state and category, quotas with the places used', tags, access: 'evaluation.read', params: idParams, handler: ({ ctx, params }) => getCampaign(ctx, params.id) }),
  route({
    method: 'PATCH', url: '/api/campaigns/:id', summary: 'Change the title, deadlines or notice days while the campaign is open', tags, access: 'evaluation.manage', params: idParams,
    body: z.object({ title: z.string().trim().min(1).max(100).optional(), noticeDays: z.number().int().min(1).max(60).optional(), deadlines: deadlines.optional() }),
    handler: ({ ctx, params, body }) => updateCampaign(ctx, params.id, body),
  }),
  route({ method: 'PUT', url: '/api/campaigns/:id/quotas', summary: 'Replace the quotas (places per unit and category) while the campaign is open', tags, access: 'evaluation.manage', params: idParams, body: z.object({ quotas }), handler: ({ ctx, params, body }) => replaceCampaignQuotas(ctx, params.id, body.quotas) }),

  // ——— candidates ———
  route({
    method: 'POST', url: '/api/campaigns/:id/candidates', summary: 'Nominate a member or an organization for a commendation (the branch of its home unit)', tags, access: 'evaluation.recommend', params: idParams,
    body: z.object({ category: z.enum(CANDIDATE_CATEGORIES), memberId: id.optional(), unitId: id.optional(), nomination: z.string().trim().min(1).max(2000) }),
    async handler({ ctx, params, body, reply }) {
      reply.code(201);
      return nominate(ctx, params.id, body);
    },
  }),
  route({
    method: 'GET', url: '/api/campaigns/:id/candidates', summary: 'The candidates of a campaign in my scope', tags, access: 'evaluation.read', params: idParams,
    query: z.object({ state: z.enum(CANDIDATE_STATES).optional(), category: z.enum(CANDIDATE_CATEGORIES).optional(), unitId: z.coerce.number().int().positive().optional(), ...pageQuery }),
    handler: ({ ctx, params, query }) => listCandidates(ctx, params.id, query),
  }),
  route({ method: 'GET', url: '/api/campaigns/candidates/:id', summary: 'One candidate: self-evaluation, votes, the dossier, and the steps I may take now', tags, access: 'session', params: idParams, handler: ({ ctx, params }) => getCandidate(ctx, params.id) }),
  route({ method: 'GET', url: '/api/campaigns/candidates/:id/self-evaluation', summary: 'The self-evaluation of a five-star candidate, dimension by dimension', tags, access: 'session', params: idParams, handler: ({ ctx, params }) => getSelfEvaluation(ctx, params.id) }),
  route({
    method: 'PUT', url: '/api/campaigns/candidates/:id/self-evaluation', summary: 'Save my self-evaluation (and submit it with submit: true); locked once submitted', tags, access: 'session', params: idParams,
    body: z.object({
      dimensions: z.array(z.object({ dimension: z.enum(STAR_DIMENSIONS), claimed: z.boolean(), statement: z.string().trim().max(500).default(''), evidenceIds: z.array(id).max(20).optional() })).max(STAR_DIMENSIONS.length),
      submit: z.boolean().default(false),
    }),
    handler: ({ ctx, params, body }) => saveSelfEvaluation(ctx, params.id, body),
  }),
  route({
    method: 'POST', url: '/api/campaigns/candidates/:id/actions', summary: 'Take a step of the pipeline: submit, withdraw, recommend (with the vote), decline, approve, decide, reject or return (with a reason)', tags, access: 'session', params: idParams,
    body: z.object({
      action: z.enum(CANDIDATE_ACTIONS),
      reason: z.string().trim().max(500).nullable().optional(),
      votes: z.object({ eligible: count, present: count, inFavour: count, against: count, abstain: count }).optional(),
      meetingOn: day.optional(),
      stars: z.array(z.enum(STAR_DIMENSIONS)).max(STAR_DIMENSIONS.length).optional(),
    }),
    handler: ({ ctx, params, body }) => takeAction(ctx, params.id, body),
  }),
];
