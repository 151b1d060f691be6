// Who may see member cards (亮身份). Deliberately not a permission of the role table: a card is
// public to the people a member serves, and residents hold no permission at all.
import type { Auth, Db } from '../../core/context.ts';
import { invalid } from '../../core/errors.ts';
import * as repo from './repo.ts';

/**
 * Whether the caller may see the cards of members registered in `unitId`: any grant, of any role
 * (a resident's included), that covers the unit, or that lies inside the same village or
 * community as the unit.
 *
 * Why: 亮身份、亮承诺 exists so that the people around a member can hold them to their word. Those
 * people are the residents of the member's village or community, registered on the village, on a
 * grid of it, or (members) on a branch of it — not necessarily above the member's own branch in the
 * tree. A grant outside that village (the neighbouring village's residents or secretary) sees
 * nothing, and is told "not found" like any other caller out of scope.
 */
export async function canSeeCardsOf(db: Db, auth: Auth, unitId: number): Promise<boolean> {
  if (auth.grants.some((g) => g.unitId === null)) return true;
  const roots = [...new Set(auth.grants.map((g) => g.unitId).filter((id): id is number => id !== null))];
  return repo.reachesUnit(db, roots, unitId);
}

/** Whether the caller may see one member's card: their own always, else by the unit rule. */
export async function canSeeCard(db: Db, auth: Auth, member: { id: number; unit_id: number }): Promise<boolean> {
  if (auth.memberId === member.id) return true;
  return canSeeCardsOf(db, auth, member.unit_id);
}

/**
 * The unit whose cards a caller lands on: the village or community of their first grant (a
 * resident's village, a member's branch's village), else the granted unit itself; the first root
 * for a system administrator.
 */
export async function landingUnit(db: Db, auth: Auth) {
  const grant = auth.grants.find((g) => g.unitId !== null);
  if (grant) {
    const community = await repo.communityOf(db, grant.unitId!);
    const unit = community ?? (await repo.unitById(db, grant.unitId!));
    if (unit) return unit;
  }
  if (auth.grants.some((g) => g.unitId === null)) {
    const root = await repo.firstRootUnit(db);
    if (root) return root;
  }
  throw invalid([{ field: 'unitId', code: 'commitments.unit_required' }]);
}
