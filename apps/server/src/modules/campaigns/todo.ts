// Reminders: the candidates waiting for a step the caller can take — their own self-evaluation,
// the branch's recommendations, the committee's reviews, the leading group's decisions — with the
// stage deadline, overdue and due-soon first. Nothing is pushed; the list and a count on the home
// page are the reminder (no daily check-ins, as the national guidance asks).
import { availableActions, todayYmd, type CandidateState, type DeadlineStatus, type PipelineActor } from '@xianfeng/domain';
import type { RequestCtx } from '../../core/context.ts';
import { requireAuth, scopeOf, scopedUnitIds } from '../../core/access.ts';
import type { Permission } from '@xianfeng/domain';
import { presentCandidate } from './present.ts';
import { CANDIDATE_ACTIONS } from './candidates.ts';
import * as repo from './repo.ts';

/** Whose step each waiting state is, and the permission (on which unit) that makes it theirs. */
const STAGES: ReadonlyArray<{ state: CandidateState; actor: PipelineActor; permission: Permission | null; on: 'home' | 'campaign' }> = [
  { state: 'self_evaluation', actor: 'candidate', permission: null, on: 'home' },
  { state: 'branch_recommendation', actor: 'branch', permission: 'evaluation.recommend', on: 'home' },
  { state: 'committee_review', actor: 'committee', permission: 'evaluation.review', on: 'campaign' },
  { state: 'leading_group', actor: 'leading_group', permission: 'evaluation.decide', on: 'campaign' },
];

const URGENCY: Record<DeadlineStatus, number> = { overdue: 0, due_soon: 1, ok: 2, none: 3 };
const LIMIT = 1000;

async function waiting(ctx: RequestCtx) {
  const auth = requireAuth(ctx.auth);
  const db = ctx.deps.database.db;
  const memberId = auth.memberId;
  const stages = STAGES.filter((s) => (s.permission === null ? memberId !== null : scopeOf(auth, s.permission).global || scopeOf(auth, s.permission).roots.length > 0));
  if (stages.length === 0) return { rows: [], truncated: false };
  const rows = await repo
    .candidateQuery(db)
    .where('c.status', '!=', 'closed')
    .where((eb) =>
      eb.or(
        stages.map((s) =>
          s.permission === null
            ? eb.and([eb('k.state', '=', s.state), eb('k.member_id', '=', memberId)])
            : eb.and([eb('k.state', '=', s.state), eb(s.on === 'home' ? 'k.home_unit_id' : 'c.unit_id', 'in', scopedUnitIds(db, auth, s.permission))]),
        ),
      ),
    )
    .orderBy('k.id')
    .limit(LIMIT + 1)
    .execute();
  // One's own candidacy, or an organization one belongs to, is never one's own step to judge.
  const myUnits = memberId !== null ? new Set(await repo.ancestorsOf(db, (await repo.findMember(db, memberId))?.unit_id ?? -1)) : new Set<number>();
  const out = [];
  for (const r of rows.slice(0, LIMIT)) {
    const stage = STAGES.find((s) => s.state === r.state)!;
    const isCandidate = (r.member_id !== null && r.member_id === memberId) || (r.subject_unit_id !== null && myUnits.has(r.subject_unit_id));
    const actions = availableActions(r.state as CandidateState, { actors: [stage.actor], isCandidate, hasSelfEvaluation: r.campaign_kind === 'five_star' }).filter((a) => (CANDIDATE_ACTIONS as readonly string[]).includes(a));
    if (actions.length) out.push({ row: r, actions });
  }
  return { rows: out, truncated: rows.length > LIMIT };
}

export async function todo(ctx: RequestCtx) {
  const today = todayYmd(ctx.deps.now());
  const { rows, truncated } = await waiting(ctx);
  const items = rows
    .map(({ row, actions }) => ({
      ...presentCandidate(row, today),
      campaign: { id: row.campaign_id, title: row.campaign_title, kind: row.campaign_kind, period: row.campaign_period },
      actions,
    }))
    .sort((a, b) => URGENCY[a.deadline.status] - URGENCY[b.deadline.status] || (a.deadline.due ?? '9999').localeCompare(b.deadline.due ?? '9999') || a.id - b.id);
  return {
    today,
    total: items.length,
    truncated,
    overdue: items.filter((i) => i.deadline.status === 'overdue').length,
    dueSoon: items.filter((i) => i.deadline.status === 'due_soon').length,
    items: items.slice(0, 200),
  };
}

/** For the home page: how many candidates wait for the caller, and how many of them are late. */
export async function todoCount(ctx: RequestCtx) {
  const { total, overdue, dueSoon } = await todo(ctx);
  return { total, overdue, dueSoon };
}
