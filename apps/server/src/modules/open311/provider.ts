// Open311 GeoReport v2 serves several kinds of requests through one endpoint. Each kind is a
// provider: it lists its services, files a request and finds requests, and owns a prefix of the
// service_request_id ("hz-123" is hazard 123, "hl-7" help request 7).
import type { Locale } from '@xianfeng/domain';
import type { RequestCtx } from '../../core/context.ts';

/** A service as GeoReport v2 lists it (services.json / services.xml). */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  /** No service here has extra attributes, so no service definition needs to be fetched. */
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
}

/**
 * A service request as GeoReport v2 shows it: never who reported it or how to reach them, and its
 * free text scrubbed of phone numbers and known names (privacy.ts).
 */
export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

/** The registered client application a request is filed through (named in the filing's audit entry). */
export interface Open311ClientRef {
  id: number;
  name: string;
}

/** A POST requests.json, validated at the edge. */
export interface Open311NewRequest {
  serviceCode: string;
  jurisdiction: { id: number; name: string };
  lat: number | null;
  long: number | null;
  addressString: string;
  description: string;
  mediaUrl: string | null;
  name: string | null;
  phone: string | null;
  email: string | null;
  client: Open311ClientRef;
}

export interface Open311Filter {
  /** Local ids of this provider's kind (already stripped of the prefix). */
  ids?: number[];
  serviceCodes?: string[];
  statuses?: Array<'open' | 'closed'>;
  start?: string;
  end?: string;
  jurisdictionId?: number;
  limit: number;
}

export interface Open311Provider {
  /** The service_request_id prefix, e.g. 'hz'. */
  prefix: string;
  services(locale: Locale): Open311Service[];
  /** Files a request; returns its local id and the notice to show the resident. */
  create(ctx: RequestCtx, request: Open311NewRequest): Promise<{ id: number; notice: string }>;
  find(ctx: RequestCtx, filter: Open311Filter): Promise<Open311Request[]>;
}
