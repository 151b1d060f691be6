// Migration 0009: people's mediation (人民调解, 金牌和事佬, issue 6) — the pool of mediators and
// the areas they cover, dispute cases with their parties (phones encrypted), conflict-of-interest
// declarations, assignments, sessions and the case timeline. Never edit once shipped.
import { type Kysely } from 'kysely';
import { idColumn, makeAppendOnly, type DialectName } from './dialect.ts';

export function mediationMigration(dialect: DialectName) {
  const [idType, idBuild] = idColumn(dialect);
  return {
    async up(db: Kysely<any>) {
      // A member chosen as mediator by the village or town (unit_id) that keeps the pool.
      await db.schema
        .createTable('mediation_mediator')
        .addColumn('id', idType, idBuild)
        .addColumn('member_id', 'integer', (c) => c.notNull().unique().references('member.id'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
        .addColumn('specialties', 'text', (c) => c.notNull()) // joined by '|'
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull()) // 'active' | 'ended'
        .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('ended_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('mediation_mediator_unit_idx').on('mediation_mediator').columns(['unit_id', 'status']).execute();

      // The units (subtrees) a mediator covers.
      await db.schema
        .createTable('mediation_mediator_area')
        .addColumn('mediator_id', 'integer', (c) => c.notNull().references('mediation_mediator.id'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
        .addPrimaryKeyConstraint('mediation_mediator_area_pk', ['mediator_id', 'unit_id'])
        .execute();
      await db.schema.createIndex('mediation_mediator_area_unit_idx').on('mediation_mediator_area').column('unit_id').execute();

      await db.schema
        .createTable('mediation_case')
        .addColumn('id', idType, idBuild)
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
        .addColumn('year', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('registered_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('accepted_at', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('outcome', 'text') // 'agreed' | 'failed' once mediation ended
        .addColumn('outcome_at', 'text')
        .addColumn('referral', 'text')
        .addColumn('referral_note', 'text')
        .addColumn('terms', 'text', (c) => c.notNull()) // JSON array of strings
        .addColumn('performance', 'text', (c) => c.notNull()) // 履行方式、时限
        .addColumn('visit_on', 'text')
        .addColumn('visit_outcome', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('close_note', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // The sequence is per committee and year; the unique key stops two registrations taking one number.
      await db.schema.createIndex('mediation_case_seq_uq').on('mediation_case').columns(['unit_id', 'year', 'seq']).unique().execute();
      await db.schema.createIndex('mediation_case_status_idx').on('mediation_case').columns(['status', 'accepted_at']).execute();

      await db.schema
        .createTable('mediation_party')
        .addColumn('id', idType, idBuild)
        .addColumn('case_id', 'integer', (c) => c.notNull().references('mediation_case.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('relation', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('phone_enc', 'text')
        .addColumn('phone_hash', 'text')
        .addColumn('phone_masked', 'text')
        .execute();
      await db.schema.createIndex('mediation_party_case_idx').on('mediation_party').columns(['case_id', 'seq']).execute();

      // What a mediator declared about a case before being assigned to it. Append-only.
      await db.schema
        .createTable('mediation_declaration')
        .addColumn('id', idType, idBuild)
        .addColumn('case_id', 'integer', (c) => c.notNull().references('mediation_case.id'))
        .addColumn('mediator_id', 'integer', (c) => c.notNull().references('mediation_mediator.id'))
        .addColumn('conflict', 'integer', (c) => c.notNull())
        .addColumn('statement', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('declared_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('mediation_declaration_case_idx').on('mediation_declaration').columns(['case_id', 'mediator_id', 'id']).execute();
      await makeAppendOnly(db, dialect, 'mediation_declaration');

      await db.schema
        .createTable('mediation_assignment')
        .addColumn('case_id', 'integer', (c) => c.notNull().references('mediation_case.id'))
        .addColumn('mediator_id', 'integer', (c) => c.notNull().references('mediation_mediator.id'))
        .addColumn('declaration_id', 'integer', (c) => c.notNull().references('mediation_declaration.id'))
        .addColumn('assigned_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('assigned_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('mediation_assignment_pk', ['case_id', 'mediator_id'])
        .execute();
      await db.schema.createIndex('mediation_assignment_mediator_idx').on('mediation_assignment').column('mediator_id').execute();

      await db.schema
        .createTable('mediation_session')
        .addColumn('id', idType, idBuild)
        .addColumn('case_id', 'integer', (c) => c.notNull().references('mediation_case.id'))
        .addColumn('held_on', 'text', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull())
        .addColumn('attendees', 'text', (c) => c.notNull())
        .addColumn('notes', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('mediation_session_case_idx').on('mediation_session').columns(['case_id', 'held_on']).execute();

      // The case's timeline. Append-only.
      await db.schema
        .createTable('mediation_event')
        .addColumn('id', idType, idBuild)
        .addColumn('case_id', 'integer', (c) => c.notNull().references('mediation_case.id'))
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'integer', (c) => c.references('app_user.id'))
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('mediation_event_case_idx').on('mediation_event').columns(['case_id', 'id']).execute();
      await makeAppendOnly(db, dialect, 'mediation_event');
    },
  };
}
