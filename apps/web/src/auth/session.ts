import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { api, ApiError, setCsrfToken } from '../api/client.ts';
import type { Me, Permission, UnitRef } from '../api/types.ts';
import { can, roleHas } from './permissions.ts';

export const ME_KEY = ['auth', 'me'] as const;

/** The last user seen, for the one render between the end of a session and leaving the shell. */
let lastMe: Me | null = null;

/** The logged-in user, or null when there is no session (401). */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/api/auth/me');
    setCsrfToken(me.csrfToken);
    lastMe = me;
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

/**
 * Drops every cached answer but the session itself: the next user must not see the previous
 * one's data. (QueryClient.clear() would also detach the mounted session observer.)
 */
export function forgetSessionData(qc: QueryClient) {
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000, retry: false });
}

/** Who was logged in last (null before any session): a page kept for after the login is theirs. */
export function lastUserId(): number | null {
  return lastMe?.id ?? null;
}

/** The current user; only for components rendered inside the logged-in shell. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (data) lastMe = data;
  if (!lastMe) throw new Error('useCurrentUser outside a session');
  return data ?? lastMe;
}

export function useCan() {
  const { data } = useMe();
  return useCallback((permission: Permission) => can(data, permission), [data]);
}

/** The units of the user's own grants that give `permission`: where they act without searching the tree. */
export function useOwnUnits(permission: Permission): UnitRef[] {
  const me = useCurrentUser();
  return useMemo(() => {
    const seen = new Map<number, UnitRef>();
    for (const g of me.grants) if (g.unit && roleHas(g.role, permission) && !seen.has(g.unit.id)) seen.set(g.unit.id, g.unit);
    return [...seen.values()];
  }, [me, permission]);
}

export function useLogout() {
  const qc = useQueryClient();
  return useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } catch {
      /* the session may already be gone */
    }
    setCsrfToken(null);
    forgetSessionData(qc);
    qc.setQueryData(ME_KEY, null);
  }, [qc]);
}
