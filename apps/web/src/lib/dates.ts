import dayjs, { type Dayjs } from 'dayjs';

export const DATE_FORMAT = 'YYYY-MM-DD';

export function toYmd(d: Dayjs | null | undefined): string | null {
  return d ? d.format(DATE_FORMAT) : null;
}

export function fromYmd(s: string | null | undefined): Dayjs | null {
  if (!s) return null;
  const d = dayjs(s);
  return d.isValid() ? d : null;
}

/** A timestamp (ISO) shown as local date and time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss') : iso;
}

export function today(): Dayjs {
  return dayjs();
}

export function isFuture(d: Dayjs): boolean {
  return d.isAfter(dayjs(), 'day');
}
