// Who belongs where in the deliberation hall. A person belongs to a place (a village, community or
// grid) when one of their grants carrying deliberation.participate lies inside it: a resident of
// the village, a member of its branch, a grid worker of its grid. Those are the people who raise
// topics there, and — for the place itself — its electorate. The people of a whole village or
// community see and discuss the topics of all its grids. Managers and moderators act by the usual
// scope: their grant's subtree.
import { DELIBERATION_UNIT_KINDS, ROLES, roleHas, type Role } from '@xianfeng/domain';
import { canAccessUnit, scopeOf, scopedUnitIds } from '../../core/access.ts';
import type { Auth, Db } from '../../core/context.ts';
import * as repo from './repo.ts';

/** Roles that make someone one of a place's people (a system-wide grant belongs to no place). */
export const PARTICIPANT_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'admin' && roleHas(r, 'deliberation.participate'));

/** Roles that run deliberation for the units below their grant (told of every new topic). */
export const MANAGER_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'admin' && roleHas(r, 'deliberation.manage'));

/** The units of the caller's own grants that count for participation. */
export function participantUnits(auth: Auth): number[] {
  return [...new Set(auth.grants.filter((g) => g.unitId !== null && PARTICIPANT_ROLES.includes(g.role)).map((g) => g.unitId!))];
}

/** One of the people of this place: a participating grant lies inside it. */
export function isPersonOf(db: Db, auth: Auth, placeId: number) {
  return repo.anyInside(db, placeId, participantUnits(auth));
}

/** One of the people of the village or community the unit lies in. */
export async function isCommunityPersonOf(db: Db, auth: Auth, unitId: number) {
  const community = await repo.communityOf(db, unitId);
  return community ? isPersonOf(db, auth, community.id) : false;
}

export interface TopicRights {
  see: boolean;
  discuss: boolean;
  vote: boolean;
  moderate: boolean;
  manage: boolean;
}

/** What the caller may do with a topic of a place. */
export async function rightsAt(db: Db, auth: Auth, unitId: number): Promise<TopicRights> {
  const [community, person, moderate, manage] = await Promise.all([
    isCommunityPersonOf(db, auth, unitId),
    isPersonOf(db, auth, unitId),
    canAccessUnit(db, auth, 'deliberation.moderate', unitId),
    canAccessUnit(db, auth, 'deliberation.manage', unitId),
  ]);
  return { see: community || person || moderate || manage, discuss: community || person, vote: person, moderate, manage };
}

/** Subqueries of the units whose topics the caller may see. */
export function visibleUnits(db: Db, auth: Auth) {
  const list: repo.UnitIdQuery[] = [repo.communitySubtrees(db, participantUnits(auth))];
  for (const p of ['deliberation.moderate', 'deliberation.manage'] as const) {
    const s = scopeOf(auth, p);
    if (s.global || s.roots.length) list.push(scopedUnitIds(db, auth, p));
  }
  return list;
}

/** The places where the caller may raise a topic: every village, community or grid holding one of their grants. */
export async function placesOf(db: Db, auth: Auth) {
  const rows = await repo.placesHolding(db, participantUnits(auth), DELIBERATION_UNIT_KINDS);
  return rows.map((u) => ({ id: u.id, code: u.code, name: u.name, kind: u.kind }));
}
