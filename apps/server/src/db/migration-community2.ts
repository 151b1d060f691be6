// Migration 0013: the deliberation hall's second round — who corrected a topic and when, and the
// council's attendees picked from the community's members and accounts (beside the free-text
// names of residents without an account), so that attendance can be counted. Never edit once shipped.
import { type Kysely } from 'kysely';
import { idColumn, type DialectName } from './dialect.ts';

export function community2Migration(dialect: DialectName) {
  const [idType, idBuild] = idColumn(dialect);
  return {
    async up(db: Kysely<any>) {
      // The last correction of a topic's title or text (every one is in the audit log with before/after).
      await db.schema.alterTable('deliberation_topic').addColumn('edited_at', 'text').execute();
      await db.schema.alterTable('deliberation_topic').addColumn('edited_by', 'integer', (c) => c.references('app_user.id')).execute();

      // One row per known person at a council: a member record, or an account without one (a
      // resident). The name is kept as it was at the meeting, so a later rename leaves the minutes alone.
      await db.schema
        .createTable('deliberation_council_attendee')
        .addColumn('id', idType, idBuild)
        .addColumn('topic_id', 'integer', (c) => c.notNull().references('deliberation_council.topic_id'))
        .addColumn('member_id', 'integer', (c) => c.references('member.id'))
        .addColumn('user_id', 'integer', (c) => c.references('app_user.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      // Each person once per council (NULLs never collide, on either database).
      await db.schema.createIndex('deliberation_attendee_member_uniq').on('deliberation_council_attendee').columns(['topic_id', 'member_id']).unique().execute();
      await db.schema.createIndex('deliberation_attendee_user_uniq').on('deliberation_council_attendee').columns(['topic_id', 'user_id']).unique().execute();
      // Counting a person's attendance across councils.
      await db.schema.createIndex('deliberation_attendee_member_idx').on('deliberation_council_attendee').column('member_id').execute();
      await db.schema.createIndex('deliberation_attendee_user_idx').on('deliberation_council_attendee').column('user_id').execute();
    },
  };
}
