// The shapes of the Open311 client registry API (apps/server/src/modules/open311/clients.ts), as
// the web app sees them. A key comes back once, when the client is registered; never again.

export interface Open311Client {
  id: number;
  name: string;
  contact: string | null;
  note: string;
  /** The key's first characters, e.g. "xf311_Ab12…". */
  keyHint: string;
  active: boolean;
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  lastUsedAt: string | null;
}

/** GET /api/open311/clients */
export interface Open311Clients {
  items: Open311Client[];
  /** What a client's developers need: the discovery document and the GeoReport v2 endpoint. */
  urls: { discovery: string; endpoint: string };
}

export interface NewClientInput {
  name: string;
  contact: string;
  note?: string;
}

/** POST /api/open311/clients */
export interface RegisteredClient {
  client: Open311Client;
  apiKey: string;
}
