// The CAP 1.2 alert message (OASIS Common Alerting Protocol, the format of China's national warning
// release system, profile GB/T 35965.1) as plain data. Element names are kept as CAP spells them,
// repeated elements become arrays, and date-times stay the strings the document carries, so that an
// imported alert exports back with the same bytes for them.

export const CAP_NS = 'urn:oasis:names:tc:emergency:cap:1.2';

export const CAP_STATUSES = ['Actual', 'Exercise', 'System', 'Test', 'Draft'] as const;
export const CAP_MSG_TYPES = ['Alert', 'Update', 'Cancel', 'Ack', 'Error'] as const;
export const CAP_SCOPES = ['Public', 'Restricted', 'Private'] as const;
export const CAP_CATEGORIES = [
  'Geo', 'Met', 'Safety', 'Security', 'Rescue', 'Fire', 'Health', 'Env', 'Transport', 'Infra', 'CBRNE', 'Other',
] as const;
export const CAP_RESPONSE_TYPES = [
  'Shelter', 'Evacuate', 'Prepare', 'Execute', 'Avoid', 'Monitor', 'Assess', 'AllClear', 'None',
] as const;
export const CAP_URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
export const CAP_SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export const CAP_CERTAINTIES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;

export type CapStatus = (typeof CAP_STATUSES)[number];
export type CapMsgType = (typeof CAP_MSG_TYPES)[number];
export type CapScope = (typeof CAP_SCOPES)[number];

export interface CapValuePair { valueName: string; value: string }

export interface CapResource {
  resourceDesc: string;
  mimeType: string;
  size?: number;
  uri?: string;
  derefUri?: string;
  digest?: string;
}

export interface CapArea {
  areaDesc: string;
  polygons: string[];
  circles: string[];
  geocodes: CapValuePair[];
  altitude?: string;
  ceiling?: string;
}

export interface CapInfo {
  language?: string;
  categories: string[];
  event: string;
  responseTypes: string[];
  urgency: string;
  severity: string;
  certainty: string;
  audience?: string;
  eventCodes: CapValuePair[];
  effective?: string;
  onset?: string;
  expires?: string;
  senderName?: string;
  headline?: string;
  description?: string;
  instruction?: string;
  web?: string;
  contact?: string;
  parameters: CapValuePair[];
  resources: CapResource[];
  areas: CapArea[];
}

export interface CapAlert {
  identifier: string;
  sender: string;
  sent: string;
  status: CapStatus;
  msgType: CapMsgType;
  source?: string;
  scope: CapScope;
  restriction?: string;
  addresses?: string;
  codes: string[];
  note?: string;
  references?: string;
  incidents?: string;
  infos: CapInfo[];
}

export interface CapReference { sender: string; identifier: string; sent: string }

/**
 * references is CAP's whitespace-separated list of "sender,identifier,sent" triples. A triple
 * without exactly three parts cannot name a message and is skipped rather than guessed at.
 */
export function parseReferences(references: string | undefined): CapReference[] {
  if (!references) return [];
  return references
    .split(/\s+/)
    .map((triple) => triple.split(','))
    .filter((parts) => parts.length === 3 && parts.every((part) => part !== ''))
    .map(([sender, identifier, sent]) => ({ sender, identifier, sent }));
}

export function formatReferences(refs: CapReference[]): string {
  return refs.map((ref) => `${ref.sender},${ref.identifier},${ref.sent}`).join(' ');
}

// --- What CAP allows as values --------------------------------------------------------------
// One table for import and export alike: a document we refuse is one we would never write.

const ENUMERATIONS: Record<string, readonly string[]> = {
  status: CAP_STATUSES,
  msgType: CAP_MSG_TYPES,
  scope: CAP_SCOPES,
  category: CAP_CATEGORIES,
  responseType: CAP_RESPONSE_TYPES,
  urgency: CAP_URGENCIES,
  severity: CAP_SEVERITIES,
  certainty: CAP_CERTAINTIES,
};
const DATE_TIMES = new Set(['sent', 'effective', 'onset', 'expires']);

/**
 * Why a value may not stand in the CAP element of that name (the words say what is expected), or
 * undefined when it may. Elements of free text have no rule and always pass.
 */
export function capValueProblem(element: string, value: string): string | undefined {
  if (Object.hasOwn(ENUMERATIONS, element)) {
    const allowed = ENUMERATIONS[element];
    return allowed.includes(value) ? undefined : `expected one of ${allowed.join(', ')}`;
  }
  if (DATE_TIMES.has(element)) {
    return isCapDateTime(value) ? undefined : 'expected a date-time like 2024-07-01T08:00:00+08:00 (with an offset, no "Z")';
  }
  switch (element) {
    case 'identifier':
    case 'sender':
      // CAP forbids these in both, because references separate its parts by commas and spaces.
      return /^[^\s,<&]+$/.test(value) ? undefined : 'expected a non-empty value without spaces, commas, < or &';
    case 'language':
      return /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/.test(value) ? undefined : 'expected a language tag such as zh-CN';
    case 'size':
      return /^\d+$/.test(value) && Number.isSafeInteger(Number(value)) ? undefined : 'expected a whole number of bytes';
    case 'altitude':
    case 'ceiling':
      return DECIMAL.test(value) ? undefined : 'expected a number of feet';
    case 'polygon':
      return isPolygon(value) ? undefined : 'expected at least four "latitude,longitude" pairs, the first repeated last';
    case 'circle':
      return isCircle(value) ? undefined : 'expected "latitude,longitude radius" with the radius in kilometres';
    default:
      return undefined;
  }
}

/**
 * The only date-time form CAP 1.2 allows: seconds, no fraction, a numeric offset. "Z" is
 * forbidden by the standard ("the 'Z' must not be used") and refused by the XSD pattern too.
 */
export function isCapDateTime(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})[-+](\d{2}):(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = m.slice(1).map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59
    && offsetHours <= 14 && offsetMinutes <= 59;
}

const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;
const POINT = /^([-+]?\d+(?:\.\d+)?),([-+]?\d+(?:\.\d+)?)$/;

function point(text: string): [number, number] | undefined {
  const m = POINT.exec(text);
  if (!m) return undefined;
  const [lat, lon] = [Number(m[1]), Number(m[2])];
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? [lat, lon] : undefined;
}

function isPolygon(value: string): boolean {
  const points = value.split(/\s+/).map(point);
  if (points.length < 4 || points.some((p) => !p)) return false;
  const [first, last] = [points[0]!, points[points.length - 1]!];
  return first[0] === last[0] && first[1] === last[1];
}

function isCircle(value: string): boolean {
  const [centre, radius, ...rest] = value.split(/\s+/);
  return rest.length === 0 && point(centre) !== undefined && radius !== undefined && DECIMAL.test(radius) && Number(radius) >= 0;
}
