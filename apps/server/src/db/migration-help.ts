// Migration 0007: help requests (群众求助, issue 6) and members serving where they live (双报到) —
// residence registrations with their specialties and hours, requests with the members they were
// matched to, and photos. Never edit once shipped.
import { type Kysely } from 'kysely';
import { idColumn, type DialectName } from './dialect.ts';

export function helpMigration(dialect: DialectName) {
  const [idType, idBuild] = idColumn(dialect);
  const blob = dialect === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: Kysely<any>) {
      // A member registered to serve where they live: a grid, village or community (unit_id), whose
      // village or community is village_id. Ended registrations are kept for the record.
      await db.schema
        .createTable('help_residence')
        .addColumn('id', idType, idBuild)
        .addColumn('member_id', 'integer', (c) => c.notNull().references('member.id'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
        .addColumn('village_id', 'integer', (c) => c.notNull().references('unit.id'))
        .addColumn('specialties', 'text', (c) => c.notNull()) // '|'-joined, like member.specialties
        .addColumn('hours', 'text', (c) => c.notNull()) // JSON: HelpWindow[]
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull()) // 'active' | 'ended'
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('ended_at', 'text')
        .execute();
      await db.schema.createIndex('help_residence_village_idx').on('help_residence').columns(['village_id', 'status', 'member_id']).execute();
      await db.schema.createIndex('help_residence_member_idx').on('help_residence').columns(['member_id', 'status']).execute();

      // One row per specialty of an active registration, so matching finds registered members of a
      // village by specialty through an index instead of reading every registration.
      await db.schema
        .createTable('help_residence_specialty')
        .addColumn('residence_id', 'integer', (c) => c.notNull().references('help_residence.id'))
        .addColumn('village_id', 'integer', (c) => c.notNull())
        .addColumn('specialty', 'text', (c) => c.notNull())
        .addColumn('member_id', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('help_residence_specialty_pk', ['residence_id', 'specialty'])
        .execute();
      await db.schema.createIndex('help_residence_specialty_idx').on('help_residence_specialty').columns(['village_id', 'specialty', 'residence_id']).execute();

      await db.schema
        .createTable('help_request')
        .addColumn('id', idType, idBuild)
        .addColumn('receipt_code', 'text', (c) => c.notNull().unique())
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
        .addColumn('village_id', 'integer', (c) => c.notNull().references('unit.id'))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull())
        .addColumn('latitude', 'real')
        .addColumn('longitude', 'real')
        .addColumn('status', 'text', (c) => c.notNull())
        // Who asked: a name and an encrypted phone always; the account when filed logged in.
        .addColumn('resident_name', 'text', (c) => c.notNull())
        .addColumn('phone_enc', 'text', (c) => c.notNull())
        .addColumn('phone_hash', 'text', (c) => c.notNull())
        .addColumn('phone_masked', 'text', (c) => c.notNull())
        // A blind index of the filer's network address, only to count floods.
        .addColumn('address_hash', 'text')
        .addColumn('filed_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('source', 'text', (c) => c.notNull()) // 'public' | 'account' | 'open311'
        .addColumn('accepted_member_id', 'integer', (c) => c.references('member.id'))
        .addColumn('accepted_user_id', 'integer', (c) => c.references('app_user.id'))
        .addColumn('accepted_at', 'text')
        .addColumn('started_at', 'text')
        .addColumn('resolved_at', 'text')
        .addColumn('resolution', 'text')
        .addColumn('confirmed_at', 'text')
        .addColumn('rating', 'integer')
        .addColumn('rating_comment', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('closed_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('close_reason', 'text')
        .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('reopen_reason', 'text')
        .addColumn('escalated_at', 'text')
        .addColumn('accept_due_at', 'text', (c) => c.notNull())
        .addColumn('resolve_due_at', 'text', (c) => c.notNull())
        .addColumn('points_entry_id', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('help_request_village_idx').on('help_request').columns(['village_id', 'status', 'created_at']).execute();
      await db.schema.createIndex('help_request_unit_idx').on('help_request').columns(['unit_id', 'created_at']).execute();
      await db.schema.createIndex('help_request_helper_idx').on('help_request').columns(['accepted_member_id', 'status']).execute();
      await db.schema.createIndex('help_request_phone_idx').on('help_request').columns(['phone_hash', 'created_at']).execute();
      await db.schema.createIndex('help_request_address_idx').on('help_request').columns(['address_hash', 'created_at']).execute();
      await db.schema.createIndex('help_request_filer_idx').on('help_request').columns(['filed_by', 'created_at']).execute();

      // The members a request was matched to (and told of), with their score.
      await db.schema
        .createTable('help_match')
        .addColumn('request_id', 'integer', (c) => c.notNull().references('help_request.id'))
        .addColumn('member_id', 'integer', (c) => c.notNull().references('member.id'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
        .addColumn('score', 'integer', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('help_match_pk', ['request_id', 'member_id'])
        .execute();
      await db.schema.createIndex('help_match_member_idx').on('help_match').columns(['member_id', 'request_id']).execute();

      await db.schema
        .createTable('help_photo')
        .addColumn('id', idType, idBuild)
        .addColumn('request_id', 'integer', (c) => c.notNull().references('help_request.id'))
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('data', blob, (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('help_photo_request_idx').on('help_photo').columns(['request_id', 'id']).execute();

      // Matching goes from candidate members to their accounts (only they can be told and accept).
      await db.schema.createIndex('app_user_member_idx').on('app_user').column('member_id').execute();
    },
  };
}
