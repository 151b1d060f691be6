// The unit a points page is about, kept in the address (?unit=): by default the unit of the user's
// own grant for the permission (a secretary's village), else whatever they pick.
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Permission, UnitDetail, UnitRef } from '../../api/types.ts';
import { roleHas } from '../../auth/permissions.ts';
import { useCurrentUser } from '../../auth/session.ts';

export function useUnitChoice(permission: Permission) {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const own: UnitRef | null = me.grants.find((g) => g.unit && roleHas(g.role, permission))?.unit ?? null;
  const unitId = Number(params.get('unit')) || own?.id;
  const detail = useQuery({
    queryKey: ['unit', unitId],
    queryFn: () => api.get<UnitDetail>(`/api/units/${unitId}`),
    enabled: !!unitId && unitId !== own?.id,
  });
  const unit: UnitRef | null = unitId === own?.id ? own : (detail.data ?? null);

  /** Sets (or, with undefined, removes) search parameters, keeping the others. */
  const setParam = useCallback(
    (patch: Record<string, string | number | undefined>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return { unitId, unit, params, setParam, setUnit: (id: number | undefined) => setParam({ unit: id }) };
}
