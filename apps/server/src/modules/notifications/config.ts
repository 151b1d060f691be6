// A channel's configuration as stored (JSON in channel.config, secrets encrypted with the
// installation's key), as opened for sending (secrets in clear, in memory only), and as shown
// (never a secret: only whether one is set).
import type { Cipher } from '../../core/crypto.ts';

interface StoredWebhook {
  url: string;
  secretEnc: string;
}

interface StoredEmail {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  passwordEnc: string | null;
  from: string;
  to: string[];
}

export interface WebhookSettings {
  url: string;
  secret: string;
}

export interface EmailSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
  from: string;
  to: string[];
}

/** A channel ready to send through: what a Sender receives. */
export type OpenChannel =
  | { id: number; name: string; kind: 'webhook'; settings: WebhookSettings }
  | { id: number; name: string; kind: 'email'; settings: EmailSettings };

export function sealWebhook(cipher: Cipher, s: WebhookSettings): string {
  return JSON.stringify({ url: s.url, secretEnc: cipher.encrypt(s.secret) } satisfies StoredWebhook);
}

export function sealEmail(cipher: Cipher, s: EmailSettings): string {
  return JSON.stringify({
    host: s.host, port: s.port, secure: s.secure, user: s.user, from: s.from, to: s.to,
    passwordEnc: s.password ? cipher.encrypt(s.password) : null,
  } satisfies StoredEmail);
}

export function openWebhook(cipher: Cipher, config: string): WebhookSettings {
  const c = JSON.parse(config) as StoredWebhook;
  return { url: c.url, secret: cipher.decrypt(c.secretEnc) };
}

export function openEmail(cipher: Cipher, config: string): EmailSettings {
  const c = JSON.parse(config) as StoredEmail;
  return { host: c.host, port: c.port, secure: c.secure, user: c.user, from: c.from, to: c.to, password: c.passwordEnc ? cipher.decrypt(c.passwordEnc) : null };
}

export function openChannel(cipher: Cipher, row: { id: number; name: string; kind: string; config: string }): OpenChannel {
  if (row.kind === 'webhook') return { id: row.id, name: row.name, kind: 'webhook', settings: openWebhook(cipher, row.config) };
  if (row.kind === 'email') return { id: row.id, name: row.name, kind: 'email', settings: openEmail(cipher, row.config) };
  throw new Error(`unknown channel kind ${row.kind}`);
}

/** What the API shows of a configuration: everything but the secrets, and whether one is set. */
export function presentConfig(kind: string, config: string) {
  if (kind === 'webhook') {
    const c = JSON.parse(config) as StoredWebhook;
    return { config: { url: c.url }, hasSecret: Boolean(c.secretEnc) };
  }
  const c = JSON.parse(config) as StoredEmail;
  return { config: { host: c.host, port: c.port, secure: c.secure, user: c.user, from: c.from, to: c.to }, hasSecret: Boolean(c.passwordEnc) };
}
