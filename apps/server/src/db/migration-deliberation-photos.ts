// Migration 0014: photos of deliberation topics (议题配图) — a broken street light, a blocked lane —
// stored like hazard and alarm photos: the bytes in the database, with their type as recognized
// from their first bytes, their size, and who added them. Never edit once shipped.
import { type Kysely } from 'kysely';
import { idColumn, type DialectName } from './dialect.ts';

export function deliberationPhotosMigration(dialect: DialectName) {
  const [idType, idBuild] = idColumn(dialect);
  const blob = dialect === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('deliberation_photo')
        .addColumn('id', idType, idBuild)
        .addColumn('topic_id', 'integer', (c) => c.notNull().references('deliberation_topic.id'))
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('data', blob, (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('deliberation_photo_topic_idx').on('deliberation_photo').columns(['topic_id', 'id']).execute();
    },
  };
}
