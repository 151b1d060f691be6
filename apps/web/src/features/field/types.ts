// The shapes of the households and evacuation APIs (apps/server/src/modules/households,
// evacuation), as the web app sees them.
import type { CheckStatus, VulnerableCategory } from '@xianfeng/domain';

export type { CheckStatus, VulnerableCategory };

export interface VulnerablePerson {
  id: number;
  name: string;
  category: VulnerableCategory | (string & {});
  reason: string;
  note: string;
  createdAt: string;
}

export interface Household {
  id: number;
  unitId: number;
  unitName: string;
  address: string;
  headName: string;
  /** Masked (139****0000), or null. */
  phone: string | null;
  people: number;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
  vulnerable: VulnerablePerson[];
}

export interface HouseholdList {
  unit: { id: number; name: string; kind: string };
  /** People to move first per category, over the unit's whole subtree. */
  categories: Record<string, number>;
  total: number;
  page: number;
  pageSize: number;
  items: Household[];
}

export interface HouseholdInput {
  unitId?: number;
  address?: string;
  headName?: string;
  phone?: string | null;
  people?: number;
}

export interface PersonInput {
  name: string;
  category: string;
  reason: string;
  note?: string;
}

export interface Shelter {
  id: number;
  unitId: number;
  unitName: string;
  name: string;
  address: string;
  capacity: number;
  createdAt: string;
  archivedAt: string | null;
}

export interface ShelterInput {
  unitId?: number;
  name?: string;
  address?: string;
  capacity?: number;
}

/** Households per check status during a warning, and the people of those moved. */
export interface CheckCounts {
  households: number;
  pending: number;
  moved: number;
  refused: number;
  notHome: number;
  peopleMoved: number;
}

export interface CheckedHousehold extends Household {
  check: { status: CheckStatus; note: string; checkedAt: string | null; checkedBy: string | null };
}

export interface CheckList {
  warningId: number;
  unitId: number;
  total: number;
  page: number;
  pageSize: number;
  counts: CheckCounts;
  items: CheckedHousehold[];
}

export interface EvacuationReport {
  unitId: number;
  name: string;
  kind: string;
  toMove: number;
  moved: number;
  refused: number;
  updatedAt: string;
  updatedBy: string | null;
}

export interface ShelterOccupancy {
  id: number;
  unitId: number;
  unitName: string;
  name: string;
  address: string;
  capacity: number;
  occupants: number;
  updatedAt: string | null;
}

export interface EvacuationOverview {
  warningId: number;
  unitId: number | null;
  totals: { reports: number; toMove: number; moved: number; refused: number };
  reports: EvacuationReport[];
  shelters: { occupants: number; capacity: number; items: ShelterOccupancy[] };
  households: CheckCounts;
}
