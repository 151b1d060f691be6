// The typed shape of the database, shared by every repo. Timestamps are ISO-8601 text and dates
// are `YYYY-MM-DD` text on both dialects, so values compare and round-trip identically.
import type { Generated, Insertable, Selectable } from 'kysely';

export interface UnitTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: string;
  parent_id: number | null;
  phone: string | null;
  founded_on: string | null;
  archived_at: string | null;
  /**
   * Members registered directly in this unit, kept in the same transaction as every member
   * insert and transfer. Summed over the closure table it gives a subtree's count without
   * touching the member table: a city's 200,000 members count in milliseconds.
   */
  member_count: number;
  /** Full (not probationary) members of this unit itself, kept alongside member_count. */
  full_member_count: number;
  /** Members in this unit and every unit below it, kept alongside member_count. */
  subtree_member_count: number;
  created_at: string;
  updated_at: string;
}

/** Closure table: one row per (ancestor, descendant) pair, including each unit with itself. */
export interface UnitClosureTable {
  ancestor_id: number;
  descendant_id: number;
  depth: number;
}

export interface MemberTable {
  id: Generated<number>;
  unit_id: number;
  name: string;
  name_pinyin: string;
  name_initials: string;
  gender: string;
  ethnicity: string | null;
  birth_date: string;
  id_number_enc: string;
  id_number_hash: string;
  id_number_masked: string;
  mobile_enc: string | null;
  mobile_hash: string | null;
  mobile_masked: string | null;
  join_date: string;
  status: string;
  full_member_date: string | null;
  education: string | null;
  occupation: string | null;
  /** Specialties joined by '|' for display; member_specialty holds them for filtering. */
  specialties: string;
  created_at: string;
  updated_at: string;
}

/** One row per distinct character of a member's name, with what a search shows and sorts by. */
export interface MemberNameCharTable {
  ch: string;
  member_id: number;
  name: string;
  name_pinyin: string;
  unit_id: number;
}

export interface MemberSpecialtyTable {
  member_id: number;
  specialty: string;
}

export interface SpecialtyTable {
  id: Generated<number>;
  name: string;
  /** null: part of the curated national list; otherwise added by this unit for its subtree. */
  unit_id: number | null;
  created_at: string;
}

export interface MemberTransferTable {
  id: Generated<number>;
  member_id: number;
  from_unit_id: number;
  to_unit_id: number;
  transferred_on: string;
  reason: string | null;
  actor_user_id: number | null;
  created_at: string;
}

export interface UserTable {
  id: Generated<number>;
  username: string | null;
  display_name: string;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_masked: string | null;
  password_hash: string;
  member_id: number | null;
  must_change_password: number;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface RoleGrantTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  /** null only for the system administrator, whose scope is every unit. */
  unit_id: number | null;
  granted_by: number | null;
  created_at: string;
}

export interface SessionTable {
  /** sha256 of the cookie token: a leaked database does not leak live sessions. */
  id: string;
  user_id: number;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
  expires_at: string;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_user_id: number | null;
  actor_name: string | null;
  ip: string | null;
  entity_type: string;
  entity_id: string;
  /** The unit whose subtree owns the entry: scope for reading the log. */
  unit_id: number | null;
  action: string;
  before_json: string | null;
  after_json: string | null;
}

export interface DB {
  unit: UnitTable;
  unit_closure: UnitClosureTable;
  member: MemberTable;
  member_specialty: MemberSpecialtyTable;
  member_name_char: MemberNameCharTable;
  specialty: SpecialtyTable;
  member_transfer: MemberTransferTable;
  app_user: UserTable;
  role_grant: RoleGrantTable;
  session: SessionTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
}

export type UnitRow = Selectable<UnitTable>;
export type MemberRow = Selectable<MemberTable>;
export type NewMember = Insertable<MemberTable>;
export type UserRow = Selectable<UserTable>;
