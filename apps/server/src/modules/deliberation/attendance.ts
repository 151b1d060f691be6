// Council attendance (议事会参会人员): besides the free-text names of residents who have no account,
// the recorder picks people of the topic's village or community from a list — members by their
// member record, others by their account — and those are stored one row per person, so that
// attendance can be counted (per council, and per person across councils).
import type { Db } from '../../core/context.ts';
import { invalid } from '../../core/errors.ts';
import type { DialectName } from '../../db/dialect.ts';
import { PARTICIPANT_ROLES } from './places.ts';
import * as repo from './repo.ts';

const CANDIDATES = 30;

/** The village or community whose people may be picked: the topic's place or the community it lies in. */
async function communityRoot(db: Db, placeId: number) {
  const community = await repo.communityOf(db, placeId);
  return community?.id ?? placeId;
}

/** People of the community matching `q` (a part of the name, or pinyin initials for members), for the picker. */
export async function searchPeople(db: Db, dialect: DialectName, placeId: number, q: string | undefined) {
  const root = await communityRoot(db, placeId);
  const text = q?.trim() || undefined;
  const [members, accounts] = await Promise.all([
    repo.membersWithin(db, dialect, root, { q: text, limit: CANDIDATES }),
    repo.accountsWithin(db, dialect, root, PARTICIPANT_ROLES, { q: text, limit: CANDIDATES }),
  ]);
  return {
    items: [
      ...members.map((m) => ({ memberId: m.id, userId: null, name: m.name, unitName: m.unit_name })),
      ...accounts.map((a) => ({ memberId: null, userId: a.id, name: a.name, unitName: a.unit_name ?? '' })),
    ],
  };
}

/**
 * The picked people as rows to store, each checked to be one of the community's: a member
 * registered in it, or an account among its people without a member record there. Anyone else is
 * refused on the list's field, so a recorder cannot count a stranger in.
 */
export async function knownAttendees(db: Db, dialect: DialectName, placeId: number, picked: { memberIds?: number[]; userIds?: number[] }) {
  const root = await communityRoot(db, placeId);
  const out: { members?: repo.KnownAttendee[]; accounts?: repo.KnownAttendee[] } = {};
  if (picked.memberIds) {
    const ids = [...new Set(picked.memberIds)];
    const rows = await repo.membersWithin(db, dialect, root, { ids, limit: ids.length || 1 });
    if (rows.length !== ids.length) throw invalid([{ field: 'memberIds', code: 'deliberation.attendee_outside' }]);
    out.members = ids.map((id) => ({ member_id: id, user_id: null, name: rows.find((r) => r.id === id)!.name }));
  }
  if (picked.userIds) {
    const ids = [...new Set(picked.userIds)];
    const rows = await repo.accountsWithin(db, dialect, root, PARTICIPANT_ROLES, { ids, limit: ids.length || 1 });
    if (rows.length !== ids.length) throw invalid([{ field: 'userIds', code: 'deliberation.attendee_outside' }]);
    out.accounts = ids.map((id) => ({ member_id: null, user_id: id, name: rows.find((r) => r.id === id)!.name }));
  }
  return out;
}

/** What a council presents of its attendance: the people picked, and the counts. */
export function presentAttendance(people: repo.KnownAttendee[], guests: string[]) {
  return {
    people: people.map((p) => ({ memberId: p.member_id, userId: p.user_id, name: p.name })),
    attendance: { people: people.length, guests: guests.length, total: people.length + guests.length },
  };
}
