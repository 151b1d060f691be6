// Schema migrations, in code so that the same files serve SQLite and PostgreSQL.
// Never edit a migration that has shipped: add a new one.
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { idColumn, makeAppendOnly, type DialectName } from './dialect.ts';
import { pointsMigration } from './migration-points.ts';
import { evaluationMigration } from './migration-evaluation.ts';
import { warningsMigration } from './migration-warnings.ts';
import { hazardsMigration } from './migration-hazards.ts';
import { helpMigration } from './migration-help.ts';
import { deliberationMigration } from './migration-deliberation.ts';
import { mediationMigration } from './migration-mediation.ts';
import { open311Migration } from './migration-open311.ts';
import { coordinatesMigration } from './migration-coordinates.ts';
import { community2Migration } from './migration-community2.ts';
import { deliberationPhotosMigration } from './migration-deliberation-photos.ts';

export function migrations(dialect: DialectName): Record<string, Migration> {
  const [idType, idBuild] = idColumn(dialect);
  return {
    '0001_foundation': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('unit')
          .addColumn('id', idType, idBuild)
          .addColumn('code', 'text', (c) => c.notNull().unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('parent_id', 'integer', (c) => c.references('unit.id'))
          .addColumn('phone', 'text')
          .addColumn('founded_on', 'text')
          .addColumn('archived_at', 'text')
          .addColumn('member_count', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('subtree_member_count', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('unit_parent_idx').on('unit').column('parent_id').execute();
        await db.schema.createIndex('unit_name_idx').on('unit').column('name').execute();

        await db.schema
          .createTable('unit_closure')
          .addColumn('ancestor_id', 'integer', (c) => c.notNull().references('unit.id'))
          .addColumn('descendant_id', 'integer', (c) => c.notNull().references('unit.id'))
          .addColumn('depth', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('unit_closure_pk', ['ancestor_id', 'descendant_id'])
          .execute();
        await db.schema.createIndex('unit_closure_desc_idx').on('unit_closure').columns(['descendant_id', 'ancestor_id']).execute();

        await db.schema
          .createTable('member')
          .addColumn('id', idType, idBuild)
          .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('name_pinyin', 'text', (c) => c.notNull())
          .addColumn('name_initials', 'text', (c) => c.notNull())
          .addColumn('gender', 'text', (c) => c.notNull())
          .addColumn('ethnicity', 'text')
          .addColumn('birth_date', 'text', (c) => c.notNull())
          .addColumn('id_number_enc', 'text', (c) => c.notNull())
          .addColumn('id_number_hash', 'text', (c) => c.notNull().unique())
          .addColumn('id_number_masked', 'text', (c) => c.notNull())
          .addColumn('mobile_enc', 'text')
          .addColumn('mobile_hash', 'text')
          .addColumn('mobile_masked', 'text')
          .addColumn('join_date', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('full_member_date', 'text')
          .addColumn('education', 'text')
          .addColumn('occupation', 'text')
          .addColumn('specialties', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        // Lists are in pinyin order (how Chinese rolls are sorted); (unit_id, name_pinyin, id) serves
        // one unit's page, (name_pinyin, id) a large subtree's page without sorting.
        // The indexes a large scope reads carry unit_id, so the scope check needs no table lookup.
        await db.schema.createIndex('member_unit_pinyin_idx').on('member').columns(['unit_id', 'name_pinyin', 'id']).execute();
        await db.schema.createIndex('member_pinyin_idx').on('member').columns(['name_pinyin', 'id', 'unit_id']).execute();
        await db.schema.createIndex('member_initials_idx').on('member').columns(['name_initials', 'unit_id']).execute();
        await db.schema.createIndex('member_name_idx').on('member').column('name').execute();
        await db.schema.createIndex('member_mobile_hash_idx').on('member').column('mobile_hash').execute();
        await db.schema.createIndex('member_status_idx').on('member').columns(['status', 'name_pinyin', 'id', 'unit_id']).execute();

        // Each character of each name: "part of a name" searches look characters up here instead of
        // scanning every name with LIKE '%…%' (Chinese names are 2–4 characters).
        await db.schema
          .createTable('member_name_char')
          .addColumn('ch', 'text', (c) => c.notNull())
          .addColumn('member_id', 'integer', (c) => c.notNull().references('member.id'))
          .addPrimaryKeyConstraint('member_name_char_pk', ['ch', 'member_id'])
          .execute();
        await db.schema.createIndex('member_name_char_member_idx').on('member_name_char').column('member_id').execute();

        await db.schema
          .createTable('member_specialty')
          .addColumn('member_id', 'integer', (c) => c.notNull().references('member.id'))
          .addColumn('specialty', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('member_specialty_pk', ['member_id', 'specialty'])
          .execute();
        await db.schema.createIndex('member_specialty_idx').on('member_specialty').columns(['specialty', 'member_id']).execute();

        await db.schema
          .createTable('specialty')
          .addColumn('id', idType, idBuild)
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('unit_id', 'integer', (c) => c.references('unit.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('specialty_name_idx').on('specialty').columns(['name', 'unit_id']).unique().execute();

        await db.schema
          .createTable('member_transfer')
          .addColumn('id', idType, idBuild)
          .addColumn('member_id', 'integer', (c) => c.notNull().references('member.id'))
          .addColumn('from_unit_id', 'integer', (c) => c.notNull().references('unit.id'))
          .addColumn('to_unit_id', 'integer', (c) => c.notNull().references('unit.id'))
          .addColumn('transferred_on', 'text', (c) => c.notNull())
          .addColumn('reason', 'text')
          .addColumn('actor_user_id', 'integer')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('member_transfer_member_idx').on('member_transfer').column('member_id').execute();

        await db.schema
          .createTable('app_user')
          .addColumn('id', idType, idBuild)
          .addColumn('username', 'text', (c) => c.unique())
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('phone_enc', 'text')
          .addColumn('phone_hash', 'text', (c) => c.unique())
          .addColumn('phone_masked', 'text')
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('member_id', 'integer', (c) => c.references('member.id'))
          .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('disabled_at', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('role_grant')
          .addColumn('id', idType, idBuild)
          .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('unit_id', 'integer', (c) => c.references('unit.id'))
          .addColumn('granted_by', 'integer')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('role_grant_uniq').on('role_grant').columns(['user_id', 'role', 'unit_id']).unique().execute();
        await db.schema.createIndex('role_grant_unit_idx').on('role_grant').columns(['unit_id', 'role']).execute();

        await db.schema
          .createTable('session')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
          .addColumn('csrf_token', 'text', (c) => c.notNull())
          .addColumn('ip', 'text')
          .addColumn('user_agent', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('session_user_idx').on('session').column('user_id').execute();

        await db.schema
          .createTable('login_throttle')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('failures', 'integer', (c) => c.notNull())
          .addColumn('window_started_at', 'text', (c) => c.notNull())
          .addColumn('locked_until', 'text')
          .execute();

        await db.schema
          .createTable('audit_log')
          .addColumn('id', idType, idBuild)
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('actor_user_id', 'integer')
          .addColumn('actor_name', 'text')
          .addColumn('ip', 'text')
          .addColumn('entity_type', 'text', (c) => c.notNull())
          .addColumn('entity_id', 'text', (c) => c.notNull())
          .addColumn('unit_id', 'integer')
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('before_json', 'text')
          .addColumn('after_json', 'text')
          .execute();
        await db.schema.createIndex('audit_unit_idx').on('audit_log').columns(['unit_id', 'id']).execute();
        await db.schema.createIndex('audit_entity_idx').on('audit_log').columns(['entity_type', 'entity_id']).execute();
        await makeAppendOnly(db, dialect, 'audit_log');
      },
    },

    // A name search reads the character index alone: each entry carries the name, its sort key and
    // the unit, so a city-wide search for a common character neither joins nor sorts 200,000 members.
    '0002_name_search': {
      async up(db: Kysely<any>) {
        await db.schema.alterTable('member_name_char').addColumn('name', 'text', (c) => c.notNull().defaultTo('')).execute();
        await db.schema.alterTable('member_name_char').addColumn('name_pinyin', 'text', (c) => c.notNull().defaultTo('')).execute();
        await db.schema.alterTable('member_name_char').addColumn('unit_id', 'integer', (c) => c.notNull().defaultTo(0)).execute();
        await sql`UPDATE member_name_char SET
            name = (SELECT m.name FROM member m WHERE m.id = member_name_char.member_id),
            name_pinyin = (SELECT m.name_pinyin FROM member m WHERE m.id = member_name_char.member_id),
            unit_id = (SELECT m.unit_id FROM member m WHERE m.id = member_name_char.member_id)`.execute(db);
        await db.schema.createIndex('member_name_char_order_idx').on('member_name_char').columns(['ch', 'name_pinyin', 'member_id', 'unit_id', 'name']).execute();
        // Pinyin searches read the initials and the pinyin indexes alone, both covering what a
        // search needs (the sort key, the unit, and the other key for a walk in pinyin order).
        await db.schema.dropIndex('member_initials_idx').execute();
        await db.schema.createIndex('member_initials_idx').on('member').columns(['name_initials', 'name_pinyin', 'id', 'unit_id']).execute();
        await db.schema.dropIndex('member_pinyin_idx').execute();
        await db.schema.createIndex('member_pinyin_idx').on('member').columns(['name_pinyin', 'id', 'unit_id', 'name_initials']).execute();
      },
    },

    // Full members per unit, maintained like member_count: the organization-rule warnings (a branch
    // needs three full members) and the first page's figures then never group the member table.
    '0003_full_member_count': {
      async up(db: Kysely<any>) {
        await db.schema.alterTable('unit').addColumn('full_member_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
        await sql`UPDATE unit SET full_member_count = (SELECT COUNT(*) FROM member m WHERE m.unit_id = unit.id AND m.status = 'full')`.execute(db);
      },
    },

    '0004_points': pointsMigration(dialect),
    '0005_evaluation': evaluationMigration(dialect),
    '0006_warnings': warningsMigration(dialect),
    '0007_help': helpMigration(dialect),
    '0008_hazards': hazardsMigration(dialect),
    '0009_mediation': mediationMigration(dialect),
    '0010_deliberation': deliberationMigration(dialect),
    '0012_coordinates': coordinatesMigration(dialect),
    '0011_open311': open311Migration(dialect),
    '0013_community': community2Migration(dialect),
    '0014_deliberation_photos': deliberationPhotosMigration(dialect),
  };
}
