import { webcrypto } from 'node:crypto';

/**
 * An HS256 key imported once. Given raw bytes, jose imports the key again on every sign and
 * verify, which showed up as the largest single cost of a gated request in the booking bench.
 */
export function hmacKey(secret: string): Promise<HmacKey> {
  return webcrypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

export type HmacKey = webcrypto.CryptoKey;
