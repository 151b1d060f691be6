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
  /** GB/T 2260 area code (县 6 digits, 乡镇 9, 村 12), matched against CAP geocodes. */
  area_code: Generated<string | null>;
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

// ——— points (migration 0004, see migration-points.ts for what each column means) ———

export interface PointsSettingsTable {
  unit_id: number;
  period_kind: string;
  board_enabled: number;
  balance_expires: number;
  updated_at: string;
}

export interface PointsRuleTable {
  id: Generated<number>;
  unit_id: number;
  code: string;
  name: string;
  description: string;
  account: string;
  points_min: number;
  points_max: number;
  cap_per_period: number | null;
  cycle_days: number | null;
  max_per_cycle: number | null;
  needs_evidence: number;
  needs_approval: number;
  veto: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface PointsEntryTable {
  id: Generated<number>;
  member_id: number;
  unit_id: number;
  period: string;
  occurred_on: string;
  account: string;
  points: number;
  veto: number;
  bucket: string;
  rule_id: number | null;
  rule_code: string | null;
  reason: string;
  source: string;
  reverses_id: number | null;
  approved_by: number | null;
  created_by: number | null;
  created_at: string;
}

export interface PointsTallyTable {
  member_id: number;
  period: string;
  unit_id: number;
  base: number;
  bonus: number;
  deduction: number;
  redeemed: number;
  vetoes: number;
  score: number;
  reached_at: string;
}

export interface PointsBalanceTable {
  member_id: number;
  bucket: string;
  balance: number;
}

export interface PointsClaimTable {
  id: Generated<number>;
  member_id: number;
  unit_id: number;
  rule_id: number;
  occurred_on: string;
  points: number | null;
  remark: string;
  status: string;
  submitted_by: number;
  submitted_at: string;
  decided_by: number | null;
  decided_at: string | null;
  decision_reason: string | null;
  entry_id: number | null;
  idempotency_key: string | null;
}

export interface PointsEvidenceTable {
  id: Generated<number>;
  owner_type: string;
  owner_id: number;
  sha256: string;
  mime: string;
  size: number;
  filename: string;
  data: Uint8Array;
  created_at: string;
}

export interface ConductListTable {
  id: Generated<number>;
  unit_id: number;
  published_by: number | null;
  published_at: string;
}

export interface ConductItemTable {
  id: Generated<number>;
  list_id: number;
  position: number;
  kind: string;
  text: string;
  rule_code: string | null;
}

export interface ConductAckTable {
  member_id: number;
  list_id: number;
  acked_at: string;
}

export interface PointsViolationTable {
  id: Generated<number>;
  member_id: number;
  conduct_item_id: number;
  occurred_on: string;
  remark: string;
  entry_id: number;
  recorded_by: number;
  created_at: string;
}

export interface ServiceTaskTable {
  id: Generated<number>;
  unit_id: number;
  title: string;
  description: string;
  specialties: string;
  points: number;
  capacity: number;
  taken: number;
  deadline: string | null;
  status: string;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface TaskClaimTable {
  id: Generated<number>;
  task_id: number;
  member_id: number;
  status: string;
  report: string | null;
  reported_at: string | null;
  decided_by: number | null;
  decided_at: string | null;
  decision_reason: string | null;
  entry_id: number | null;
  created_at: string;
}

export interface ShopItemTable {
  id: Generated<number>;
  unit_id: number;
  name: string;
  description: string;
  price: number;
  stock: number;
  limit_per_period: number | null;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface ShopOrderTable {
  id: Generated<number>;
  item_id: number;
  unit_id: number;
  member_id: number;
  quantity: number;
  price: number;
  total: number;
  period: string;
  status: string;
  entry_id: number;
  refund_entry_id: number | null;
  idempotency_key: string | null;
  created_by: number;
  created_at: string;
  closed_by: number | null;
  closed_at: string | null;
  cancel_reason: string | null;
}

export interface PlaqueAwardTable {
  id: Generated<number>;
  unit_id: number;
  period: string;
  member_id: number;
  score: number;
  basis: string;
  reason: string | null;
  decided_by: number | null;
  decided_at: string;
}

// ——— five stars, commendations, commitments (migration 0005, see migration-evaluation.ts) ———

export interface StarSchemeTable {
  id: Generated<number>;
  unit_id: number;
  period: string;
  config: string;
  updated_by: number | null;
  updated_at: string;
}

export interface CalendarDayTable {
  day: string;
  kind: string;
  note: string;
}

export interface CampaignTable {
  id: Generated<number>;
  unit_id: number;
  kind: string;
  period: string;
  title: string;
  status: string;
  notice_days: number;
  notice_start: string | null;
  notice_end: string | null;
  self_evaluation_due: string | null;
  branch_recommendation_due: string | null;
  committee_review_due: string | null;
  leading_group_due: string | null;
  created_by: number | null;
  created_at: string;
  closed_at: string | null;
}

export interface CampaignQuotaTable {
  campaign_id: number;
  unit_id: number;
  category: string;
  quota: number;
}

export interface CandidateTable {
  id: Generated<number>;
  campaign_id: number;
  category: string;
  member_id: number | null;
  subject_unit_id: number | null;
  subject_key: string;
  home_unit_id: number;
  state: string;
  nomination: string;
  stars_computed: string;
  stars_claimed: string;
  stars_recommended: string;
  stars_decided: string;
  vote_eligible: number | null;
  vote_present: number | null;
  vote_in_favour: number | null;
  vote_against: number | null;
  vote_abstain: number | null;
  meeting_on: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface SelfEvaluationTable {
  id: Generated<number>;
  candidate_id: number;
  dimension: string;
  claimed: number;
  statement: string;
  updated_at: string;
}

export interface CandidateEventTable {
  id: Generated<number>;
  candidate_id: number;
  action: string;
  from_state: string | null;
  to_state: string;
  actor_user_id: number | null;
  actor_name: string | null;
  reason: string | null;
  detail: string | null;
  created_at: string;
}

export interface ObjectionTable {
  id: Generated<number>;
  campaign_id: number;
  candidate_id: number;
  receipt_code: string;
  content: string;
  contact_name: string | null;
  contact_phone_enc: string | null;
  anonymous: number;
  state: string;
  outcome: string | null;
  reply: string | null;
  handled_by: number | null;
  handled_at: string | null;
  created_at: string;
}

export interface MemberStarTable {
  member_id: number;
  period: string;
  stars: string;
  star_count: number;
  candidate_id: number;
  awarded_at: string;
}

export interface CommendationTable {
  id: Generated<number>;
  campaign_id: number;
  candidate_id: number;
  category: string;
  member_id: number | null;
  subject_unit_id: number | null;
  certificate_no: string;
  awarded_at: string;
}

export interface CommitmentTable {
  id: Generated<number>;
  member_id: number;
  year: string;
  content: string;
  published_at: string;
  updated_at: string;
}

export interface CommitmentUpdateTable {
  id: Generated<number>;
  commitment_id: number;
  content: string;
  created_by: number | null;
  created_at: string;
}

export interface SystemSettingTable {
  key: string;
  value: string;
  updated_by: number | null;
  updated_at: string;
}

export interface WarningTable {
  id: Generated<number>;
  unit_id: number;
  hazard: string;
  level: string;
  headline: string;
  description: string;
  instruction: string;
  status: string;
  exercise: number;
  effective_at: string;
  expires_at: string | null;
  identifier: string;
  sender: string;
  source: string;
  deadline_from: string;
  fanout_done_at: string | null;
  issued_by: number | null;
  issued_at: string;
  cancelled_at: string | null;
  cancel_reason: string | null;
  version: Generated<number>;
  updated_at: string;
}

export interface WarningAreaTable {
  warning_id: number;
  unit_id: number;
}

export interface WarningMessageTable {
  id: Generated<number>;
  warning_id: number;
  identifier: string;
  msg_type: string;
  sent: string;
  cap: string;
  created_at: string;
}

export interface WarningUnitTable {
  warning_id: number;
  unit_id: number;
  parent_id: number | null;
  kind: string;
  notified_at: string;
  acked_at: string | null;
  acked_by: number | null;
  ack_seconds: number | null;
  escalation_step: Generated<number>;
  overdue_at: string | null;
}

export interface WarningEventTable {
  id: Generated<number>;
  warning_id: number;
  unit_id: number | null;
  kind: string;
  actor_id: number | null;
  detail: string;
  created_at: string;
}

export interface ScheduledJobTable {
  id: Generated<number>;
  kind: string;
  ref_id: number;
  step: Generated<number>;
  run_at: string;
  status: string;
  cursor: Generated<number>;
  locked_until: string | null;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: string;
  done_at: string | null;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  warning_id: number | null;
  unit_id: number | null;
  dedupe_key: string;
  created_at: string;
  read_at: string | null;
}

export interface UnitBackupContactTable {
  unit_id: number;
  user_id: number;
  created_at: string;
}

export interface ChannelTable {
  id: Generated<number>;
  unit_id: number | null;
  kind: string;
  name: string;
  config: string;
  events: string;
  enabled: number;
  created_at: string;
  updated_at: string;
}

export interface DeliveryTable {
  id: Generated<number>;
  channel_id: number;
  event_kind: string;
  payload: string;
  dedupe_key: string;
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface HouseholdTable {
  id: Generated<number>;
  unit_id: number;
  address: string;
  head_name: string;
  phone_enc: string | null;
  phone_masked: string | null;
  people: number;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

export interface VulnerablePersonTable {
  id: Generated<number>;
  household_id: number;
  name: string;
  category: string;
  reason: string;
  note: string;
  created_by: number | null;
  created_at: string;
  removed_at: string | null;
}

export interface ShelterTable {
  id: Generated<number>;
  unit_id: number;
  name: string;
  address: string;
  capacity: number;
  created_at: string;
  archived_at: string | null;
}

export interface ShelterOccupancyTable {
  warning_id: number;
  shelter_id: number;
  occupants: number;
  updated_by: number | null;
  updated_at: string;
}

export interface EvacuationReportTable {
  warning_id: number;
  unit_id: number;
  to_move: number;
  moved: number;
  refused: number;
  updated_by: number | null;
  updated_at: string;
}

export interface EvacuationCheckTable {
  warning_id: number;
  household_id: number;
  status: string;
  note: string;
  checked_by: number | null;
  checked_at: string;
}

export interface AlarmTable {
  id: Generated<number>;
  unit_id: number;
  kind: string;
  place: string;
  latitude: number | null;
  longitude: number | null;
  description: string;
  status: string;
  raised_by: number;
  raised_at: string;
  handled_by: number | null;
  handled_at: string | null;
  note: string | null;
  warning_id: number | null;
  /** The hazard report the alarm was raised from (migration 0008). */
  hazard_id?: number | null;
}

export interface HazardTable {
  id: Generated<number>;
  unit_id: number;
  category: string;
  place: string;
  latitude: number | null;
  longitude: number | null;
  description: string;
  status: string;
  source: string;
  reported_by: number | null;
  reporter_name: string | null;
  contact_phone_enc: string | null;
  contact_phone_masked: string | null;
  contact_email_enc: string | null;
  contact_email_masked: string | null;
  media_url: string | null;
  reported_at: string;
  due_at: string;
  assigned_to: number | null;
  assigned_at: string | null;
  fixed_by: number | null;
  fixed_at: string | null;
  fix_note: string | null;
  verified_by: number | null;
  closed_at: string | null;
  close_reason: string | null;
  alarm_id: number | null;
  updated_at: string;
}

export interface HazardEventTable {
  id: Generated<number>;
  hazard_id: number;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_id: number | null;
  note: string;
  detail: string;
  created_at: string;
}

export interface HazardPhotoTable {
  id: Generated<number>;
  hazard_id: number;
  stage: string;
  mime: string;
  size: number;
  data: Buffer;
  created_by: number | null;
  created_at: string;
}

export interface AlarmPhotoTable {
  id: Generated<number>;
  alarm_id: number;
  mime: string;
  size: number;
  data: Buffer;
  created_at: string;
}

export interface OutageTable {
  id: Generated<number>;
  unit_id: number;
  warning_id: number | null;
  kind: string;
  started_at: string;
  restored_at: string | null;
  note: string;
  reported_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface DeliberationTopicTable {
  id: Generated<number>;
  unit_id: number;
  title: string;
  description: string;
  category: string;
  status: string;
  raised_by: number;
  raised_at: string;
  reason: string | null;
  vote_options: string | null;
  vote_opened_at: string | null;
  vote_closes_at: string | null;
  vote_closed_at: string | null;
  electorate: number | null;
  decision: string | null;
  decided_by: number | null;
  decided_at: string | null;
  finished_at: string | null;
  updated_at: string;
  /** 0013: the last correction of the title or text. */
  edited_at: string | null;
  edited_by: number | null;
}

export interface DeliberationCouncilTable {
  topic_id: number;
  scheduled_at: string;
  place: string;
  attendees: string;
  minutes: string | null;
  minutes_by: number | null;
  minutes_at: string | null;
  created_at: string;
  updated_at: string;
}

/** 0013: a known person at a council — a member record or an account without one. */
export interface DeliberationCouncilAttendeeTable {
  id: Generated<number>;
  topic_id: number;
  member_id: number | null;
  user_id: number | null;
  name: string;
  created_at: string;
}

/** 0014: a photo of a topic, added by its author or a manager while the topic may be edited. */
export interface DeliberationPhotoTable {
  id: Generated<number>;
  topic_id: number;
  mime: string;
  size: number;
  data: Buffer;
  created_by: number | null;
  created_at: string;
}

export interface DeliberationCommentTable {
  id: Generated<number>;
  topic_id: number;
  author_id: number;
  body: string;
  state: string;
  reports: Generated<number>;
  moderated_by: number | null;
  moderated_at: string | null;
  created_at: string;
}

export interface DeliberationReportTable {
  comment_id: number;
  reporter_id: number;
  reason: string;
  created_at: string;
}

export interface DeliberationBallotTable {
  topic_id: number;
  voter_id: number;
  option_index: number;
  cast_at: string;
  updated_at: string;
}

export interface DeliberationActionTable {
  id: Generated<number>;
  topic_id: number;
  title: string;
  responsible_unit_id: number | null;
  responsible_person: string;
  due_on: string | null;
  status: string;
  progress: Generated<number>;
  note: string;
  done_at: string | null;
  created_at: string;
  updated_at: string;
}

// ——— help requests (群众求助) and residence registrations (双报到) ———

export interface HelpResidenceTable {
  id: Generated<number>;
  member_id: number;
  unit_id: number;
  village_id: number;
  specialties: string;
  hours: string;
  note: string;
  status: string;
  created_at: string;
  ended_at: string | null;
}

export interface HelpResidenceSpecialtyTable {
  residence_id: number;
  village_id: number;
  specialty: string;
  member_id: number;
}

export interface HelpRequestTable {
  id: Generated<number>;
  receipt_code: string;
  unit_id: number;
  village_id: number;
  category: string;
  description: string;
  place: string;
  latitude: number | null;
  longitude: number | null;
  status: string;
  resident_name: string;
  phone_enc: string;
  phone_hash: string;
  phone_masked: string;
  address_hash: string | null;
  filed_by: number | null;
  source: string;
  accepted_member_id: number | null;
  accepted_user_id: number | null;
  accepted_at: string | null;
  started_at: string | null;
  resolved_at: string | null;
  resolution: string | null;
  confirmed_at: string | null;
  rating: number | null;
  rating_comment: string | null;
  closed_at: string | null;
  closed_by: number | null;
  close_reason: string | null;
  reopen_count: Generated<number>;
  reopen_reason: string | null;
  escalated_at: string | null;
  accept_due_at: string;
  resolve_due_at: string;
  points_entry_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface HelpMatchTable {
  request_id: number;
  member_id: number;
  user_id: number;
  score: number;
  place: string;
  created_at: string;
}

export interface HelpPhotoTable {
  id: Generated<number>;
  request_id: number;
  mime: string;
  size: number;
  data: Buffer;
  created_at: string;
}

export interface MediationMediatorTable {
  id: Generated<number>;
  member_id: number;
  unit_id: number;
  specialties: string;
  note: string;
  status: string;
  created_by: number | null;
  created_at: string;
  ended_at: string | null;
  updated_at: string;
}

export interface MediationMediatorAreaTable {
  mediator_id: number;
  unit_id: number;
}

export interface MediationCaseTable {
  id: Generated<number>;
  unit_id: number;
  year: string;
  seq: number;
  number: string;
  type: string;
  summary: string;
  status: string;
  registered_by: number | null;
  accepted_at: string;
  started_at: string | null;
  outcome: string | null;
  outcome_at: string | null;
  referral: string | null;
  referral_note: string | null;
  /** JSON array of the agreement's terms. */
  terms: string;
  performance: string;
  visit_on: string | null;
  visit_outcome: string | null;
  closed_at: string | null;
  close_note: string | null;
  updated_at: string;
}

export interface MediationPartyTable {
  id: Generated<number>;
  case_id: number;
  seq: number;
  role: string;
  name: string;
  relation: string;
  address: string;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_masked: string | null;
}

export interface MediationDeclarationTable {
  id: Generated<number>;
  case_id: number;
  mediator_id: number;
  conflict: number;
  statement: string;
  recorded_by: number | null;
  declared_at: string;
}

export interface MediationAssignmentTable {
  case_id: number;
  mediator_id: number;
  declaration_id: number;
  assigned_by: number | null;
  assigned_at: string;
}

export interface MediationSessionTable {
  id: Generated<number>;
  case_id: number;
  held_on: string;
  place: string;
  attendees: string;
  notes: string;
  recorded_by: number | null;
  created_at: string;
}

export interface MediationEventTable {
  id: Generated<number>;
  case_id: number;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_id: number | null;
  note: string;
  created_at: string;
}

/** An Open311 client application trusted to file requests; its API key is kept only as a hash. */
export interface Open311ClientTable {
  id: Generated<number>;
  name: string;
  /** Who to call about the client (encrypted: it may name a person); null when not given. */
  contact_enc: string | null;
  note: string;
  /** SHA-256 of the API key (base64url), as session tokens are kept. */
  key_hash: string;
  /** The key's first characters, to tell keys apart without keeping them. */
  key_hint: string;
  created_by: number | null;
  created_at: string;
  revoked_by: number | null;
  revoked_at: string | null;
  /** When a request was last filed with the key. */
  last_used_at: string | null;
}

export interface DB {
  mediation_mediator: MediationMediatorTable;
  mediation_mediator_area: MediationMediatorAreaTable;
  mediation_case: MediationCaseTable;
  mediation_party: MediationPartyTable;
  mediation_declaration: MediationDeclarationTable;
  mediation_assignment: MediationAssignmentTable;
  mediation_session: MediationSessionTable;
  mediation_event: MediationEventTable;
  deliberation_topic: DeliberationTopicTable;
  deliberation_council: DeliberationCouncilTable;
  deliberation_council_attendee: DeliberationCouncilAttendeeTable;
  deliberation_photo: DeliberationPhotoTable;
  deliberation_comment: DeliberationCommentTable;
  deliberation_report: DeliberationReportTable;
  deliberation_ballot: DeliberationBallotTable;
  deliberation_action: DeliberationActionTable;
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
  points_settings: PointsSettingsTable;
  points_rule: PointsRuleTable;
  points_entry: PointsEntryTable;
  points_tally: PointsTallyTable;
  points_balance: PointsBalanceTable;
  points_claim: PointsClaimTable;
  points_evidence: PointsEvidenceTable;
  conduct_list: ConductListTable;
  conduct_item: ConductItemTable;
  conduct_ack: ConductAckTable;
  points_violation: PointsViolationTable;
  service_task: ServiceTaskTable;
  task_claim: TaskClaimTable;
  shop_item: ShopItemTable;
  shop_order: ShopOrderTable;
  plaque_award: PlaqueAwardTable;
  star_scheme: StarSchemeTable;
  calendar_day: CalendarDayTable;
  campaign: CampaignTable;
  campaign_quota: CampaignQuotaTable;
  candidate: CandidateTable;
  self_evaluation: SelfEvaluationTable;
  candidate_event: CandidateEventTable;
  objection: ObjectionTable;
  member_star: MemberStarTable;
  commendation: CommendationTable;
  commitment: CommitmentTable;
  commitment_update: CommitmentUpdateTable;
  system_setting: SystemSettingTable;
  warning: WarningTable;
  warning_area: WarningAreaTable;
  warning_message: WarningMessageTable;
  warning_unit: WarningUnitTable;
  warning_event: WarningEventTable;
  scheduled_job: ScheduledJobTable;
  notification: NotificationTable;
  unit_backup_contact: UnitBackupContactTable;
  channel: ChannelTable;
  delivery: DeliveryTable;
  household: HouseholdTable;
  vulnerable_person: VulnerablePersonTable;
  shelter: ShelterTable;
  shelter_occupancy: ShelterOccupancyTable;
  evacuation_report: EvacuationReportTable;
  evacuation_check: EvacuationCheckTable;
  alarm: AlarmTable;
  alarm_photo: AlarmPhotoTable;
  outage: OutageTable;
  hazard: HazardTable;
  hazard_event: HazardEventTable;
  hazard_photo: HazardPhotoTable;
  help_residence: HelpResidenceTable;
  help_residence_specialty: HelpResidenceSpecialtyTable;
  help_request: HelpRequestTable;
  help_match: HelpMatchTable;
  help_photo: HelpPhotoTable;
  open311_client: Open311ClientTable;
}

export type UnitRow = Selectable<UnitTable>;
export type MemberRow = Selectable<MemberTable>;
export type NewMember = Insertable<MemberTable>;
export type UserRow = Selectable<UserTable>;
