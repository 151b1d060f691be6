// The mediation API contract: the mediator pool, dispute cases with their parties, declarations,
// assignments, sessions, the agreement and the steps of the case's life.
import { z } from 'zod';
import { CASE_STATUSES, DISPUTE_TYPE_VALUES, MAX_TERMS, PARTY_ROLES, REFERRAL_VALUES } from '@xianfeng/domain';
import { flag, pageQuery, ymd, text, positiveId as id } from '../../core/schemas.ts';

// ——— mediators ———

export const mediatorListQuery = z.object({
  unitId: id,
  /** Only the mediators whose area covers this unit (for choosing one for a case there). */
  covers: id.optional(),
  status: z.enum(['active', 'ended']).optional(),
});

export const mediatorBody = z.object({
  /** The village or town keeping this part of the pool. */
  unitId: z.number().int().positive(),
  memberId: z.number().int().positive(),
  specialties: z.array(text(20).min(1)).max(10).default([]),
  /** The units covered (each with everything below it); at least one. */
  areaUnitIds: z.array(z.number().int().positive()).min(1, { error: 'mediation.area_required' }).max(50),
  note: text(500).default(''),
});

export const mediatorPatch = z.object({
  specialties: z.array(text(20).min(1)).max(10).optional(),
  areaUnitIds: z.array(z.number().int().positive()).min(1, { error: 'mediation.area_required' }).max(50).optional(),
  note: text(500).optional(),
  status: z.enum(['active', 'ended']).optional(),
});

// ——— cases ———

const party = z.object({
  role: z.enum(PARTY_ROLES),
  name: text(50).min(1),
  /** How the party stands to the others or to the dispute, e.g. 邻居, 申请人之夫. */
  relation: text(50).default(''),
  address: text(200).default(''),
  /** Optional: a mainland mobile number, stored encrypted and shown masked. */
  phone: z.string().max(30).default(''),
});

export const caseBody = z.object({
  unitId: z.number().int().positive(),
  type: z.enum(DISPUTE_TYPE_VALUES as [string, ...string[]]),
  summary: text(4000).min(4),
  parties: z.array(party).min(2, { error: 'mediation.parties_count' }).max(10, { error: 'mediation.parties_count' }),
});

export const caseListQuery = z.object({
  unitId: id.optional(),
  /** 'open': every case not yet closed. */
  status: z.enum([...CASE_STATUSES, 'open']).optional(),
  /** Only the queue awaiting a mediator: cases before or in mediation with nobody assigned. */
  unassigned: flag,
  ...pageQuery,
});

export const declarationBody = z.object({
  mediatorId: z.number().int().positive(),
  conflict: z.boolean(),
  statement: text(1000).min(4, { error: 'mediation.statement_required' }),
});

export const assignBody = z.object({ mediatorId: z.number().int().positive() });

/** Why a case is taken from a mediator: kept in the timeline and the audit log. */
const reason = text(500).min(2, { error: 'mediation.reason_required' }).prefault('');
export const reassignBody = z.object({ fromMediatorId: z.number().int().positive(), toMediatorId: z.number().int().positive(), reason });
export const unassignBody = z.object({ mediatorId: z.number().int().positive(), reason });

export const sessionBody = z.object({
  heldOn: ymd,
  place: text(200).min(1),
  attendees: text(500).min(1),
  notes: text(4000).min(1),
});

export const agreementBody = z.object({
  terms: z.array(text(1000)).max(MAX_TERMS),
  performance: text(1000).default(''),
});

export const noteBody = z.object({ note: text(1000).default('') });
export const failBody = z.object({ referral: z.enum(REFERRAL_VALUES as [string, ...string[]]), note: text(1000).default('') });
export const visitBody = z.object({ visitOn: ymd, outcome: text(1000).min(2) });

export const partyParams = z.object({ id, partyId: id });
export const statsQuery = z.object({ unitId: id, year: z.string().regex(/^\d{4}$/).optional() });

export type MediatorBody = z.infer<typeof mediatorBody>;
export type MediatorPatch = z.infer<typeof mediatorPatch>;
export type CaseBody = z.infer<typeof caseBody>;
export type CaseListQuery = z.infer<typeof caseListQuery>;
export type DeclarationBody = z.infer<typeof declarationBody>;
export type ReassignBody = z.infer<typeof reassignBody>;
export type UnassignBody = z.infer<typeof unassignBody>;
export type SessionBody = z.infer<typeof sessionBody>;
export type AgreementBody = z.infer<typeof agreementBody>;
