// The shapes of the warnings API (apps/server/src/modules/warnings: view.ts, schemas.ts), as the
// web app sees them.
import type { HazardType, WarningLevel, WarningStatus } from '@xianfeng/domain';

export type { HazardType, WarningLevel, WarningStatus };

export interface WarningSummary {
  id: number;
  unitId: number;
  unitName: string;
  hazard: HazardType | (string & {});
  level: WarningLevel;
  headline: string;
  description: string;
  instruction: string;
  status: WarningStatus;
  exercise: boolean;
  effectiveAt: string;
  expiresAt: string | null;
  identifier: string;
  source: 'native' | 'cap' | 'alarm' | (string & {});
  issuedAt: string;
  fanoutDoneAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  version: number;
}

/** A list row: the units reached inside the viewer's scope and how many of them acknowledged. */
export interface WarningListItem extends WarningSummary {
  units: number;
  acknowledged: number;
}

export interface WarningList {
  total: number;
  items: WarningListItem[];
}

export type ListStatus = 'active' | 'closed' | 'all';
export type ListExercise = 'only' | 'exclude' | 'include';

export interface WarningArea {
  id: number;
  name: string;
  kind: string;
  areaCode: string | null;
}

export interface WarningMessage {
  id: number;
  identifier: string;
  msgType: 'Alert' | 'Update' | 'Cancel' | (string & {});
  sent: string;
}

/** One of the units the viewer acknowledges (签收) for. */
export interface MyUnit {
  unitId: number;
  name: string;
  kind: string;
  notifiedAt: string;
  acknowledgedAt: string | null;
  overdue: boolean;
}

export interface WarningDetail extends WarningSummary {
  areas: WarningArea[];
  messages: WarningMessage[];
  /** false: the viewer sees only the part of the warning inside their own units. */
  wholeWarning: boolean;
  canIssue: boolean;
  myUnits: MyUnit[];
}

export interface IssueInput {
  unitId: number;
  hazard: string;
  level: WarningLevel;
  headline?: string;
  description: string;
  instruction: string;
  areaUnitIds: number[];
  effectiveAt?: string;
  expiresAt?: string | null;
  exercise: boolean;
}

export interface UpdateInput {
  version: number;
  level?: WarningLevel;
  headline?: string;
  description?: string;
  instruction?: string;
  expiresAt?: string | null;
  addAreaUnitIds?: number[];
}

export interface Penetration {
  units: number;
  acknowledged: number;
  /** 0–100, one decimal. */
  percent: number;
  overdue: number;
  medianSeconds: number | null;
  slowestSeconds: number | null;
}

export type Tier = 'county' | 'town' | 'village' | 'branch' | 'grid' | 'other';

export interface OverdueUnit {
  unitId: number;
  name: string;
  kind: string;
  parentName: string | null;
  notifiedAt: string;
  overdueAt: string;
}

export interface DashboardFigures {
  at: string;
  status: WarningStatus;
  fanoutDone: boolean;
  total: Penetration;
  tiers: Array<Penetration & { tier: Tier }>;
  overdue: OverdueUnit[];
  evacuation: { reports: number; toMove: number; moved: number; refused: number; shelters: number; occupants: number; capacity: number };
  openAlarms: number;
}

export type TimelineKind =
  | 'issued' | 'updated' | 'cancelled' | 'fanout_done' | 'acknowledged' | 'reminder' | 'escalated'
  | 'evacuation_reported' | 'shelter_updated' | 'household_checked' | 'alarm_raised' | 'outage_reported' | 'outage_restored';

export interface TimelineEntry {
  id: number;
  kind: TimelineKind | (string & {});
  unitId: number | null;
  unitName: string | null;
  actorName: string | null;
  detail: Record<string, unknown>;
  at: string;
}

export interface AckResult {
  acknowledgedAt: string;
  already: boolean;
}

export interface WarningSettings {
  ackDeadlines: Record<WarningLevel, number>;
  recoveryTargets: Record<'road' | 'power' | 'water' | 'comms', number>;
}
