// The shapes of the points API (docs/API.md, "Points"), as the web app sees them.
import type { Account, PeriodKind, RuleAccount, StarDimension } from '@xianfeng/domain';

export type { Account, PeriodKind, RuleAccount };

export interface Named {
  id: number;
  name: string;
}

/** A member's figures for one period: score = base + bonus − deduction (0 on a veto). */
export interface Figures {
  period: string;
  base: number;
  bonus: number;
  deduction: number;
  redeemed: number;
  vetoes: number;
  vetoed: boolean;
  score: number;
  earned: number;
  /** What the member may still spend in the shop. */
  balance: number;
}

export interface PeriodFigures {
  period: string;
  score: number;
  base: number;
  bonus: number;
  deduction: number;
  redeemed: number;
  vetoed: boolean;
}

export interface Entry {
  id: number;
  memberId: number;
  memberName?: string;
  period: string;
  occurredOn: string;
  account: Account;
  /** Signed: deductions and redemptions are negative. */
  points: number;
  veto: boolean;
  rule: { id: number | null; code: string; name: string | null } | null;
  reason: string;
  source: string;
  /** Set on a reversing entry (冲正): the entry it cancels. */
  reversesId: number | null;
  /** Set on an entry that was reversed. */
  reversedBy: number | null;
  createdAt: string;
}

export interface PointsSettings {
  periodKind: PeriodKind;
  boardEnabled: boolean;
  balanceExpires: boolean;
}

export interface UnitSettings extends PointsSettings {
  /** The unit that set them, or null for the shipped defaults. */
  unitId: number | null;
  inherited: boolean;
}

export interface Overview {
  member: { id: number; name: string; unitId: number };
  settings: PointsSettings;
  current: Figures;
  periods: PeriodFigures[];
  recent: Entry[];
}

export interface Rule {
  id: number;
  unitId: number;
  code: string;
  name: string;
  description: string;
  account: RuleAccount;
  pointsMin: number;
  pointsMax: number;
  capPerPeriod: number | null;
  cycleDays: number | null;
  maxPerCycle: number | null;
  needsEvidence: boolean;
  needsApproval: boolean;
  veto: boolean;
  active: boolean;
  /** Defined by an ancestor unit (上级). */
  inherited: boolean;
}

export type RuleInput = Omit<Rule, 'id' | 'unitId' | 'inherited'>;

export interface Evidence {
  id: number;
  filename: string;
  mime: string;
  size?: number;
}

export type ClaimStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';

export interface Claim {
  id: number;
  member: Named;
  unit: Named;
  rule: { id: number; code: string; name: string; account: RuleAccount; pointsMin: number; pointsMax: number };
  occurredOn: string;
  points: number | null;
  remark: string;
  status: ClaimStatus;
  submittedBy: string;
  /** Entered by a secretary for the member. */
  onBehalf: boolean;
  submittedAt: string;
  decidedAt: string | null;
  decisionReason: string | null;
  entryId: number | null;
  evidence: Evidence[];
}

export interface BatchResult {
  done: number[];
  failed: Array<{ id: number; code: string; message: string }>;
}

export type TaskStatus = 'open' | 'closed';
export type TaskClaimStatus = 'claimed' | 'reported' | 'verified' | 'rejected' | 'withdrawn';

export interface Task {
  id: number;
  unitId: number;
  title: string;
  description: string;
  specialties: string[];
  points: number;
  capacity: number;
  taken: number;
  deadline: string | null;
  status: TaskStatus;
  /** Only in /my/tasks: the task asks for one of my specialties. */
  matches?: boolean;
  myClaim?: { id: number; status: TaskClaimStatus } | null;
}

export interface TaskInput {
  title: string;
  description?: string;
  specialties?: string[];
  points: number;
  capacity: number;
  deadline?: string | null;
}

export interface MyTaskClaim {
  id: number;
  taskId: number;
  title: string;
  points: number;
  status: TaskClaimStatus;
  createdAt: string;
  reportedAt: string | null;
  decidedAt: string | null;
  /** Why a report was sent back. */
  decisionReason: string | null;
}

export interface MyTasks {
  items: Task[];
  claims: MyTaskClaim[];
}

export interface TaskClaim {
  id: number;
  status: TaskClaimStatus;
  report: string | null;
  reportedAt: string | null;
  createdAt: string;
  decidedAt: string | null;
  decisionReason: string | null;
  task: { id: number; title: string; points: number };
  member: Named & { unit: Named };
  evidence: Evidence[];
}

export interface ShopItem {
  id: number;
  unitId: number;
  name: string;
  description: string;
  price: number;
  stock: number;
  limitPerPeriod: number | null;
  active: boolean;
  /** Only in /my/shop: the name of the unit whose shop it is. */
  shop?: string;
}

export type OrderStatus = 'placed' | 'handed_over' | 'cancelled';

export interface Order {
  id: number;
  item: Named;
  unitId: number;
  member: Named;
  quantity: number;
  price: number;
  total: number;
  period: string;
  status: OrderStatus;
  createdAt: string;
  closedAt: string | null;
  cancelReason: string | null;
}

export interface ConductItem {
  id: number;
  kind: 'do' | 'dont';
  text: string;
  ruleCode: string | null;
}

export interface ConductList {
  id: number;
  unit: Named;
  publishedAt: string;
  items: ConductItem[];
  /** Only in /my/conduct: when I acknowledged this version, or null. */
  ackedAt?: string | null;
}

export interface UnitConduct {
  list: ConductList | null;
  inherited?: boolean;
  acknowledged: number;
  members: number;
}

export interface BoardRow {
  rank: number;
  memberId: number;
  name: string;
  unitName: string;
  score: number;
  deduction: number;
  reachedAt: string;
  previousScore: number | null;
  /** Since the previous period; null when the member had no score then. */
  change: number | null;
  /** The final stars (五星党员) of the board period's year; null when none were awarded. */
  stars: StarDimension[] | null;
}

export interface Board {
  period: string;
  previousPeriod: string;
  items: BoardRow[];
}

export interface BoardStats {
  period: string;
  distribution: Array<{ from: number; to: number; count: number }>;
  trend: Array<{ period: string; members: number; average: number; best: number }>;
}

export interface PlaqueAward {
  id: number;
  period: string;
  memberId: number;
  name: string;
  score: number;
  basis: 'confirmed' | 'override';
  reason: string | null;
  decidedAt: string;
  decidedBy: string | null;
}

export interface Plaque {
  period: string;
  candidate: { memberId: number; name: string; unitName: string; score: number } | null;
  holder: PlaqueAward | null;
  history: PlaqueAward[];
}

export interface Items<T> {
  items: T[];
}
