// The one interface every outbound channel implements. A sender either delivers or throws; the
// outbox (outbound.ts) decides about retries, backoff and giving up. SMS or WeChat gateways are
// added as one more Sender and one more channel kind, nothing else changes.

/** One delivery as a sender sees it: the event and its payload, never database rows. */
export interface OutboundDelivery {
  id: number;
  eventKind: string;
  payload: Record<string, unknown>;
  createdAt: string;
  /** 1 for the first attempt. */
  attempt: number;
}

export interface SendContext {
  /** The deps' clock (tests move it): a webhook's timestamp. */
  now: Date;
  /** The attempt must give up after this long; the outbox also stops waiting then. */
  timeoutMs: number;
}

export interface Sender<Settings> {
  /** Delivers, or throws with a short reason (kept as the delivery's last_error). */
  send(channel: Settings, delivery: OutboundDelivery, ctx: SendContext): Promise<void>;
}
