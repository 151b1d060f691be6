// The shapes of the campaigns API (the review pipeline of 五星党员 and 表彰, its public notice,
// objections and results), as the web app sees them.
import type {
  CampaignKind, CandidateCategory, CandidateState, DeadlineStatus, ObjectionOutcome, ObjectionState, PipelineAction, StarDimension,
} from '@xianfeng/domain';

export type { CampaignKind, CandidateCategory, CandidateState, ObjectionOutcome, ObjectionState, PipelineAction, StarDimension };

export type DeadlineTag = DeadlineStatus;
export type CampaignStatus = 'open' | 'notice' | 'closed';

// ——— public: no login ———

export interface PublicNoticeSummary {
  id: number;
  title: string;
  kind: CampaignKind;
  period: string;
  organizer: string;
  noticeStart: string | null;
  noticeEnd: string | null;
  workingDaysLeft: number;
  ended: boolean;
}

export interface PublicNotices {
  today: string;
  items: Array<PublicNoticeSummary & { candidates: number }>;
}

export interface PublicCandidate {
  id: number;
  name: string;
  unitName: string;
  category: CandidateCategory;
  stars: StarDimension[] | null;
}

export interface PublicNotice extends PublicNoticeSummary {
  acceptsObjections: boolean;
  candidates: PublicCandidate[];
}

export interface ObjectionInput {
  candidateId: number;
  content: string;
  anonymous: boolean;
  contactName?: string | null;
  contactPhone?: string | null;
}

export interface ObjectionFiled {
  receiptCode: string;
  candidateName: string;
  campaignTitle: string;
  filedAt: string;
}

export interface ReceiptLookup {
  receiptCode: string;
  campaignTitle: string;
  candidateName: string;
  state: ObjectionState;
  outcome: ObjectionOutcome | null;
  reply: string | null;
  filedOn: string;
  handledOn: string | null;
}

export interface HonorRoll {
  unit: { code: string; name: string };
  items: Array<{
    id: number;
    title: string;
    kind: CampaignKind;
    year: string;
    organizer: string;
    closedOn: string | null;
    entries: Array<{ category: CandidateCategory; name: string; unitName: string; stars: StarDimension[] | null }>;
  }>;
}

// ——— notice, objections and results (logged in) ———

export interface PublishResult {
  id: number;
  status: 'notice';
  noticeStart: string;
  noticeEnd: string;
  noticeDays: number;
  published: number;
}

export interface CloseResult {
  id: number;
  status: 'closed';
  closedAt: string;
  finals: number;
  memberStars: number;
  commendations: number;
}

export interface Objection {
  id: number;
  receiptCode: string;
  candidate: { id: number; name: string; unitName: string; category: CandidateCategory; state: CandidateState };
  content: string;
  anonymous: boolean;
  contactName: string | null;
  /** Masked unless the reader may unmask personal data. */
  contactPhone: string | null;
  state: ObjectionState;
  outcome: ObjectionOutcome | null;
  reply: string | null;
  handledBy: string | null;
  handledAt: string | null;
  createdAt: string;
}

export interface Objections {
  campaignId: number;
  phonesUnmasked: boolean;
  open: number;
  items: Objection[];
}

export interface Final {
  candidateId: number;
  category: CandidateCategory;
  name: string;
  unitName: string;
  kind: 'member' | 'unit';
  memberId: number | null;
  unitId: number | null;
  stars: StarDimension[] | null;
  commendationId: number | null;
  certificateNo: string | null;
  awardedAt: string | null;
}

export interface Results {
  campaign: {
    id: number;
    title: string;
    kind: CampaignKind;
    period: string;
    status: CampaignStatus;
    organizer: { id: number; code: string; name: string };
    noticeStart: string | null;
    noticeEnd: string | null;
    closedAt: string | null;
  };
  byState: Partial<Record<CandidateState, number>>;
  groups: Array<{ category: CandidateCategory; items: Final[] }>;
}

export interface WorkCalendarYear {
  year: number;
  holidays: Array<{ day: string; note: string }>;
  workdays: Array<{ day: string; note: string }>;
}

export interface Items<T> {
  items: T[];
}


// ——— campaigns and candidates ———

export type CandidateAction = 'submit' | 'withdraw' | 'recommend' | 'decline' | 'approve' | 'decide' | 'reject' | 'return';
export type PipelineActor = 'candidate' | 'branch' | 'committee' | 'leading_group';

