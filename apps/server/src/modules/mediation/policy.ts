// Who may see and move a mediation case. Case details are confidential: only the supervisors above
// the case's village (mediation.manage on its unit) and the mediators assigned to it (decided by
// the assignment, whatever their roles) get in; everybody else hears "not found", exactly as if
// the case did not exist.
import { CASE_ACTIONS, mayAct, type CaseAction, type CaseActor } from '@xianfeng/domain';
import { canAccessUnit, requireAuth } from '../../core/access.ts';
import type { Auth, Db } from '../../core/context.ts';
import { AppError, notFound } from '../../core/errors.ts';
import * as repo from './repo.ts';

export interface CaseAccess {
  supervisor: boolean;
  mediator: boolean;
}

export async function accessTo(db: Db, auth: Auth, c: { id: number; unit_id: number }): Promise<CaseAccess> {
  const supervisor = await canAccessUnit(db, auth, 'mediation.manage', c.unit_id);
  const mediator = auth.memberId !== null && (await repo.isAssignedMember(db, c.id, auth.memberId));
  return { supervisor, mediator };
}

/** The case and how the caller stands to it; "not found" for anyone who is neither supervisor nor assigned mediator. */
export async function caseFor(db: Db, authOrNull: Auth | null, id: number) {
  const auth = requireAuth(authOrNull);
  const row = await repo.getCase(db, id);
  if (!row) throw notFound();
  const access = await accessTo(db, auth, row);
  if (!access.supervisor && !access.mediator) throw notFound();
  return { auth, row, access };
}

export function actorsOf(access: CaseAccess): CaseActor[] {
  return [...(access.supervisor ? (['supervisor'] as const) : []), ...(access.mediator ? (['mediator'] as const) : [])];
}

/** A mediator who reaches a supervisor's step is told plainly whose step it is. */
export function requireActor(access: CaseAccess, action: CaseAction) {
  if (!actorsOf(access).some((a) => mayAct(action, a))) throw new AppError(403, 'mediation.not_actor');
}

export function actionsFor(access: CaseAccess): CaseAction[] {
  return CASE_ACTIONS.filter((a) => actorsOf(access).some((actor) => mayAct(a, actor)));
}
