// The mediation API (人民调解, 金牌和事佬). The pool and the registry of cases are kept by the
// supervisors (mediation.manage on the unit); a case itself is reached by its supervisors and by
// the mediators assigned to it, whatever their roles, so those routes need only a session and
// the service decides (policy.ts); figures without names need mediation.read.
import { z } from 'zod';
import { CASE_STATUSES } from '@xianfeng/domain';
import { route, type RouteSpec } from '../../core/http.ts';
import { idParams, pageQuery } from '../../core/schemas.ts';
import { agreementPdf } from './agreement.ts';
import * as cases from './cases.ts';
import * as mediators from './mediators.ts';
import {
  agreementBody, assignBody, caseBody, caseListQuery, declarationBody, failBody, mediatorBody, mediatorListQuery, mediatorPatch, noteBody, partyParams, reassignBody, sessionBody, statsQuery,
  unassignBody, visitBody,
} from './schemas.ts';
import { stats } from './stats.ts';

const tags = ['mediation'];
/** 'open': every case not yet closed. */
const mineQuery = z.object({ status: z.enum([...CASE_STATUSES, 'open']).optional(), ...pageQuery });
const named = (name: string) => `inline; filename="agreement.pdf"; filename*=UTF-8''${encodeURIComponent(name)}.pdf`;

