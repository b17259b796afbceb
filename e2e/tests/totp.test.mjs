// Unit test of the TOTP helper the browser tests compute codes with (no server, no browser).

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { base32Decode, hotp, stepAt, totp, totpRaw } from '../lib/totp.mjs';

const RFC_KEY = Buffer.from('12345678901234567890', 'ascii');

test('RFC 6238 SHA-1 test vectors (8 digits)', () => {
  const vectors = [
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ];
  for (const [t, code] of vectors) {
    assert.equal(totpRaw(RFC_KEY, t, 8), code, `T=${t}`);
  }
});

test('six digits at T=59 are the last six of the RFC vector', () => {
  assert.equal(totpRaw(RFC_KEY, 59), '287082');
});

test('RFC 4226 HOTP vectors (counters 0-3)', () => {
  assert.deepEqual(
    [0, 1, 2, 3].map((c) => hotp(RFC_KEY, c)),
    ['755224', '287082', '359152', '969429'],
  );
});

test('base32: the RFC key, any case, with or without padding', () => {
  const b32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  assert.deepEqual(base32Decode(b32), RFC_KEY);
  assert.deepEqual(base32Decode(b32.toLowerCase()), RFC_KEY);
  assert.deepEqual(base32Decode('MZXW6==='), Buffer.from('foo'));
  assert.deepEqual(base32Decode('MZXW6YQ'), Buffer.from('foob'));
  assert.equal(totp(b32, 59), '287082');
  assert.throws(() => base32Decode('A1'), /not a base32 character/);
});

test('steps are 30 seconds long', () => {
  assert.equal(stepAt(29.9), 0);
  assert.equal(stepAt(30), 1);
  assert.equal(stepAt(59), 1);
});
