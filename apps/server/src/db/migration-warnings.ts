// Migration 0006: the warning cascade (issue 5) — warnings and their CAP messages, the units they
// reach with acknowledgement and escalation state, the timeline, durable jobs, the inbox and
// outbound deliveries, vulnerable households, evacuation, alarms and recovery. Never edit once shipped.
import { type Kysely } from 'kysely';
import { idColumn, makeAppendOnly, type DialectName } from './dialect.ts';

export function warningsMigration(dialect: DialectName) {
  const [idType, idBuild] = idColumn(dialect);
  const blob = dialect === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: Kysely<any>) {
      // GB/T 2260 administrative division code of a unit (县 6 digits, 乡镇 9, 村 12): CAP geocodes
      // are matched against it on import and written from it on export.
      await db.schema.alterTable('unit').addColumn('area_code', 'text').execute();
      await db.schema.createIndex('unit_area_code_idx').on('unit').column('area_code').execute();

      // Installation-wide settings kept as JSON (acknowledgement deadlines, recovery targets).
      await db.schema
        .createTable('system_setting')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      // A warning: one incident from its first alert through its updates to cancel or expiry.
      await db.schema
        .createTable('warning')
        .addColumn('id', idType, idBuild)
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
        .addColumn('hazard', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('headline', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('instruction', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull()) // 'active' | 'cancelled' (expiry is derived from expires_at)
        .addColumn('exercise', 'integer', (c) => c.notNull())
        .addColumn('effective_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text')
        .addColumn('identifier', 'text', (c) => c.notNull().unique())
        .addColumn('sender', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull()) // 'native' | 'cap' | 'alarm'
        // Acknowledgement deadlines count from here: the issue, or the last raise in level.
        .addColumn('deadline_from', 'text', (c) => c.notNull())
        .addColumn('fanout_done_at', 'text')
        .addColumn('issued_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('cancelled_at', 'text')
        .addColumn('cancel_reason', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('warning_unit_issued_idx').on('warning').columns(['unit_id', 'issued_at']).execute();
      await db.schema.createIndex('warning_issued_idx').on('warning').columns(['issued_at', 'id']).execute();

      // The subtrees a warning covers, as chosen (the fan-out expands them to every unit below).
      await db.schema
        .createTable('warning_area')
        .addColumn('warning_id', 'integer', (c) => c.notNull().references('warning.id'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
        .addPrimaryKeyConstraint('warning_area_pk', ['warning_id', 'unit_id'])
        .execute();

      // Every CAP message of a warning (Alert, Update, Cancel), kept whole so exports are lossless.
      await db.schema
        .createTable('warning_message')
        .addColumn('id', idType, idBuild)
        .addColumn('warning_id', 'integer', (c) => c.notNull().references('warning.id'))
        .addColumn('identifier', 'text', (c) => c.notNull().unique())
        .addColumn('msg_type', 'text', (c) => c.notNull())
        .addColumn('sent', 'text', (c) => c.notNull())
        .addColumn('cap', 'text', (c) => c.notNull()) // JSON of the CapAlert
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('warning_message_warning_idx').on('warning_message').columns(['warning_id', 'id']).execute();

      // Each unit a warning reached: the cascade's core fact is acknowledged_at (签收).
      await db.schema
        .createTable('warning_unit')
        .addColumn('warning_id', 'integer', (c) => c.notNull().references('warning.id'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
        .addColumn('parent_id', 'integer')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('notified_at', 'text', (c) => c.notNull())
        .addColumn('acked_at', 'text')
        .addColumn('acked_by', 'integer', (c) => c.references('app_user.id'))
        // Seconds from notification to acknowledgement, kept with it: the dashboard's medians then
        // sort integers in the database instead of parsing 12,000 timestamps.
        .addColumn('ack_seconds', 'integer')
        .addColumn('escalation_step', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('overdue_at', 'text')
        .addPrimaryKeyConstraint('warning_unit_pk', ['warning_id', 'unit_id'])
        .execute();
      await db.schema.createIndex('warning_unit_unit_idx').on('warning_unit').columns(['unit_id', 'warning_id']).execute();
      await db.schema.createIndex('warning_unit_pending_idx').on('warning_unit').columns(['warning_id', 'acked_at', 'escalation_step']).execute();

      // The timeline of everything that happened to a warning. Append-only.
      await db.schema
        .createTable('warning_event')
        .addColumn('id', idType, idBuild)
        .addColumn('warning_id', 'integer', (c) => c.notNull().references('warning.id'))
        .addColumn('unit_id', 'integer')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'integer')
        .addColumn('detail', 'text', (c) => c.notNull()) // JSON
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('warning_event_warning_idx').on('warning_event').columns(['warning_id', 'id']).execute();
      await makeAppendOnly(db, dialect, 'warning_event');

      // Durable jobs and timers (fan-out, escalation steps, deliveries): a job is claimed by
      // setting locked_until, so several app servers never run one twice at once, and its effect
      // is written in the same transaction as status = 'done'.
      await db.schema
        .createTable('scheduled_job')
        .addColumn('id', idType, idBuild)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('ref_id', 'integer', (c) => c.notNull())
        .addColumn('step', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('run_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull()) // 'pending' | 'done' | 'cancelled'
        .addColumn('cursor', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('done_at', 'text')
        .addUniqueConstraint('scheduled_job_once', ['kind', 'ref_id', 'step'])
        .execute();
      await db.schema.createIndex('scheduled_job_due_idx').on('scheduled_job').columns(['status', 'run_at']).execute();

      // The in-app inbox. dedupe_key makes every notification idempotent: a resumed fan-out or a
      // re-run escalation step never tells anyone twice.
      await db.schema
        .createTable('notification')
        .addColumn('id', idType, idBuild)
        .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('link', 'text')
        .addColumn('warning_id', 'integer')
        .addColumn('unit_id', 'integer')
        .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('read_at', 'text')
        .execute();
      await db.schema.createIndex('notification_user_idx').on('notification').columns(['user_id', 'id']).execute();

      // A unit's backup contacts (备用联系人), told when the unit stays silent past its deadline.
      await db.schema
        .createTable('unit_backup_contact')
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('unit_backup_contact_pk', ['unit_id', 'user_id'])
        .execute();

      // Outbound channels (signed webhook, e-mail) and their deliveries with retries and a dead-letter state.
      await db.schema
        .createTable('channel')
        .addColumn('id', idType, idBuild)
        .addColumn('unit_id', 'integer', (c) => c.references('unit.id'))
        .addColumn('kind', 'text', (c) => c.notNull()) // 'webhook' | 'email'
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('config', 'text', (c) => c.notNull()) // JSON; secrets encrypted
        .addColumn('events', 'text', (c) => c.notNull()) // comma-separated event kinds
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('delivery')
        .addColumn('id', idType, idBuild)
        .addColumn('channel_id', 'integer', (c) => c.notNull().references('channel.id'))
        .addColumn('event_kind', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
        .addColumn('status', 'text', (c) => c.notNull()) // 'pending' | 'sent' | 'dead'
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('locked_until', 'text')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .execute();
      await db.schema.createIndex('delivery_due_idx').on('delivery').columns(['status', 'next_attempt_at']).execute();
      await db.schema.createIndex('delivery_channel_idx').on('delivery').columns(['channel_id', 'id']).execute();

      // Households of a grid (minimal: address and a contact) and the people in them to move first.
      await db.schema
        .createTable('household')
        .addColumn('id', idType, idBuild)
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('head_name', 'text', (c) => c.notNull())
        .addColumn('phone_enc', 'text')
        .addColumn('phone_masked', 'text')
        .addColumn('people', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('archived_at', 'text')
        .execute();
      await db.schema.createIndex('household_unit_idx').on('household').columns(['unit_id', 'id']).execute();
      await db.schema
        .createTable('vulnerable_person')
        .addColumn('id', idType, idBuild)
        .addColumn('household_id', 'integer', (c) => c.notNull().references('household.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull()) // why it is recorded (data minimization)
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('removed_at', 'text')
        .execute();
      await db.schema.createIndex('vulnerable_person_household_idx').on('vulnerable_person').column('household_id').execute();

      // Shelters (安置点) of a village, their occupancy during a warning, and the village's report.
      await db.schema
        .createTable('shelter')
        .addColumn('id', idType, idBuild)
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('capacity', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('archived_at', 'text')
        .execute();
      await db.schema.createIndex('shelter_unit_idx').on('shelter').column('unit_id').execute();
      await db.schema
        .createTable('shelter_occupancy')
        .addColumn('warning_id', 'integer', (c) => c.notNull().references('warning.id'))
        .addColumn('shelter_id', 'integer', (c) => c.notNull().references('shelter.id'))
        .addColumn('occupants', 'integer', (c) => c.notNull())
        .addColumn('updated_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('shelter_occupancy_pk', ['warning_id', 'shelter_id'])
        .execute();
      await db.schema
        .createTable('evacuation_report')
        .addColumn('warning_id', 'integer', (c) => c.notNull().references('warning.id'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
        .addColumn('to_move', 'integer', (c) => c.notNull())
        .addColumn('moved', 'integer', (c) => c.notNull())
        .addColumn('refused', 'integer', (c) => c.notNull())
        .addColumn('updated_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('evacuation_report_pk', ['warning_id', 'unit_id'])
        .execute();
      await db.schema
        .createTable('evacuation_check')
        .addColumn('warning_id', 'integer', (c) => c.notNull().references('warning.id'))
        .addColumn('household_id', 'integer', (c) => c.notNull().references('household.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('checked_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('checked_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('evacuation_check_pk', ['warning_id', 'household_id'])
        .execute();

      // Bottom-up alarms (上报) with their photos.
      await db.schema
        .createTable('alarm')
        .addColumn('id', idType, idBuild)
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull())
        .addColumn('latitude', 'real')
        .addColumn('longitude', 'real')
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('raised_by', 'integer', (c) => c.notNull().references('app_user.id'))
        .addColumn('raised_at', 'text', (c) => c.notNull())
        .addColumn('handled_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('handled_at', 'text')
        .addColumn('note', 'text')
        .addColumn('warning_id', 'integer', (c) => c.references('warning.id'))
        .execute();
      await db.schema.createIndex('alarm_unit_idx').on('alarm').columns(['unit_id', 'raised_at']).execute();
      await db.schema.createIndex('alarm_status_idx').on('alarm').columns(['status', 'raised_at']).execute();
      await db.schema
        .createTable('alarm_photo')
        .addColumn('id', idType, idBuild)
        .addColumn('alarm_id', 'integer', (c) => c.notNull().references('alarm.id'))
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('data', blob, (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('alarm_photo_alarm_idx').on('alarm_photo').column('alarm_id').execute();

      // Outages after a disaster and their restoration (灾后恢复).
      await db.schema
        .createTable('outage')
        .addColumn('id', idType, idBuild)
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
        .addColumn('warning_id', 'integer', (c) => c.references('warning.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('restored_at', 'text')
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('reported_by', 'integer', (c) => c.references('app_user.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('outage_unit_idx').on('outage').columns(['unit_id', 'started_at']).execute();
      await db.schema.createIndex('outage_warning_idx').on('outage').columns(['warning_id']).execute();
    },
  };
}
