import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addToDate, installedClass, isDue, keepUntilDate, type RecordClass } from '../src/records/classes.ts';
import { periodMonths, STATUTES, statute } from '../src/records/statutes.ts';

const cls = (statutes: string[], extra: Partial<RecordClass> = {}): RecordClass => ({
  label: { en: 'x', cs: 'x' },
  statutes,
  trigger: 'period_end',
  disposal: 'delete',
  records: async () => [],
  dispose: async () => {},
  ...extra,
});
const plugin = { id: 'demo' } as never;

describe('statutory retention data', () => {
  it('cites a source and a link for every figure', () => {
    for (const s of STATUTES) {
      expect(s.source, s.key).toMatch(/(zákon|vyhláška|nařízení) č?\.? ?\S+/);
      expect(s.url, s.key).toMatch(/^https:\/\//);
      expect(periodMonths(s.period) >= 0, s.key).toBe(true);
    }
  });

  it('carries the figures of the cited provisions', () => {
    // zákon o účetnictví § 31 odst. 2: statements 10 years, documents and books 5 years from the end of the period.
    expect(statute('cz.accounting.statements')?.period).toEqual({ years: 10, months: 0 });
    expect(statute('cz.accounting.books')?.period).toEqual({ years: 5, months: 0 });
    // zákon o DPH § 35 odst. 1: 10 years from the end of the tax period of the supply.
    expect(statute('cz.vat.documents')).toMatchObject({ period: { years: 10, months: 0 }, trigger: 'tax_period_end' });
    // zákon č. 582/1991 Sb. § 35a odst. 4: payroll ledgers 30 calendar years following the year.
    expect(statute('cz.pension.payroll-ledgers')).toMatchObject({
      period: { years: 30, months: 0 },
      trigger: 'year_end',
    });
  });
});

describe('retention arithmetic (worked examples)', () => {
  it('an invoice of 15 March 2024 in a calendar accounting year is kept through 31 Dec 2034 (VAT § 35 covers § 31)', () => {
    const c = installedClass(plugin, 'demo.documents', cls(['cz.vat.documents', 'cz.accounting.books']));
    expect(c.minimum).toEqual({ years: 10, months: 0 });
    const periodEnd = '2024-12-31';
    expect(keepUntilDate(periodEnd, c.minimum)).toBe('2034-12-31');
    expect(isDue(periodEnd, c.minimum, '2034-12-31')).toBe(false);
    expect(isDue(periodEnd, c.minimum, '2035-01-01')).toBe(true);
  });

  it('a payroll ledger of 2020 is kept through the 30 calendar years 2021–2050 (§ 35a odst. 4)', () => {
    const c = installedClass(plugin, 'demo.payroll', cls(['cz.pension.payroll-ledgers'], { trigger: 'year_end' }));
    expect(keepUntilDate('2020-12-31', c.minimum)).toBe('2050-12-31');
    expect(isDue('2020-12-31', c.minimum, '2051-01-01')).toBe(true);
  });

  it('a data-subject request received 31 January is due the last day of February (GDPR Art. 12(3), month end clamps)', () => {
    expect(addToDate('2025-01-31', { years: 0, months: 1 })).toBe('2025-02-28');
    expect(addToDate('2024-01-31', { years: 0, months: 1 })).toBe('2024-02-29');
  });

  it('a class without a duty has no minimum; its own period is the standard', () => {
    const c = installedClass(
      plugin,
      'demo.candidates',
      cls(['eu.gdpr.storage-limitation'], { trigger: 'last_contact' }),
    );
    expect(c.minimum).toEqual({ years: 0, months: 0 });
    expect(c.standard).toEqual({ years: 0, months: 6 });
  });

  it('a record without a trigger yet (employment not ended) is never due', () => {
    expect(isDue(null, { years: 0, months: 0 }, '2999-01-01')).toBe(false);
  });

  it('property: a record is due exactly after its keep-until day, and later days stay due', () => {
    const date = fc
      .date({ min: new Date('1990-01-01'), max: new Date('2060-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const period = fc.record({ years: fc.integer({ min: 0, max: 40 }), months: fc.integer({ min: 0, max: 11 }) });
    fc.assert(
      fc.property(date, period, date, (trigger, p, day) => {
        const until = keepUntilDate(trigger, p) as string;
        expect(until >= trigger).toBe(true);
        expect(isDue(trigger, p, day)).toBe(day > until);
        // Adding then the same again equals adding twice the period only up to month-end clamping: never earlier.
        expect(addToDate(until, p) >= until).toBe(true);
      }),
    );
  });
});
