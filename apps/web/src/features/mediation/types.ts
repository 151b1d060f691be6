// The shapes of the mediation API (apps/server/src/modules/mediation), as the web app sees them.
import type { CaseAction, CaseStatus, DisputeType, PartyRole, Referral, StaffingAction } from '@xianfeng/domain';

export type { CaseAction, CaseStatus, DisputeType, PartyRole, Referral, StaffingAction };

export interface Mediator {
  id: number;
  memberId: number;
  name: string;
  memberUnitName: string;
  phoneMasked: string;
  unitId: number;
  unitName: string;
  specialties: string[];
  areas: { id: number; name: string }[];
  note: string;
  status: 'active' | 'ended';
  openCases: number;
  createdAt: string;
  endedAt: string | null;
}

/** A mediator who may be chosen for a case: their area contains its village, whichever pool keeps them. */
export interface Candidate {
  id: number;
  name: string;
  specialties: string[];
  /** The pool (village, town) that keeps the mediator. */
  unitId: number;
  unitName: string;
  /** Cases not yet closed they are assigned to: how busy they are. */
  openCases: number;
  assigned: boolean;
  /** What they last declared about this case, if anything. */
  declaration: { conflict: boolean; declaredAt: string } | null;
}

export interface MediatorInput {
  unitId: number;
  memberId: number;
  specialties: string[];
  areaUnitIds: number[];
  note: string;
}

/** A case as lists show it: no party names, no summary. */
export interface CaseListItem {
  id: number;
  number: string;
  unitId: number;
  unitName: string;
  type: DisputeType | (string & {});
  status: CaseStatus;
  outcome: 'agreed' | 'failed' | null;
  acceptedAt: string;
  updatedAt: string;
  parties: number;
  mediators: { id: number; name: string }[];
}

export interface CasePage {
  total: number;
  page: number;
  pageSize: number;
  items: CaseListItem[];
}

export interface MyCasePage extends CasePage {
  mediator: { id: number } | null;
}

export interface Party {
  id: number;
  role: PartyRole;
  name: string;
  relation: string;
  address: string;
  phoneMasked: string;
}

export interface PartyInput {
  role: PartyRole;
  name: string;
  relation: string;
  address: string;
  phone: string;
}

export interface CaseInput {
  unitId: number;
  type: string;
  summary: string;
  parties: PartyInput[];
}

export interface CaseDetail {
  id: number;
  number: string;
  unitId: number;
  unitName: string;
  type: string;
  summary: string;
  status: CaseStatus;
  registeredBy: string | null;
  acceptedAt: string;
  startedAt: string | null;
  outcome: 'agreed' | 'failed' | null;
  outcomeAt: string | null;
  referral: Referral | null;
  referralNote: string | null;
  terms: string[];
  performance: string;
  visitOn: string | null;
  visitOutcome: string | null;
  closedAt: string | null;
  closeNote: string | null;
  parties: Party[];
  mediators: { id: number; name: string; phoneMasked: string; status: string; assignedAt: string; assignedBy: string | null }[];
  declarations: { id: number; mediatorId: number; mediatorName: string; conflict: boolean; statement: string; declaredAt: string; recordedBy: string | null }[];
  sessions: { id: number; heldOn: string; place: string; attendees: string; notes: string; recordedBy: string | null; createdAt: string }[];
  timeline: { id: number; action: string; from: CaseStatus | null; to: CaseStatus; actor: string | null; note: string; at: string }[];
  /** What I may do: the steps of the case's life, and (supervisors) the changes to its mediators. */
  you: { supervisor: boolean; mediator: boolean; actions: CaseAction[]; staffing: StaffingAction[] };
  agreementReady: boolean;
}

export interface MediationStats {
  unitId: number;
  year: string | null;
  total: number;
  byType: Record<string, number>;
  byStatus: Record<CaseStatus, number>;
  byOutcome: { agreed: number; failed: number; withdrawn: number; open: number };
  medianDaysToAgreement: number | null;
  agreementRate: number | null;
  byUnit: { unitId: number; unitName: string; cases: number; agreed: number }[];
}
