// Migration 0011: the Open311 client applications trusted to file requests through GeoReport v2
// (issue: API keys for filing). A key is shown once when issued and kept only as its SHA-256, like
// session tokens; the contact may name a person, so it is encrypted. Never edit once shipped.
import { sql, type Kysely } from 'kysely';
import { idColumn, type DialectName } from './dialect.ts';

export function open311Migration(dialect: DialectName) {
  const [idType, idBuild] = idColumn(dialect);
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('open311_client')
        .addColumn('id', idType, idBuild)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('contact_enc', 'text')
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        // The key's first characters, so an administrator can tell which key a client uses.
        .addColumn('key_hint', 'text', (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('revoked_at', 'text')
        .addColumn('last_used_at', 'text')
        .execute();
      // Two clients in use under one name could not be told apart in the audit log; a revoked
      // client's name may be given to its successor.
      await db.schema.createIndex('open311_client_name_uq').on('open311_client').column('name').unique().where(sql.ref('revoked_at'), 'is', null).execute();
    },
  };
}
