// Migration 0010: the deliberation hall (议事厅 / 网格议事会, issue 6) — topics with their vote and
// decision, the council meeting and its minutes, comments with reports, one ballot per person and
// topic, and the follow-up actions. Never edit once shipped.
import { type Kysely } from 'kysely';
import { idColumn, type DialectName } from './dialect.ts';

export function deliberationMigration(dialect: DialectName) {
  const [idType, idBuild] = idColumn(dialect);
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('deliberation_topic')
        .addColumn('id', idType, idBuild)
        // A village, community or grid: the place whose people discuss and vote.
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('raised_by', 'integer', (c) => c.notNull().references('app_user.id'))
        .addColumn('raised_at', 'text', (c) => c.notNull())
        // Why it was not accepted or closed.
        .addColumn('reason', 'text')
        // The vote: its options (JSON array of labels), when it opened and closes, and an early close.
        .addColumn('vote_options', 'text')
        .addColumn('vote_opened_at', 'text')
        .addColumn('vote_closes_at', 'text')
        .addColumn('vote_closed_at', 'text')
        // People with a role in the place, frozen when the decision is recorded (turnout stays stable).
        .addColumn('electorate', 'integer')
        .addColumn('decision', 'text')
        .addColumn('decided_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('decided_at', 'text')
        .addColumn('finished_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('deliberation_topic_unit_idx').on('deliberation_topic').columns(['unit_id', 'raised_at']).execute();
      await db.schema.createIndex('deliberation_topic_status_idx').on('deliberation_topic').columns(['status', 'raised_at']).execute();

      // One council meeting (议事会) per topic: when, where, who attended, and the minutes.
      await db.schema
        .createTable('deliberation_council')
        .addColumn('topic_id', 'integer', (c) => c.primaryKey().references('deliberation_topic.id'))
        .addColumn('scheduled_at', 'text', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull())
        .addColumn('attendees', 'text', (c) => c.notNull()) // JSON array of names
        .addColumn('minutes', 'text')
        .addColumn('minutes_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('minutes_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('deliberation_comment')
        .addColumn('id', idType, idBuild)
        .addColumn('topic_id', 'integer', (c) => c.notNull().references('deliberation_topic.id'))
        .addColumn('author_id', 'integer', (c) => c.notNull().references('app_user.id'))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull()) // visible | auto_hidden | hidden | restored
        .addColumn('reports', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('moderated_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('moderated_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('deliberation_comment_topic_idx').on('deliberation_comment').columns(['topic_id', 'id']).execute();

      // One report per person and comment: the primary key makes a second one impossible.
      await db.schema
        .createTable('deliberation_report')
        .addColumn('comment_id', 'integer', (c) => c.notNull().references('deliberation_comment.id'))
        .addColumn('reporter_id', 'integer', (c) => c.notNull().references('app_user.id'))
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('deliberation_report_pk', ['comment_id', 'reporter_id'])
        .execute();

      // One person, one vote: a change of mind updates the row (the audit log keeps every cast).
      await db.schema
        .createTable('deliberation_ballot')
        .addColumn('topic_id', 'integer', (c) => c.notNull().references('deliberation_topic.id'))
        .addColumn('voter_id', 'integer', (c) => c.notNull().references('app_user.id'))
        .addColumn('option_index', 'integer', (c) => c.notNull())
        .addColumn('cast_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('deliberation_ballot_pk', ['topic_id', 'voter_id'])
        .execute();

      // Follow-up actions (落实事项) of a decision.
      await db.schema
        .createTable('deliberation_action')
        .addColumn('id', idType, idBuild)
        .addColumn('topic_id', 'integer', (c) => c.notNull().references('deliberation_topic.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('responsible_unit_id', 'integer', (c) => c.references('unit.id'))
        .addColumn('responsible_person', 'text', (c) => c.notNull())
        .addColumn('due_on', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('done_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('deliberation_action_topic_idx').on('deliberation_action').columns(['topic_id', 'id']).execute();
    },
  };
}
