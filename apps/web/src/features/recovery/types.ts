// The shapes of the recovery API (apps/server/src/modules/recovery), as the web app sees them.
import type { OutageKind } from '@xianfeng/domain';

export type { OutageKind };

export interface Outage {
  id: number;
  unitId: number;
  unitName: string;
  warningId: number | null;
  kind: OutageKind | (string & {});
  startedAt: string;
  restoredAt: string | null;
  note: string;
  reportedBy: string | null;
  createdAt: string;
  updatedAt: string;
  /** Hours out until restored, or until now; one decimal. */
  hoursOut: number;
  targetHours: number;
  restored: boolean;
  /** Out longer than the target (still out, or restored late). */
  overdue: boolean;
}

export interface OutagePage {
  total: number;
  page: number;
  pageSize: number;
  targets: Record<string, number>;
  items: Outage[];
}

export interface KindSummary {
  kind: OutageKind;
  total: number;
  restored: number;
  open: number;
  overdue: number;
  restoredLate: number;
  medianHours: number | null;
  targetHours: number;
}

export interface CurvePoint {
  hour: number;
  at: string;
  open: Record<string, number>;
}

export interface RecoverySummary {
  at: string;
  unitId: number | null;
  warningId: number | null;
  kinds: KindSummary[];
  curve: CurvePoint[];
}

export interface OutageInput {
  unitId: number;
  warningId?: number | null;
  kind: string;
  startedAt: string;
  note?: string;
}
