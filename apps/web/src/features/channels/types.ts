// The shapes of the outbound channels API (apps/server/src/modules/notifications: schemas.ts,
// channels.ts, config.ts), as the web app sees them. Secrets never come back: only whether one is set.

/** What a channel may subscribe to (the server's OUTBOUND_EVENTS). */
export const OUTBOUND_EVENTS = ['warning.issued', 'warning.updated', 'warning.cancelled', 'warning.escalated', 'warning.acknowledged', 'alarm.raised'] as const;
export type OutboundEvent = (typeof OUTBOUND_EVENTS)[number];

export type ChannelKind = 'webhook' | 'email';
export const DELIVERY_STATUSES = ['pending', 'sent', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface WebhookConfig {
  url: string;
}

export interface EmailConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  from: string;
  to: string[];
}

interface ChannelBase {
  id: number;
  /** null: installation-wide (system administrators only). */
  unitId: number | null;
  unitName: string | null;
  name: string;
  events: string[];
  enabled: boolean;
  /** The webhook's signing secret, or the mail server's password, is set. */
  hasSecret: boolean;
  pending: number;
  dead: number;
  createdAt: string;
  updatedAt: string;
}

export type Channel = (ChannelBase & { kind: 'webhook'; config: WebhookConfig }) | (ChannelBase & { kind: 'email'; config: EmailConfig });

export interface Delivery {
  id: number;
  channelId: number;
  /** An outbound event, or 'test'. */
  event: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  payload: Record<string, unknown>;
}

export interface DeadDelivery extends Delivery {
  channel: { id: number; name: string; kind: ChannelKind; unitId: number | null };
}

export interface DeliveryPage<T = Delivery> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
