// Migration 0012: coordinates in double precision. Alarms (0006) and help requests (0007) were
// created with `real`, which PostgreSQL stores as float4: about seven significant digits, so a
// longitude like 118.7912345 comes back as 118.79123 — a metre or more off, enough to send someone
// to the wrong side of a ravine. Hazards (0008) already use double precision. SQLite's REAL is
// already an 8-byte float, so there is nothing to change there. Never edit once shipped.
import { sql, type Kysely } from 'kysely';
import type { DialectName } from './dialect.ts';

/** Every coordinate column still stored as float4 on PostgreSQL. */
const FLOAT4_COORDINATES = [
  { table: 'alarm', columns: ['latitude', 'longitude'] },
  { table: 'help_request', columns: ['latitude', 'longitude'] },
] as const;

export function coordinatesMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      if (dialect !== 'postgres') return;
      // float4 → float8 directly would keep the float4's binary value, and 36.85 would read back as
      // 36.849998474121094. Going through text keeps the digits people saw and typed: float4's
      // text output is the shortest that reads back to the same float4 (PostgreSQL 12 and later,
      // extra_float_digits ≥ 1, the default; set here for the transaction so a server configured
      // otherwise cannot cut digits).
      await sql`SET LOCAL extra_float_digits = 1`.execute(db);
      for (const { table, columns } of FLOAT4_COORDINATES) {
        const changes = columns.map((c) => sql`ALTER COLUMN ${sql.ref(c)} TYPE double precision USING ${sql.ref(c)}::text::double precision`);
        // One statement per table: PostgreSQL rewrites the table once, not once per column.
        await sql`ALTER TABLE ${sql.table(table)} ${sql.join(changes)}`.execute(db);
      }
    },
  };
}
