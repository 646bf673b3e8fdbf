import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intersectGrants, reduceGrants, touchesModule, unionGrants } from '../src/providers/grants.ts';
import { grants, isSubset } from '../src/tenancy/permissions.ts';

/** A small universe of permissions and the patterns that can name them. */
const PERMISSIONS = [
  'hr.read',
  'hr.write',
  'hr.payroll.read',
  'hr.payroll.post',
  'it.read',
  'it.tickets.close',
  'tenant.members.read',
];
const PATTERNS = ['*', 'hr.*', 'hr.payroll.*', 'it.*', 'it.tickets.*', 'tenant.*', ...PERMISSIONS];
const patternList = fc.array(fc.constantFrom(...PATTERNS), { maxLength: 6 });

describe('grant algebra used to cap provider staff', () => {
  it('intersects exactly: a permission is granted by A ∩ B iff both A and B grant it', () => {
    fc.assert(
      fc.property(patternList, patternList, (a, b) => {
        const both = intersectGrants(a, b);
        for (const p of PERMISSIONS) expect(grants(both, p)).toBe(grants(a, p) && grants(b, p));
        expect(isSubset(both, a)).toBe(true);
        expect(isSubset(both, b)).toBe(true);
      }),
    );
  });

  it('never widens: the cap is a subset of the client’s grants whatever a provider holds', () => {
    fc.assert(
      fc.property(patternList, patternList, (team, client) => {
        expect(isSubset(intersectGrants(team, client), client)).toBe(true);
        if (isSubset(team, client)) {
          for (const p of PERMISSIONS) expect(grants(intersectGrants(team, client), p)).toBe(grants(team, p));
        }
      }),
    );
  });

  it('reduces and unites without changing meaning', () => {
    fc.assert(
      fc.property(patternList, patternList, (a, b) => {
        const reduced = reduceGrants(a);
        const united = unionGrants(a, b);
        for (const p of PERMISSIONS) {
          expect(grants(reduced, p)).toBe(grants(a, p));
          expect(grants(united, p)).toBe(grants(a, p) || grants(b, p));
        }
        expect(reduceGrants(reduced)).toEqual(reduced);
      }),
    );
    expect(reduceGrants(['hr.read', 'hr.*', 'hr.*', 'it.read'])).toEqual(['hr.*', 'it.read']);
    expect(intersectGrants(['*'], ['hr.*'])).toEqual(['hr.*']);
    expect(intersectGrants(['hr.*'], ['hr.payroll.read', 'it.*'])).toEqual(['hr.payroll.read']);
  });

  it('tells which modules grants touch', () => {
    expect(touchesModule(['*'], 'hr')).toBe(true);
    expect(touchesModule(['hr.read'], 'hr')).toBe(true);
    expect(touchesModule(['hr.*'], 'hr')).toBe(true);
    expect(touchesModule(['hrx.read', 'tenant.*'], 'hr')).toBe(false);
  });
});
