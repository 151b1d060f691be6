// Personal data at rest: AES-256-GCM for the value, HMAC-SHA256 as a blind index so that
// uniqueness and look-ups (ID number, login by phone) work without decrypting.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface Cipher {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  blindIndex(plain: string): string;
}

export function createCipher(masterKey: Buffer): Cipher {
  const encKey = Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), 'xianfeng/enc/v1', 32));
  const macKey = Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), 'xianfeng/index/v1', 32));
  return {
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return `v1.${iv.toString('base64url')}.${c.getAuthTag().toString('base64url')}.${body.toString('base64url')}`;
    },
    decrypt(stored) {
      const [version, iv, tag, body] = stored.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('unknown ciphertext format');
      const d = crypto.createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'));
      d.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8');
    },
    blindIndex(plain) {
      return crypto.createHmac('sha256', macKey).update(plain, 'utf8').digest('base64url');
    },
  };
}

/**
 * The master key: XIANFENG_SECRET_KEY (any string of 32+ characters, or 64 hex digits), else a key
 * file. Without either, a new key file is written beside the database: losing it loses every
 * encrypted ID number and phone, which is why the README says to back it up with the data.
 */
export function loadMasterKey(opts: { secret?: string; keyFile: string; log?: (msg: string) => void }): Buffer {
  if (opts.secret) {
    if (/^[0-9a-f]{64}$/i.test(opts.secret)) return Buffer.from(opts.secret, 'hex');
    if (opts.secret.length < 32) throw new Error('XIANFENG_SECRET_KEY must be at least 32 characters');
    return crypto.createHash('sha256').update(opts.secret, 'utf8').digest();
  }
  if (fs.existsSync(opts.keyFile)) {
    const hex = fs.readFileSync(opts.keyFile, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error(`key file ${opts.keyFile} is not 64 hex digits`);
    return Buffer.from(hex, 'hex');
  }
  const key = crypto.randomBytes(32);
  fs.mkdirSync(path.dirname(opts.keyFile), { recursive: true });
  fs.writeFileSync(opts.keyFile, key.toString('hex') + '\n', { mode: 0o600 });
  opts.log?.(`Generated a new encryption key at ${opts.keyFile} — back it up together with the database.`);
  return key;
}

export function randomToken(bytes = 32) {
  return crypto.randomBytes(bytes).toString('base64url');
}

export function sha256(text: string) {
  return crypto.createHash('sha256').update(text).digest('base64url');
}
