// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP) with node:crypto only:
// HMAC-SHA1 over the 8-byte big-endian counter floor(unix / 30), dynamic truncation, 6 digits.
// The secret is base32 (RFC 4648), as the enrolment page shows it in #mfa-secret.

import { createHmac } from 'node:crypto';

export const STEP_SECONDS = 30;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Decodes RFC 4648 base32; ignores case, spaces, dashes and `=` padding. */
export function base32Decode(text) {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of clean) {
    const index = ALPHABET.indexOf(ch);
    if (index < 0) throw new Error(`not a base32 character: ${JSON.stringify(ch)}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(out);
}

/** RFC 4226 HOTP of a raw key (Buffer) at `counter`. */
export function hotp(key, counter, digits = 6) {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The time step (counter) at `unixSeconds`. */
export function stepAt(unixSeconds) {
  return Math.floor(unixSeconds / STEP_SECONDS);
}

/** The TOTP code of a raw key at `unixSeconds`. */
export function totpRaw(key, unixSeconds, digits = 6) {
  return hotp(key, stepAt(unixSeconds), digits);
}

/** The TOTP code of a base32 secret at `unixSeconds` (default: now). */
export function totp(secretBase32, unixSeconds = Date.now() / 1000, digits = 6) {
  return totpRaw(base32Decode(secretBase32), unixSeconds, digits);
}
