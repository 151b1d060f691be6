// Migration 0005: five-star evaluation, commendations, the review pipeline with its public notice
// and objections, and members' public commitments (issue 4). Never edit once shipped.
import { type Kysely } from 'kysely';
import { CALENDAR_2026 } from '@xianfeng/domain';
import { idColumn, makeAppendOnly, type DialectName } from './dialect.ts';

export function evaluationMigration(dialect: DialectName) {
  const [idType, idBuild] = idColumn(dialect);
  return {
    async up(db: Kysely<any>) {
      // A unit's five-star scheme for a period (JSON of the domain's StarScheme); units without
      // one use their nearest ancestor's, and the shipped default above them all.
      await db.schema
        .createTable('star_scheme')
        .addColumn('id', idType, idBuild)
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('config', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('star_scheme_unit_period', ['unit_id', 'period'])
        .execute();

      // Public holidays and make-up working days (调休) for counting a notice's working days.
      await db.schema
        .createTable('calendar_day')
        .addColumn('day', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull()) // 'holiday' | 'workday'
        .addColumn('note', 'text', (c) => c.notNull())
        .execute();
      await db
        .insertInto('calendar_day')
        .values([
          ...CALENDAR_2026.holidays.map((day) => ({ day, kind: 'holiday', note: '法定节假日' })),
          ...CALENDAR_2026.workdays.map((day) => ({ day, kind: 'workday', note: '调休上班' })),
        ])
        .execute();

      // A campaign: a five-star evaluation or a commendation round, organized by a unit (the
      // committee that reviews and whose leading group decides) for a year.
      await db.schema
        .createTable('campaign')
        .addColumn('id', idType, idBuild)
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull()) // 'open' | 'notice' | 'closed'
        .addColumn('notice_days', 'integer', (c) => c.notNull())
        .addColumn('notice_start', 'text')
        .addColumn('notice_end', 'text')
        // Deadlines per stage ('YYYY-MM-DD' or null), for reminders.
        .addColumn('self_evaluation_due', 'text')
        .addColumn('branch_recommendation_due', 'text')
        .addColumn('committee_review_due', 'text')
        .addColumn('leading_group_due', 'text')
        .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .execute();
      await db.schema.createIndex('campaign_unit_idx').on('campaign').columns(['unit_id', 'period']).execute();
      await db.schema.createIndex('campaign_status_idx').on('campaign').columns(['status', 'id']).execute();

      // Places per unit and category: the nearest unit with a quota on a candidate's path up limits it.
      await db.schema
        .createTable('campaign_quota')
        .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('quota', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('campaign_quota_pk', ['campaign_id', 'unit_id', 'category'])
        .execute();

      // A candidate: a member (five stars, 优秀共产党员, 优秀党务工作者) or a unit (先进基层党组织).
      await db.schema
        .createTable('candidate')
        .addColumn('id', idType, idBuild)
        .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id'))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('member_id', 'integer', (c) => c.references('member.id'))
        .addColumn('subject_unit_id', 'integer', (c) => c.references('unit.id'))
        // 'm:<member id>' or 'u:<unit id>': one candidacy per subject and category.
        .addColumn('subject_key', 'text', (c) => c.notNull())
        // The unit whose branch stage handles it: the member's unit, or the parent of a candidate unit.
        .addColumn('home_unit_id', 'integer', (c) => c.notNull().references('unit.id'))
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('nomination', 'text', (c) => c.notNull()) // 推荐理由 / 主要事迹
        // Stars as '|'-joined dimension codes: what the ledger showed when the campaign opened,
        // what the member claims, what the branch recommends, what the leading group decides.
        .addColumn('stars_computed', 'text', (c) => c.notNull())
        .addColumn('stars_claimed', 'text', (c) => c.notNull())
        .addColumn('stars_recommended', 'text', (c) => c.notNull())
        .addColumn('stars_decided', 'text', (c) => c.notNull())
        // The branch meeting's vote (应到, 实到, 赞成, 反对, 弃权), recorded with the recommendation.
        .addColumn('vote_eligible', 'integer')
        .addColumn('vote_present', 'integer')
        .addColumn('vote_in_favour', 'integer')
        .addColumn('vote_against', 'integer')
        .addColumn('vote_abstain', 'integer')
        .addColumn('meeting_on', 'text')
        .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('candidate_subject', ['campaign_id', 'category', 'subject_key'])
        .execute();
      await db.schema.createIndex('candidate_campaign_idx').on('candidate').columns(['campaign_id', 'state', 'home_unit_id']).execute();
      await db.schema.createIndex('candidate_member_idx').on('candidate').columns(['member_id', 'campaign_id']).execute();
      await db.schema.createIndex('candidate_home_idx').on('candidate').columns(['home_unit_id', 'state']).execute();

      // The self-evaluation, one row per dimension; evidence hangs off it in points_evidence
      // (owner_type 'self_evaluation').
      await db.schema
        .createTable('self_evaluation')
        .addColumn('id', idType, idBuild)
        .addColumn('candidate_id', 'integer', (c) => c.notNull().references('candidate.id'))
        .addColumn('dimension', 'text', (c) => c.notNull())
        .addColumn('claimed', 'integer', (c) => c.notNull())
        .addColumn('statement', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('self_evaluation_dimension', ['candidate_id', 'dimension'])
        .execute();

      // Every step of every candidate: the dossier. Append-only.
      await db.schema
        .createTable('candidate_event')
        .addColumn('id', idType, idBuild)
        .addColumn('candidate_id', 'integer', (c) => c.notNull().references('candidate.id'))
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('from_state', 'text')
        .addColumn('to_state', 'text', (c) => c.notNull())
        .addColumn('actor_user_id', 'integer', (c) => c.references('app_user.id'))
        .addColumn('actor_name', 'text')
        .addColumn('reason', 'text')
        .addColumn('detail', 'text') // JSON: votes, stars, the objection handled
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('candidate_event_candidate_idx').on('candidate_event').columns(['candidate_id', 'id']).execute();
      await makeAppendOnly(db, dialect, 'candidate_event');

      // 群众监督: objections filed during the notice, by name or anonymously.
      await db.schema
        .createTable('objection')
        .addColumn('id', idType, idBuild)
        .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id'))
        .addColumn('candidate_id', 'integer', (c) => c.notNull().references('candidate.id'))
        .addColumn('receipt_code', 'text', (c) => c.notNull().unique())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('contact_name', 'text')
        // The filer's phone, encrypted like members' (personal data).
        .addColumn('contact_phone_enc', 'text')
        .addColumn('anonymous', 'integer', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull()) // 'open' | 'upheld' | 'dismissed'
        .addColumn('outcome', 'text') // 'dismiss' | 'uphold_withdraw' | 'uphold_return'
        .addColumn('reply', 'text')
        .addColumn('handled_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('handled_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('objection_candidate_idx').on('objection').columns(['candidate_id', 'state']).execute();
      await db.schema.createIndex('objection_campaign_idx').on('objection').columns(['campaign_id', 'state']).execute();

      // Stars as finally decided: one row per member and period, read by the profile, the public
      // card and the pioneer board.
      await db.schema
        .createTable('member_star')
        .addColumn('member_id', 'integer', (c) => c.notNull().references('member.id'))
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('stars', 'text', (c) => c.notNull())
        .addColumn('star_count', 'integer', (c) => c.notNull())
        .addColumn('candidate_id', 'integer', (c) => c.notNull().references('candidate.id'))
        .addColumn('awarded_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('member_star_pk', ['member_id', 'period'])
        .execute();

      // Commendations awarded (the honor roll), with the certificate number printed on the PDF.
      await db.schema
        .createTable('commendation')
        .addColumn('id', idType, idBuild)
        .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id'))
        .addColumn('candidate_id', 'integer', (c) => c.notNull().unique().references('candidate.id'))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('member_id', 'integer', (c) => c.references('member.id'))
        .addColumn('subject_unit_id', 'integer', (c) => c.references('unit.id'))
        .addColumn('certificate_no', 'text', (c) => c.notNull().unique())
        .addColumn('awarded_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('commendation_campaign_idx').on('commendation').columns(['campaign_id', 'category']).execute();

      // 亮承诺: a member's yearly public commitment, and progress updates on it.
      await db.schema
        .createTable('commitment')
        .addColumn('id', idType, idBuild)
        .addColumn('member_id', 'integer', (c) => c.notNull().references('member.id'))
        .addColumn('year', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('commitment_member_year', ['member_id', 'year'])
        .execute();
      await db.schema
        .createTable('commitment_update')
        .addColumn('id', idType, idBuild)
        .addColumn('commitment_id', 'integer', (c) => c.notNull().references('commitment.id'))
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('commitment_update_idx').on('commitment_update').columns(['commitment_id', 'id']).execute();
    },
  };
}
