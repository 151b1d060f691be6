// Reading and saving the working-day calendar. Keys start with 'calendar'.
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../api/client.ts';
import type { CalendarAnswer, CalendarInput } from './model.ts';

export const calendarKey = (year: number) => ['calendar', year] as const;

const fetchYear = (year: number, signal?: AbortSignal) => api.get<CalendarAnswer>('/api/stars/calendar', { year }, signal);

export const useCalendar = (year: number) =>
  useQuery({ queryKey: calendarKey(year), queryFn: ({ signal }) => fetchYear(year, signal) });

/** Other years a 试算 may run into (a notice started in late December ends in January). */
export const useCalendars = (years: number[]) =>
  useQueries({ queries: years.map((year) => ({ queryKey: calendarKey(year), queryFn: ({ signal }: { signal: AbortSignal }) => fetchYear(year, signal) })) });

export function useSaveCalendar() {
  const qc = useQueryClient();
  return useCallback(
    async (input: CalendarInput) => {
      const saved = await api.put<CalendarAnswer>('/api/stars/calendar', input);
      qc.setQueryData(calendarKey(input.year), saved);
      return saved;
    },
    [qc],
  );
}
