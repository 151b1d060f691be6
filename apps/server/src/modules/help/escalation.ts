// Escalation of a help request nobody accepted within its category's limit: a durable job (see
// core/jobs.ts) due at the request's accept deadline tells the village's secretaries and party
// affairs workers, marks the request escalated and records it, in one transaction with the job's
// completion — so it happens once, even with several app servers or after a crash.
import { recordAudit } from '../../core/audit.ts';
import { nowIso, type Deps } from '../../core/context.ts';
import { completeJob, type JobHandler } from '../../core/jobs.ts';
import * as repo from './repo.ts';
import { runMatching } from './matching.ts';
import { ESCALATE_JOB, MATCH_JOB } from './requests.ts';

const runEscalation: JobHandler = async (deps: Deps, job) => {
  const now = nowIso(deps);
  await deps.database.db.transaction().execute(async (tx) => {
    const r = await repo.getRequest(tx, job.ref_id);
    // Accepted or closed meanwhile (the job is normally cancelled then): nothing to do.
    if (r && (await repo.markEscalated(tx, r.id, now)) === 1) {
      await repo.notifyUsers(tx, await repo.villageManagers(tx, r.village_id), { kind: 'help.escalated', title: repo.inboxTitle(r), link: `/help/requests/${r.id}`, unitId: r.unit_id, dedupePrefix: `help${r.id}:escalated`, now });
      await recordAudit(tx, { deps, auth: null, locale: 'zh-CN', ip: null }, { entityType: 'help_request', entityId: r.id, unitId: r.unit_id, action: 'help.escalate', after: { acceptDueAt: r.accept_due_at } });
    }
    await completeJob(tx, job.id, now);
  });
};

export const helpJobs: Record<string, JobHandler> = { [MATCH_JOB]: runMatching, [ESCALATE_JOB]: runEscalation };
