// The shapes of docs/API.md, as the web app sees them.

import type { Permission, Role, UnitKind } from '@xianfeng/domain';

export type { Permission, Role, UnitKind };

/** 正式党员 full, 预备党员 probationary; the server may know more statuses (see /api/meta). */
export type MemberStatus = 'full' | 'probationary' | (string & {});

export interface UnitRef {
  id: number;
  code: string;
  name: string;
}

export interface Unit extends UnitRef {
  kind: UnitKind | (string & {});
  parentId: number | null;
  phone: string | null;
  foundedOn: string | null;
  /** GB/T 2260 administrative division code (matched against CAP geocodes). */
  areaCode: string | null;
  archivedAt: string | null;
  /** Members of the whole subtree. */
  memberCount: number;
  childCount: number;
}

export interface Warning {
  code: string;
  message: string;
}

export interface UnitDetail extends Unit {
  /** Root → parent, only the part inside the caller's scope. */
  path: UnitRef[];
  directMembers: number;
  fullMembers: number;
  hasSecretary: boolean;
  warnings: Warning[];
}

export interface UnitInput {
  code: string;
  name: string;
  kind: string;
  parentId: number | null;
  phone?: string | null;
  foundedOn?: string | null;
}

export interface MemberListItem {
  id: number;
  name: string;
  gender: 'male' | 'female' | (string & {});
  ethnicity: string | null;
  birthDate: string;
  /** Masked. */
  idNumber: string;
  /** Masked, or null. */
  mobile: string | null;
  joinDate: string;
  status: MemberStatus;
  fullMemberDate: string | null;
  education: string | null;
  occupation: string | null;
  specialties: string[];
  unit: UnitRef;
}

export interface Transfer {
  id: number;
  fromUnit: UnitRef;
  toUnit: UnitRef;
  transferredOn: string;
  reason: string | null;
  createdAt: string;
}

export interface MemberDetail extends MemberListItem {
  /** The final stars (五星党员) of the latest evaluated period, or null. */
  stars?: { period: string; stars: string[]; starCount: number; awardedAt: string } | null;
  canUnmask: boolean;
  canEdit: boolean;
  transfers: Transfer[];
  createdAt: string;
  updatedAt: string;
}

export interface MemberInput {
  unitId: number;
  name: string;
  gender: string;
  ethnicity?: string | null;
  birthDate: string;
  idNumber: string;
  mobile?: string | null;
  joinDate: string;
  status: string;
  fullMemberDate?: string | null;
  education?: string | null;
  occupation?: string | null;
  specialties?: string[];
}

export interface MemberQuery {
  unitId?: number;
  q?: string;
  status?: string;
  specialty?: string;
  page?: number;
  pageSize?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  /** The search matched more than `total`; only that many can be paged through. */
  totalCapped?: boolean;
  page: number;
  pageSize: number;
}

export interface LabelledValue {
  value: string;
  zh: string;
  en: string;
}

export interface Meta {
  unitKinds: LabelledValue[];
  genders: LabelledValue[];
  memberStatuses: LabelledValue[];
  educationLevels: LabelledValue[];
  ethnicities: string[];
  roles: LabelledValue[];
}

export interface MeGrant {
  role: Role;
  unit: (UnitRef & { kind: string }) | null;
}

export interface Me {
  id: number;
  username: string | null;
  displayName: string;
  phone: string | null;
  memberId: number | null;
  mustChangePassword: boolean;
  csrfToken: string;
  grants: MeGrant[];
}

export interface ImportError {
  /** The Excel row number (the header is row 1). */
  row: number;
  column: string;
  message: string;
}

/** A preview row: `row` plus display values (already labelled in the caller's language). */
export type ImportPreviewRow = { row: number } & Record<string, string | number | null>;

export interface ImportReport {
  ok: boolean;
  imported: number;
  dryRun: boolean;
  total: number;
  errors: ImportError[];
  preview: ImportPreviewRow[];
}

export interface AuditEntry {
  id: number;
  at: string;
  actorName: string | null;
  ip: string | null;
  entityType: string;
  entityId: string | null;
  unitId: number | null;
  unitName: string | null;
  action: string;
  before: unknown;
  after: unknown;
}

export interface AuditQuery {
  unitId?: number;
  entityType?: string;
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export interface UserGrant {
  id: number;
  role: Role;
  unit: UnitRef | null;
}

export interface User {
  id: number;
  username: string | null;
  displayName: string;
  /** Masked. */
  phone: string | null;
  memberId?: number | null;
  disabled: boolean;
  grants: UserGrant[];
}

export interface CreateUserInput {
  username?: string | null;
  phone?: string | null;
  displayName: string;
  password?: string | null;
  role: Role;
  unitId: number | null;
  memberId?: number | null;
}

export interface HomeWarning {
  unit: UnitRef;
  code: string;
  message: string;
}

export interface HomeSummary {
  role: Role;
  unit: (UnitRef & { kind: string }) | null;
  /** null for roles that may not read the member roll. */
  counts: { units: number; members: number; full: number; probationary: number } | null;
  byKind: { kind: string; count: number }[];
  warnings: HomeWarning[];
  warningCount?: number;
  recentAudit?: AuditEntry[];
}
