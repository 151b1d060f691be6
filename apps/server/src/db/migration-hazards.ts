// Migration 0008: hazard reports (隐患排查, issue 6) — the hazard with its triage, fix and
// verification, its timeline and photos, and the link from an alarm back to the hazard it was
// raised from. Never edit once shipped.
import { type Kysely } from 'kysely';
import { idColumn, makeAppendOnly, type DialectName } from './dialect.ts';

export function hazardsMigration(dialect: DialectName) {
  const [idType, idBuild] = idColumn(dialect);
  const blob = dialect === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('hazard')
        .addColumn('id', idType, idBuild)
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull())
        // Double precision: PostgreSQL's real keeps about seven digits, a metre or more of error.
        .addColumn('latitude', 'double precision')
        .addColumn('longitude', 'double precision')
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull()) // 'app' | 'open311'
        // A logged-in reporter; public (Open311) reports have none and keep an encrypted contact.
        .addColumn('reported_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('reporter_name', 'text')
        .addColumn('contact_phone_enc', 'text')
        .addColumn('contact_phone_masked', 'text')
        .addColumn('contact_email_enc', 'text')
        .addColumn('contact_email_masked', 'text')
        .addColumn('media_url', 'text')
        .addColumn('reported_at', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('assigned_to', 'integer', (c) => c.references('app_user.id'))
        .addColumn('assigned_at', 'text')
        .addColumn('fixed_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('fixed_at', 'text')
        .addColumn('fix_note', 'text')
        .addColumn('verified_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('closed_at', 'text')
        .addColumn('close_reason', 'text')
        .addColumn('alarm_id', 'integer', (c) => c.references('alarm.id'))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('hazard_unit_idx').on('hazard').columns(['unit_id', 'reported_at']).execute();
      await db.schema.createIndex('hazard_status_due_idx').on('hazard').columns(['status', 'due_at']).execute();
      await db.schema.createIndex('hazard_reporter_idx').on('hazard').columns(['reported_by', 'reported_at']).execute();
      await db.schema.createIndex('hazard_assignee_idx').on('hazard').columns(['assigned_to', 'status']).execute();

      // The hazard's timeline: every report, assignment, fix, verification, reopening, rejection
      // and raise, as it happened. Append-only.
      await db.schema
        .createTable('hazard_event')
        .addColumn('id', idType, idBuild)
        .addColumn('hazard_id', 'integer', (c) => c.notNull().references('hazard.id'))
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'integer', (c) => c.references('app_user.id'))
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('hazard_event_hazard_idx').on('hazard_event').columns(['hazard_id', 'id']).execute();
      await makeAppendOnly(db, dialect, 'hazard_event');

      // Photos of the hazard as reported ('report') and of the fix ('fix').
      await db.schema
        .createTable('hazard_photo')
        .addColumn('id', idType, idBuild)
        .addColumn('hazard_id', 'integer', (c) => c.notNull().references('hazard.id'))
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('data', blob, (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('hazard_photo_hazard_idx').on('hazard_photo').column('hazard_id').execute();

      // An alarm raised from a hazard names it (the hazard names the alarm too).
      await db.schema.alterTable('alarm').addColumn('hazard_id', 'integer', (c) => c.references('hazard.id')).execute();
    },
  };
}
