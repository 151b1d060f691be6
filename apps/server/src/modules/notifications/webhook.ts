// The signed webhook: a JSON POST whose receiver can prove it came from this installation and is
// fresh. The signature is HMAC-SHA256 with the channel's secret over "<timestamp>.<body>", so a
// captured request cannot be replayed later with a new timestamp (docs/API.md shows the check).
import crypto from 'node:crypto';
import type { WebhookSettings } from './config.ts';
import type { OutboundDelivery, SendContext, Sender } from './sender.ts';

export function webhookSignature(secret: string, timestamp: number | string, body: string) {
  return `sha256=${crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/** The body of a delivery: the same on every attempt, so a receiver can de-duplicate by `id`. */
export function webhookBody(d: OutboundDelivery) {
  return JSON.stringify({ id: d.id, event: d.eventKind, createdAt: d.createdAt, data: d.payload });
}

export const webhookSender: Sender<WebhookSettings> = {
  async send(settings, delivery, ctx: SendContext) {
    const body = webhookBody(delivery);
    const timestamp = Math.floor(ctx.now.getTime() / 1000);
    const res = await fetch(settings.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Xianfeng-Webhook/1',
        'x-xianfeng-timestamp': String(timestamp),
        'x-xianfeng-signature': webhookSignature(settings.secret, timestamp, body),
        'x-xianfeng-event': delivery.eventKind,
        'x-xianfeng-delivery': String(delivery.id),
      },
      body,
      // A redirect would carry the signed body somewhere nobody configured: it counts as a failure.
      redirect: 'manual',
      signal: AbortSignal.timeout(ctx.timeoutMs),
    });
    // The answer's body is not needed; dropping it frees the connection.
    await res.body?.cancel().catch(() => undefined);
    if (res.status < 200 || res.status > 299) throw new Error(`HTTP ${res.status}`);
  },
};
