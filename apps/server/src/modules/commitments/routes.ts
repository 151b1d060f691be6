// The commitments API: /api/commitments/my… for a member acting on their own behalf (a session is
// enough; the service finds their member record), /api/commitments/members/:id… for a secretary
// entering on behalf of a member of their scope, the member cards (any logged-in person of the
// member's village or community), and the comparison of a subtree (points.read).
import { route, type RouteSpec } from '../../core/http.ts';
import * as cards from './cards.ts';
import * as commitments from './commitments.ts';
import { compare, exportCompare } from './compare.ts';
import { cardParams, cardsQuery, commitmentBody, compareQuery, exportQuery, memberParams, updateBody } from './schemas.ts';

const tags = ['commitments'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string) => `attachment; filename="commitments.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}.xlsx`;

export const commitmentRoutes: RouteSpec[] = [
  route({ method: 'GET', url: '/api/commitments/my', summary: 'My commitment of this year, its progress updates and my card as others see it', tags, access: 'session', handler: ({ ctx }) => commitments.myCommitment(ctx) }),
  route({ method: 'PUT', url: '/api/commitments/my', summary: 'Publish or revise my commitment of this year', tags, access: 'session', body: commitmentBody, handler: ({ ctx, body }) => commitments.publishMine(ctx, body.content) }),
  route({
    method: 'POST', url: '/api/commitments/my/updates', summary: 'Add a progress update to my commitment of this year', tags, access: 'session', body: updateBody,
    async handler({ ctx, body, reply }) {
      reply.code(201);
      return commitments.addMyUpdate(ctx, body.content);
    },
  }),
  route({ method: 'PUT', url: '/api/commitments/members/:id', summary: 'Publish or revise a member’s commitment on their behalf', tags, access: 'points.approve', params: memberParams, body: commitmentBody, handler: ({ ctx, params, body }) => commitments.publishFor(ctx, params.id, body.content) }),
  route({
    method: 'POST', url: '/api/commitments/members/:id/updates', summary: 'Add a progress update on a member’s behalf', tags, access: 'points.approve', params: memberParams, body: updateBody,
    async handler({ ctx, params, body, reply }) {
      reply.code(201);
      return commitments.addUpdateFor(ctx, params.id, body.content);
    },
  }),
  route({ method: 'GET', url: '/api/commitments/compare', summary: '比作风、比贡献: every member of a subtree with the year’s conduct, contribution, commitment and stars', tags, access: 'points.read', query: compareQuery, handler: ({ ctx, query }) => compare(ctx, query) }),
  route({
    method: 'GET', url: '/api/commitments/compare/export', summary: 'The comparison as .xlsx', tags, access: 'points.read', query: exportQuery,
    async handler({ ctx, query, reply }) {
      const file = await exportCompare(ctx, query);
      reply.header('content-type', XLSX).header('content-disposition', attachment(file.name));
      return file.buffer;
    },
  }),
  route({ method: 'GET', url: '/api/cards', summary: 'Member cards of a unit’s subtree (default: my village or community), commitments first', tags, access: 'session', query: cardsQuery, handler: ({ ctx, query }) => cards.listCards(ctx, query) }),
  route({ method: 'GET', url: '/api/cards/:memberId', summary: 'One member’s card with every progress update of this year', tags, access: 'session', params: cardParams, handler: ({ ctx, params }) => cards.getCard(ctx, params.memberId) }),
];
