// The Open311 GeoReport v2 contract: the query of GET requests and the fields of POST requests,
// with the names and forms the specification gives them (form fields arrive as strings).
import { z } from 'zod';

const optionalText = (max: number) => z.string().trim().max(max).optional().transform((v) => v || undefined);
/** A W3C date-time with its zone, as the specification requires everywhere. */
const w3cDateTime = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)), { error: 'georeport.invalid' })
  .transform((s) => new Date(s).toISOString());
const commaList = (max: number) => z.string().trim().max(max).optional().transform((v) => (v ? v.split(',').map((x) => x.trim()).filter(Boolean) : undefined));

export const requestsQuery = z.object({
  jurisdiction_id: optionalText(64),
  service_request_id: commaList(2000),
  service_code: commaList(1000),
  start_date: w3cDateTime.optional(),
  end_date: w3cDateTime.optional(),
  status: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.split(',').map((x) => x.trim().toLowerCase()) : undefined))
    .pipe(z.array(z.enum(['open', 'closed'], { error: 'georeport.invalid' })).optional()),
});

const coordinate = (min: number, max: number) =>
  z.union([z.number(), z.string().trim()]).optional().transform((v, c) => {
    if (v === undefined || v === '') return undefined;
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isFinite(n) || n < min || n > max) {
      c.addIssue({ code: 'custom', message: 'georeport.invalid' });
      return z.NEVER;
    }
    return n;
  });

export const newRequestBody = z.object({
  jurisdiction_id: optionalText(64),
  api_key: optionalText(200),
  service_code: z.string({ error: 'georeport.invalid' }).trim().min(1, { error: 'georeport.invalid' }).max(100),
  lat: coordinate(-90, 90),
  long: coordinate(-180, 180),
  address_string: optionalText(200),
  address_id: optionalText(100),
  email: optionalText(200),
  device_id: optionalText(200),
  account_id: optionalText(200),
  first_name: optionalText(50),
  last_name: optionalText(50),
  phone: optionalText(30),
  description: optionalText(4000),
  media_url: z.string().trim().max(2000).optional().transform((v) => v || undefined).pipe(z.url({ protocol: /^https?$/, error: 'georeport.invalid' }).optional()),
});

export type RequestsQuery = z.infer<typeof requestsQuery>;
export type NewRequestBody = z.infer<typeof newRequestBody>;

// ——— the client registry (/api/open311/clients) ———

const clientName = z.string({ error: 'georeport.client_name_required' }).trim().min(1, { error: 'georeport.client_name_required' }).max(60);
const clientNote = z.string().trim().max(500).default('');

/** Registering a client application in the web app: who to call about it is required. */
export const newClientBody = z.object({
  name: clientName,
  contact: z.string({ error: 'georeport.client_contact_required' }).trim().min(2, { error: 'georeport.client_contact_required' }).max(200),
  note: clientNote,
});

/** The same from the command line, where the contact may be added later in the web app. */
export const newClientArgs = z.object({
  name: clientName,
  contact: z.string().trim().max(200).optional().transform((v) => v || null),
  note: clientNote,
});

export type NewClientInput = { name: string; contact: string | null; note: string };