export const mediationRoutes: RouteSpec[] = [
  route({ method: 'GET', url: '/api/mediation/mediators', summary: 'The mediator pool kept in a unit’s subtree (optionally those covering a unit)', tags, access: 'mediation.manage', query: mediatorListQuery, handler: ({ ctx, query }) => mediators.listMediators(ctx, query) }),
  route({
    method: 'POST', url: '/api/mediation/mediators', summary: 'Choose a member as mediator (金牌和事佬), with specialties and the units covered', tags, access: 'mediation.manage', body: mediatorBody,
    async handler({ ctx, body, reply }) {
      reply.code(201);
      return mediators.addMediator(ctx, body);
    },
  }),
  route({ method: 'PATCH', url: '/api/mediation/mediators/:id', summary: 'Change a mediator’s specialties, areas or note; end or resume their service', tags, access: 'mediation.manage', params: idParams, body: mediatorPatch, handler: ({ ctx, params, body }) => mediators.updateMediator(ctx, params.id, body) }),
  route({
    // A session only: the service refuses anyone without mediation.manage with a message that says so.
    method: 'POST', url: '/api/mediation/cases', summary: 'Register a dispute case (受理) with its parties', tags, access: 'session', body: caseBody,
    async handler({ ctx, body, reply }) {
      reply.code(201);
      return cases.registerCase(ctx, body);
    },
  }),
  route({ method: 'GET', url: '/api/mediation/cases', summary: 'Cases of the villages I supervise (no party names), newest first', tags, access: 'mediation.manage', query: caseListQuery, handler: ({ ctx, query }) => cases.listCases(ctx, query) }),
  route({ method: 'GET', url: '/api/mediation/cases/mine', summary: 'My queue as a mediator: the cases I am assigned to', tags, access: 'session', query: mineQuery, handler: ({ ctx, query }) => cases.myCases(ctx, query) }),
  route({ method: 'GET', url: '/api/mediation/cases/:id', summary: 'One case in full (supervisors and assigned mediators only; every view audited)', tags, access: 'session', params: idParams, handler: ({ ctx, params }) => cases.getCase(ctx, params.id) }),
  route({ method: 'POST', url: '/api/mediation/cases/:id/parties/:partyId/phone', summary: 'A party’s phone in full (audited)', tags, access: 'session', params: partyParams, handler: ({ ctx, params }) => cases.revealPhone(ctx, params.id, params.partyId) }),
  route({ method: 'POST', url: '/api/mediation/cases/:id/declarations', summary: 'Record a mediator’s declaration of (no) conflict of interest with the parties', tags, access: 'mediation.manage', params: idParams, body: declarationBody, handler: ({ ctx, params, body }) => cases.declare(ctx, params.id, body) }),
  route({ method: 'POST', url: '/api/mediation/cases/:id/assign', summary: 'Assign a mediator who declared no conflict of interest', tags, access: 'mediation.manage', params: idParams, body: assignBody, handler: ({ ctx, params, body }) => cases.assign(ctx, params.id, body.mediatorId) }),
  route({ method: 'GET', url: '/api/mediation/cases/:id/candidates', summary: 'The serving mediators whose area contains the case’s village, from any pool, with their open cases and declarations', tags, access: 'mediation.manage', params: idParams, handler: ({ ctx, params }) => cases.candidates(ctx, params.id) }),
  route({ method: 'POST', url: '/api/mediation/cases/:id/reassign', summary: 'Take the case from one mediator and give it to another who declared no conflict of interest (reason required)', tags, access: 'mediation.manage', params: idParams, body: reassignBody, handler: ({ ctx, params, body }) => cases.reassign(ctx, params.id, body) }),
  route({ method: 'POST', url: '/api/mediation/cases/:id/unassign', summary: 'Take the case from a mediator, back to the queue awaiting one (reason required)', tags, access: 'mediation.manage', params: idParams, body: unassignBody, handler: ({ ctx, params, body }) => cases.unassign(ctx, params.id, body) }),
  route({ method: 'POST', url: '/api/mediation/cases/:id/sessions', summary: 'Record a mediation session (date, place, attendees, notes)', tags, access: 'session', params: idParams, body: sessionBody, handler: ({ ctx, params, body }) => cases.addSession(ctx, params.id, body) }),
  route({ method: 'PUT', url: '/api/mediation/cases/:id/agreement', summary: 'Draft the agreement: numbered terms and how and by when they are carried out', tags, access: 'session', params: idParams, body: agreementBody, handler: ({ ctx, params, body }) => cases.saveAgreement(ctx, params.id, body) }),
  route({
    method: 'GET', url: '/api/mediation/cases/:id/agreement.pdf', summary: 'The agreement (人民调解协议书) as PDF for signing', tags, access: 'session', params: idParams,
    async handler({ ctx, params, reply }) {
      const { pdf, name } = await agreementPdf(ctx, params.id);
      reply.header('content-type', 'application/pdf').header('content-disposition', named(name)).header('cache-control', 'private, no-store');
      return pdf;
    },
  }),
  route({ method: 'POST', url: '/api/mediation/cases/:id/start', summary: 'Begin mediation (受理 → 调解中)', tags, access: 'session', params: idParams, body: noteBody, handler: ({ ctx, params, body }) => cases.act(ctx, params.id, 'start', body) }),
  route({ method: 'POST', url: '/api/mediation/cases/:id/agree', summary: 'Record the agreement reached (调解中 → 达成协议)', tags, access: 'session', params: idParams, body: noteBody, handler: ({ ctx, params, body }) => cases.act(ctx, params.id, 'agree', body) }),
  route({ method: 'POST', url: '/api/mediation/cases/:id/fail', summary: 'Record that mediation failed and where the dispute is referred (调解中 → 调解不成)', tags, access: 'session', params: idParams, body: failBody, handler: ({ ctx, params, body }) => cases.act(ctx, params.id, 'fail', body) }),
  route({ method: 'POST', url: '/api/mediation/cases/:id/visit', summary: 'Record the follow-up visit (回访): date and outcome', tags, access: 'session', params: idParams, body: visitBody, handler: ({ ctx, params, body }) => cases.act(ctx, params.id, 'visit', body) }),
  route({ method: 'POST', url: '/api/mediation/cases/:id/close', summary: 'Close the case file after the follow-up visit (supervisors)', tags, access: 'session', params: idParams, body: noteBody, handler: ({ ctx, params, body }) => cases.act(ctx, params.id, 'close', body) }),
  route({ method: 'POST', url: '/api/mediation/cases/:id/withdraw', summary: 'Close a case the parties withdrew before mediation began (supervisors)', tags, access: 'session', params: idParams, body: noteBody, handler: ({ ctx, params, body }) => cases.act(ctx, params.id, 'withdraw', body) }),
  route({ method: 'GET', url: '/api/mediation/stats', summary: 'Figures without names: cases by type, state and outcome, median days to agreement, agreement rate', tags, access: 'mediation.read', query: statsQuery, handler: ({ ctx, query }) => stats(ctx, query) }),
];
