import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

/** The curated specialties plus the unit's own (GET /api/specialties). */
export function useSpecialties(unitId?: number | null) {
  return useQuery({
    queryKey: ['specialties', unitId ?? null],
    queryFn: () => api.get<string[]>('/api/specialties', { unitId: unitId ?? undefined }),
    staleTime: 5 * 60_000,
  });
}
