// The notifications API contract: the inbox, outbound channels and their deliveries.
import { z } from 'zod';
import { flag, pageQuery } from '../../core/schemas.ts';

/** What a channel may subscribe to: the cascade's events and alarms. */
export const OUTBOUND_EVENTS = ['warning.issued', 'warning.updated', 'warning.cancelled', 'warning.escalated', 'alarm.raised', 'warning.acknowledged'] as const;
export type OutboundEvent = (typeof OUTBOUND_EVENTS)[number];

export const CHANNEL_KINDS = ['webhook', 'email'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const DELIVERY_STATUSES = ['pending', 'sent', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

// ——— inbox ———

export const inboxQuery = z.object({ unread: flag, ...pageQuery });
export type InboxQuery = z.infer<typeof inboxQuery>;

// ——— channels ———

function isHttpUrl(value: string) {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const url = z.string().trim().max(2000, { error: 'channel.url_invalid' }).refine(isHttpUrl, { error: 'channel.url_invalid' });
const secret = z.string().min(16).max(200);
/** Addresses are checked in the service, so the message can name the one that is wrong. */
const address = z.string().trim().max(254);

export const webhookConfig = z.strictObject({ url, secret });
export const emailConfig = z.strictObject({
  host: z.string().trim().min(1).max(253),
  port: z.number().int().min(1).max(65535).default(587),
  /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
  secure: z.boolean().default(false),
  user: z.string().trim().max(254).optional(),
  password: z.string().max(200).optional(),
  from: address,
  to: z.array(address).min(1).max(20),
});
export const webhookPatch = z.strictObject({ url: url.optional(), secret: secret.optional() });
export const emailPatch = z.strictObject({
  host: z.string().trim().min(1).max(253).optional(),
  port: z.number().int().min(1).max(65535).optional(),
  secure: z.boolean().optional(),
  /** null: log in no more. */
  user: z.string().trim().max(254).nullable().optional(),
  password: z.string().max(200).nullable().optional(),
  from: address.optional(),
  to: z.array(address).min(1).max(20).optional(),
});

const events = z.array(z.enum(OUTBOUND_EVENTS)).min(1).max(OUTBOUND_EVENTS.length).transform((e) => [...new Set(e)]);
const common = {
  /** null: the whole installation (system administrators only). */
  unitId: z.number().int().positive().nullable(),
  name: z.string().trim().min(1).max(100),
  events,
  enabled: z.boolean().default(true),
};

export const createChannelBody = z.discriminatedUnion('kind', [
  z.object({ ...common, kind: z.literal('webhook'), config: webhookConfig }),
  z.object({ ...common, kind: z.literal('email'), config: emailConfig }),
]);
export type CreateChannelInput = z.infer<typeof createChannelBody>;

/** The config is checked against the channel's own kind in the service. */
export const patchChannelBody = z.strictObject({
  name: common.name.optional(),
  events: events.optional(),
  enabled: z.boolean().optional(),
  config: z.record(z.string(), z.unknown()).optional(),
});
export type PatchChannelInput = z.infer<typeof patchChannelBody>;

export const channelListQuery = z.object({ unitId: z.coerce.number().int().positive().optional() });
export const deliveriesQuery = z.object({ status: z.enum(DELIVERY_STATUSES).optional(), ...pageQuery });
export const deadQuery = z.object({ unitId: z.coerce.number().int().positive().optional(), ...pageQuery });
export type DeliveriesQuery = z.infer<typeof deliveriesQuery>;
export type DeadQuery = z.infer<typeof deadQuery>;
