// Matching a filed help request to members (群众求助 → 党员): the database narrows the candidates
// by place and specialty through indexes, the domain ranks them (specialty fit, same grid, hours
// in China time, requests already in hand), and the best few are recorded and told. It runs as a
// durable job due the moment the request is filed (see fileAt): this process's worker runs it once
// no filing is in flight here, and if the process dies first another server's worker takes the job
// at its next tick.
import { HELP_NOTIFY_TOP, helpCategory, rankCandidates, type HelpCategory, type HelpPlace } from '@xianfeng/domain';
import { recordAudit } from '../../core/audit.ts';
import type { Db, Deps } from '../../core/context.ts';
import { completeJob, type JobHandler } from '../../core/jobs.ts';
import * as repo from './repo.ts';
import { parseHours } from './residence.ts';

export interface MatchTarget {
  unitId: number;
  unitKind: string;
  villageId: number;
  category: HelpCategory;
  specialties: readonly string[];
}

/** The best few members for a request, best first, without recording them. */
export async function rankFor(db: Db, r: MatchTarget, now: Date) {
  let rows = await repo.candidates(db, r.villageId, r.specialties);
  // Nobody with a fitting specialty: ask whoever serves the village rather than nobody.
  if (rows.length === 0 && r.specialties.length) rows = await repo.candidates(db, r.villageId, []);
  const loads = await repo.openLoads(db, [...new Set(rows.map((c) => c.member_id))]);
  const userOf = new Map(rows.map((c) => [c.member_id, c.user_id]));
  const placeOf = (c: repo.CandidateRow): HelpPlace => {
    if (r.unitKind === 'grid' && (c.residence_unit_id === r.unitId || c.member_unit_id === r.unitId)) return 'grid';
    return c.residence_unit_id === null ? 'village' : 'registered';
  };
  const ranked = rankCandidates(r.category, rows.map((c) => ({
    memberId: c.member_id,
    specialties: c.specialties ? c.specialties.split('|') : [],
    place: placeOf(c),
    windows: c.residence_unit_id === null ? null : parseHours(c.hours),
    openLoad: loads.get(c.member_id) ?? 0,
  })), now, HELP_NOTIFY_TOP);
  return ranked.map((s) => ({ memberId: s.memberId, userId: userOf.get(s.memberId)!, score: s.score, place: s.place }));
}

/**
 * The match job: ranks members for a request still waiting for someone (reads only), then one
 * transaction records the matches, tells the matched members and completes the job. A request
 * taken or closed before its turn came is left alone.
 */
export const runMatching: JobHandler = async (deps: Deps, job) => {
  const db = deps.database.db;
  const r = await repo.getRequest(db, job.ref_id);
  const now = deps.now();
  const matches =
    r?.status === 'received'
      ? await rankFor(db, { unitId: r.unit_id, unitKind: r.unit_kind, villageId: r.village_id, category: r.category as HelpCategory, specialties: helpCategory(r.category as HelpCategory).specialties }, now)
      : [];
  const iso = now.toISOString();
  await db.transaction().execute(async (tx) => {
    // Taken meanwhile (someone serving the village accepted it from its list): nobody to tell.
    if (r && matches.length && (await repo.statusOf(tx, r.id)) === 'received') {
      await repo.insertMatches(tx, r.id, matches, iso);
      await repo.notifyUsers(tx, matches.map((m) => m.userId), { kind: 'help.matched', title: repo.inboxTitle(r), link: `/help/requests/${r.id}`, unitId: r.unit_id, dedupePrefix: `help${r.id}:matched`, now: iso });
      await recordAudit(tx, { deps, auth: null, locale: 'zh-CN', ip: null }, { entityType: 'help_request', entityId: r.id, unitId: r.unit_id, action: 'help.match', after: { matched: matches.map((m) => m.memberId) } });
    }
    await completeJob(tx, job.id, iso);
  });
};
