// Migration 0004: the dual-points ledger and everything booked into it (issue 3). Kept in its own
// file because it is long; registered in migrations.ts. Never edit once shipped.
import { sql, type Kysely } from 'kysely';
import { idColumn, makeAppendOnly, type DialectName } from './dialect.ts';

export function pointsMigration(dialect: DialectName) {
  const [idType, idBuild] = idColumn(dialect);
  const blob = dialect === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: Kysely<any>) {
      // Per-unit settings, inherited from the nearest ancestor that has a row.
      await db.schema
        .createTable('points_settings')
        .addColumn('unit_id', 'integer', (c) => c.primaryKey().references('unit.id'))
        .addColumn('period_kind', 'text', (c) => c.notNull())
        .addColumn('board_enabled', 'integer', (c) => c.notNull())
        // 1: points can be spent only in the period they were earned in; 0: they never expire.
        .addColumn('balance_expires', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      // The rules catalogue: a unit's rows override its ancestors' rows of the same code.
      await db.schema
        .createTable('points_rule')
        .addColumn('id', idType, idBuild)
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('account', 'text', (c) => c.notNull())
        .addColumn('points_min', 'integer', (c) => c.notNull())
        .addColumn('points_max', 'integer', (c) => c.notNull())
        .addColumn('cap_per_period', 'integer')
        .addColumn('cycle_days', 'integer')
        .addColumn('max_per_cycle', 'integer')
        .addColumn('needs_evidence', 'integer', (c) => c.notNull())
        .addColumn('needs_approval', 'integer', (c) => c.notNull())
        .addColumn('veto', 'integer', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('points_rule_unit_code', ['unit_id', 'code'])
        .execute();

      // The ledger. Append-only (triggers); a correction is a new entry that reverses an old one.
      await db.schema
        .createTable('points_entry')
        .addColumn('id', idType, idBuild)
        .addColumn('member_id', 'integer', (c) => c.notNull().references('member.id'))
        // The member's unit when booked: the ledger of a subtree reads by it.
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('occurred_on', 'text', (c) => c.notNull())
        .addColumn('account', 'text', (c) => c.notNull())
        // Signed effect: base and bonus positive, deductions and redemptions negative.
        .addColumn('points', 'integer', (c) => c.notNull())
        // +1 for a veto entry, −1 for its reversal, else 0.
        .addColumn('veto', 'integer', (c) => c.notNull())
        // Where its points can be spent: '*' (never expire) or its period.
        .addColumn('bucket', 'text', (c) => c.notNull())
        .addColumn('rule_id', 'integer', (c) => c.references('points_rule.id'))
        .addColumn('rule_code', 'text')
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('reverses_id', 'integer', (c) => c.references('points_entry.id'))
        .addColumn('approved_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('points_entry_member_idx').on('points_entry').columns(['member_id', 'period', 'id']).execute();
      await db.schema.createIndex('points_entry_rule_idx').on('points_entry').columns(['member_id', 'rule_id', 'occurred_on']).execute();
      await db.schema.createIndex('points_entry_unit_idx').on('points_entry').columns(['unit_id', 'period', 'id']).execute();
      // One reversal per entry, enforced by the database.
      await db.schema.createIndex('points_entry_reverses_idx').on('points_entry').column('reverses_id').unique().execute();
      await makeAppendOnly(db, dialect, 'points_entry');

      // Figures per member and period, maintained in the same transaction as every entry.
      await db.schema
        .createTable('points_tally')
        .addColumn('member_id', 'integer', (c) => c.notNull().references('member.id'))
        .addColumn('period', 'text', (c) => c.notNull())
        // The member's current unit: boards of a subtree read by it (moved on transfer).
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
        .addColumn('base', 'integer', (c) => c.notNull())
        .addColumn('bonus', 'integer', (c) => c.notNull())
        .addColumn('deduction', 'integer', (c) => c.notNull())
        .addColumn('redeemed', 'integer', (c) => c.notNull())
        .addColumn('vetoes', 'integer', (c) => c.notNull())
        .addColumn('score', 'integer', (c) => c.notNull())
        .addColumn('reached_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('points_tally_pk', ['member_id', 'period'])
        .execute();
      // Boards: a whole-scope board walks the first, a unit's board the second.
      await sql`CREATE INDEX points_tally_board_idx ON points_tally (period, score DESC, deduction, reached_at, member_id, unit_id)`.execute(db);
      await sql`CREATE INDEX points_tally_unit_board_idx ON points_tally (unit_id, period, score DESC, deduction, reached_at, member_id)`.execute(db);

      // Spendable balance per member and bucket. Redemptions decrement it with a conditional update
      // (balance >= price), so that no interleaving of concurrent redemptions can overdraw it.
      await db.schema
        .createTable('points_balance')
        .addColumn('member_id', 'integer', (c) => c.notNull().references('member.id'))
        .addColumn('bucket', 'text', (c) => c.notNull())
        .addColumn('balance', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('points_balance_pk', ['member_id', 'bucket'])
        .execute();

      // Claims: a member (or a secretary for them) asks for points under a rule.
      await db.schema
        .createTable('points_claim')
        .addColumn('id', idType, idBuild)
        .addColumn('member_id', 'integer', (c) => c.notNull().references('member.id'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
        .addColumn('rule_id', 'integer', (c) => c.notNull().references('points_rule.id'))
        .addColumn('occurred_on', 'text', (c) => c.notNull())
        .addColumn('points', 'integer')
        .addColumn('remark', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('submitted_by', 'integer', (c) => c.notNull().references('app_user.id'))
        .addColumn('submitted_at', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('decided_at', 'text')
        .addColumn('decision_reason', 'text')
        .addColumn('entry_id', 'integer', (c) => c.references('points_entry.id'))
        .addColumn('idempotency_key', 'text')
        .execute();
      await db.schema.createIndex('points_claim_queue_idx').on('points_claim').columns(['status', 'unit_id', 'id']).execute();
      await db.schema.createIndex('points_claim_member_idx').on('points_claim').columns(['member_id', 'id']).execute();
      await db.schema.createIndex('points_claim_idem_idx').on('points_claim').columns(['submitted_by', 'idempotency_key']).unique().execute();
      // The same member, rule and day cannot be claimed twice while a claim stands.
      await sql`CREATE UNIQUE INDEX points_claim_once_idx ON points_claim (member_id, rule_id, occurred_on) WHERE status IN ('pending', 'approved')`.execute(db);

      // Evidence files (photos, PDF), stored in the database so that any app server can serve them.
      await db.schema
        .createTable('points_evidence')
        .addColumn('id', idType, idBuild)
        .addColumn('owner_type', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('data', blob, (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('points_evidence_owner_idx').on('points_evidence').columns(['owner_type', 'owner_id']).execute();
      await db.schema.createIndex('points_evidence_hash_idx').on('points_evidence').column('sha256').execute();

      // 十为十不为: each save is a new published version, acknowledged once by each member.
      await db.schema
        .createTable('conduct_list')
        .addColumn('id', idType, idBuild)
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
        .addColumn('published_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('published_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('conduct_list_unit_idx').on('conduct_list').columns(['unit_id', 'id']).execute();
      await db.schema
        .createTable('conduct_item')
        .addColumn('id', idType, idBuild)
        .addColumn('list_id', 'integer', (c) => c.notNull().references('conduct_list.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('rule_code', 'text')
        .execute();
      await db.schema.createIndex('conduct_item_list_idx').on('conduct_item').columns(['list_id', 'position']).execute();
      await db.schema
        .createTable('conduct_ack')
        .addColumn('member_id', 'integer', (c) => c.notNull().references('member.id'))
        .addColumn('list_id', 'integer', (c) => c.notNull().references('conduct_list.id'))
        .addColumn('acked_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('conduct_ack_pk', ['member_id', 'list_id'])
        .execute();
      await db.schema
        .createTable('points_violation')
        .addColumn('id', idType, idBuild)
        .addColumn('member_id', 'integer', (c) => c.notNull().references('member.id'))
        .addColumn('conduct_item_id', 'integer', (c) => c.notNull().references('conduct_item.id'))
        .addColumn('occurred_on', 'text', (c) => c.notNull())
        .addColumn('remark', 'text', (c) => c.notNull())
        .addColumn('entry_id', 'integer', (c) => c.notNull().references('points_entry.id'))
        .addColumn('recorded_by', 'integer', (c) => c.notNull().references('app_user.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      // The personal task list: tasks members claim by specialty, report, and have verified.
      await db.schema
        .createTable('service_task')
        .addColumn('id', idType, idBuild)
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('specialties', 'text', (c) => c.notNull())
        .addColumn('points', 'integer', (c) => c.notNull())
        .addColumn('capacity', 'integer', (c) => c.notNull())
        // Claims that hold a place (claimed, reported, verified); kept with a conditional update.
        .addColumn('taken', 'integer', (c) => c.notNull())
        .addColumn('deadline', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('service_task_unit_idx').on('service_task').columns(['unit_id', 'status']).execute();
      await db.schema
        .createTable('task_claim')
        .addColumn('id', idType, idBuild)
        .addColumn('task_id', 'integer', (c) => c.notNull().references('service_task.id'))
        .addColumn('member_id', 'integer', (c) => c.notNull().references('member.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('report', 'text')
        .addColumn('reported_at', 'text')
        .addColumn('decided_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('decided_at', 'text')
        .addColumn('decision_reason', 'text')
        .addColumn('entry_id', 'integer', (c) => c.references('points_entry.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await sql`CREATE UNIQUE INDEX task_claim_once_idx ON task_claim (task_id, member_id) WHERE status IN ('claimed', 'reported', 'verified')`.execute(db);
      await db.schema.createIndex('task_claim_member_idx').on('task_claim').columns(['member_id', 'id']).execute();

      // The points shop (积分超市), one per unit that runs one.
      await db.schema
        .createTable('shop_item')
        .addColumn('id', idType, idBuild)
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('price', 'integer', (c) => c.notNull())
        .addColumn('stock', 'integer', (c) => c.notNull())
        .addColumn('limit_per_period', 'integer')
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('shop_item_unit_idx').on('shop_item').columns(['unit_id', 'active']).execute();
      await db.schema
        .createTable('shop_order')
        .addColumn('id', idType, idBuild)
        .addColumn('item_id', 'integer', (c) => c.notNull().references('shop_item.id'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
        .addColumn('member_id', 'integer', (c) => c.notNull().references('member.id'))
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('price', 'integer', (c) => c.notNull())
        .addColumn('total', 'integer', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('entry_id', 'integer', (c) => c.notNull().references('points_entry.id'))
        .addColumn('refund_entry_id', 'integer', (c) => c.references('points_entry.id'))
        .addColumn('idempotency_key', 'text')
        .addColumn('created_by', 'integer', (c) => c.notNull().references('app_user.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('closed_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('closed_at', 'text')
        .addColumn('cancel_reason', 'text')
        .execute();
      await db.schema.createIndex('shop_order_unit_idx').on('shop_order').columns(['unit_id', 'status', 'id']).execute();
      await db.schema.createIndex('shop_order_member_idx').on('shop_order').columns(['member_id', 'item_id', 'period']).execute();
      await db.schema.createIndex('shop_order_idem_idx').on('shop_order').columns(['created_by', 'idempotency_key']).unique().execute();

      // 流动挂牌: who holds the plaque of a unit in a period; every decision is a new row.
      await db.schema
        .createTable('plaque_award')
        .addColumn('id', idType, idBuild)
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('member_id', 'integer', (c) => c.notNull().references('member.id'))
        .addColumn('score', 'integer', (c) => c.notNull())
        .addColumn('basis', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('decided_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('decided_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('plaque_award_unit_idx').on('plaque_award').columns(['unit_id', 'period', 'id']).execute();
    },
  };
}
