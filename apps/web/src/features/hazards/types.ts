// The shapes of the hazards API (apps/server/src/modules/hazards), as the web app sees them.
import type { HazardAction, HazardCategory, HazardStatus } from '@xianfeng/domain';

export type { HazardAction, HazardCategory, HazardStatus };

export interface Hazard {
  id: number;
  unitId: number;
  unitName: string;
  category: HazardCategory | (string & {});
  place: string;
  latitude: number | null;
  longitude: number | null;
  description: string;
  status: HazardStatus;
  source: 'app' | 'open311' | (string & {});
  /** A public (Open311) report has no account: the name given and a masked contact. */
  reporter: { id: number | null; name: string | null; phone: string | null; email: string | null };
  reportedAt: string;
  dueAt: string;
  overdue: boolean;
  assignee: { id: number; name: string | null } | null;
  assignedAt: string | null;
  fixedBy: { id: number; name: string | null } | null;
  fixedAt: string | null;
  fixNote: string | null;
  verifiedBy: { id: number; name: string | null } | null;
  closedAt: string | null;
  closeReason: string | null;
  alarmId: number | null;
  photoCount: number;
}

export interface HazardPhoto {
  id: number;
  stage: 'report' | 'fix';
  mime: string;
  size: number;
  createdAt: string;
  url: string;
}

export interface HazardEvent {
  id: number;
  action: 'report' | 'raise' | HazardAction;
  from: HazardStatus | null;
  to: HazardStatus;
  note: string;
  actor: string | null;
  at: string;
  detail: Record<string, unknown>;
}

export interface HazardDetail extends Hazard {
  photos: HazardPhoto[];
  timeline: HazardEvent[];
  /** What the viewer may do now, decided by the server from the domain's state table. */
  actions: HazardAction[];
  canRaise: boolean;
}

export interface HazardPage {
  total: number;
  page: number;
  pageSize: number;
  items: Hazard[];
}

export interface HazardStats {
  totals: { active: number; open: number; overdue: number };
  villages: Array<{ unitId: number; name: string; active: number; open: number; overdue: number }>;
}

export interface Assignee {
  id: number;
  name: string;
  role: string;
  unitName: string;
}

export interface ReportInput {
  unitId: number;
  category: string;
  place: string;
  latitude?: number | null;
  longitude?: number | null;
  description: string;
}

/** The queue filter: 'active' is everything not closed; 'open' waits for work on the ground. */
export type HazardFilter = 'active' | 'overdue' | 'open' | HazardStatus | 'all';