export interface Deadlines {
  selfEvaluation: string | null;
  branchRecommendation: string | null;
  committeeReview: string | null;
  leadingGroup: string | null;
}

export interface Campaign {
  id: number;
  title: string;
  kind: CampaignKind;
  period: string;
  status: CampaignStatus;
  unit: { id: number; code: string; name: string };
  noticeDays: number;
  noticeStart: string | null;
  noticeEnd: string | null;
  deadlines: Deadlines;
  createdAt: string;
  closedAt: string | null;
  /** In lists: how many candidates. */
  candidates?: number;
}

export interface Quota {
  unitId: number;
  unitCode: string;
  unitName: string;
  category: CandidateCategory;
  quota: number;
  used: number;
}

export interface QuotaInput {
  unitId: number;
  category: CandidateCategory;
  quota: number;
}

export interface CampaignDetail extends Campaign {
  categories: CandidateCategory[];
  total: number;
  byState: Record<CandidateState, number>;
  byCategory: Partial<Record<CandidateCategory, Record<CandidateState, number>>>;
  quotas: Quota[];
  /** The server's today (the notice and deadlines are counted in it). */
  today: string;
  can: { manage: boolean; review: boolean; decide: boolean };
}

export interface CampaignInput {
  unitId: number;
  kind: CampaignKind;
  period: string;
  title: string;
  noticeDays: number;
  deadlines?: Partial<Deadlines>;
  quotas: QuotaInput[];
}

export interface Votes {
  eligible: number;
  present: number;
  inFavour: number;
  against: number;
  abstain: number;
  meetingOn: string | null;
}

export interface CandidateStars {
  /** What the ledger showed when the candidacy started. */
  computed: StarDimension[];
  claimed: StarDimension[];
  recommended: StarDimension[];
  decided: StarDimension[];
}

export interface Candidate {
  id: number;
  campaignId: number;
  category: CandidateCategory;
  state: CandidateState;
  subject: { kind: 'member' | 'unit'; id: number; name: string };
  homeUnit: { id: number; name: string };
  stars: CandidateStars | null;
  votes: Votes | null;
  deadline: { stage: string | null; due: string | null; status: DeadlineTag };
  createdAt: string;
  updatedAt: string;
}

/** A row of a campaign's candidate list, with the actions the caller may take on it now. */
export interface CandidateRow extends Candidate {
  actions: CandidateAction[];
}

export interface CandidateList {
  items: CandidateRow[];
  total: number;
  page: number;
  pageSize: number;
}

export interface EvidenceFile {
  id: number;
  filename: string;
  mime: string;
  size?: number;
}

export interface SelfDimension {
  code: StarDimension;
  name: string;
  description: string;
  evidenceRequired: boolean;
  computed: boolean;
  claimed: boolean;
  statement: string;
  evidence: EvidenceFile[];
  updatedAt: string | null;
}

export interface SelfEvaluation {
  candidateId: number;
  period: string;
  state: CandidateState;
  locked: boolean;
  dimensions: SelfDimension[];
}

export interface CandidateEvent {
  id: number;
  action: string;
  from: CandidateState | null;
  to: CandidateState;
  actor: string | null;
  reason: string | null;
  detail: Record<string, unknown> | null;
  at: string;
}

export interface CandidateDetail extends Candidate {
  campaign: Campaign;
  nomination: string;
  selfEvaluation: SelfEvaluation | null;
  events: CandidateEvent[];
  roles: PipelineActor[];
  isCandidate: boolean;
  actions: CandidateAction[];
}

export interface MyCampaigns {
  candidacies: Array<Candidate & { campaign: Pick<Campaign, 'id' | 'title' | 'kind' | 'period' | 'status'>; actions: PipelineAction[] }>;
  open: Campaign[];
}

export interface TodoItem extends Candidate {
  campaign: Pick<Campaign, 'id' | 'title' | 'kind' | 'period'>;
  actions: CandidateAction[];
}

export interface Todo {
  today: string;
  total: number;
  truncated: boolean;
  overdue: number;
  dueSoon: number;
  items: TodoItem[];
}

export interface ActionInput {
  action: CandidateAction;
  reason?: string | null;
  votes?: Omit<Votes, 'meetingOn'>;
  meetingOn?: string;
  stars?: StarDimension[];
}
