import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hotp, matchTotp, otpauthUri, totp, totpStep } from '../src/auth/totp.ts';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('RFC 4226 Appendix D: HOTP test values', () => {
  it('matches the published codes for counters 0–9', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expect(expected.map((_, i) => hotp(ascii('12345678901234567890'), i))).toEqual(expected);
  });
});

describe('RFC 6238 Appendix B: TOTP test vectors (8 digits, 30 s steps)', () => {
  const keys = {
    sha1: ascii('12345678901234567890'),
    sha256: ascii('12345678901234567890123456789012'),
    sha512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
  };
  const table: [number, string, string, string][] = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ];
  for (const [seconds, sha1, sha256, sha512] of table) {
    it(`T = ${seconds}`, () => {
      const at = seconds * 1000;
      expect(totp(keys.sha1, at, { digits: 8 })).toBe(sha1);
      expect(totp(keys.sha256, at, { digits: 8, algorithm: 'sha256' })).toBe(sha256);
      expect(totp(keys.sha512, at, { digits: 8, algorithm: 'sha512' })).toBe(sha512);
    });
  }
});

describe('matching a code', () => {
  it('accepts the code of the step before, now and after, and nothing further', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.integer({ min: 1e9, max: 4e9 }), (key, s) => {
        const at = s * 1000;
        const step = totpStep(at);
        for (const d of [-1, 0, 1]) expect(matchTotp(key, hotp(key, step + d), at)).toBe(step + d);
        const far = hotp(key, step + 3);
        if (![-1, 0, 1].some((d) => hotp(key, step + d) === far)) expect(matchTotp(key, far, at)).toBeNull();
      }),
      { numRuns: 50 },
    );
  });

  it('refuses malformed codes', () => {
    const key = ascii('12345678901234567890');
    for (const code of ['', '12345', '1234567', 'abcdef', '12 345', '１２３４５６'])
      expect(matchTotp(key, code, 59_000)).toBeNull();
  });

  it('builds the otpauth URI authenticator apps read', () => {
    const uri = otpauthUri(ascii('12345678901234567890'), 'jana@firma.cz');
    expect(uri).toBe(
      'otpauth://totp/Bureau%3Ajana%40firma.cz?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bureau&algorithm=SHA1&digits=6&period=30',
    );
  });
});
