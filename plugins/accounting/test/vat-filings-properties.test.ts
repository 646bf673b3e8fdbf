import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeControlStatement, computeReturn, wholeCzk } from '../src/server/services/vat-filings.ts';

/**
 * Invariants of the VAT filings over any set of VAT records (no database: the computation is pure):
 * the return's output VAT is the sum of the records' output VAT and its deduction the sum of what
 * they make deductible; rows 62–65 follow from the rounded rows; the control statement's VetaC
 * equals the return's rows 1, 2, 40, 41, 25, 10 before rounding.
 */
const RUNS = Number(process.env.ACCOUNTING_PROPERTY_RUNS ?? 200);

const record = fc
  .record({
    direction: fc.constantFrom('output' as const, 'input' as const),
    regime: fc.constantFrom('domestic', 'reverse_charge', 'eu', 'export', 'import', 'outside_eu'),
    supply: fc.constantFrom('goods' as const, 'services' as const),
    rate_code: fc.constantFrom('standard', 'reduced', 'second_reduced', 'zero', 'exempt'),
    base: fc.bigInt({ min: -5_000_000n, max: 50_000_000n }),
    deduction: fc.constantFrom('full', 'none', 'partial', 'coefficient'),
    share: fc.integer({ min: 0, max: 100 }),
    document_total: fc.bigInt({ min: 0n, max: 3_000_000n }),
    partner_vat_id: fc.constantFrom(null, 'CZ25596641', 'DE811569869'),
  })
  .map((given) => {
    // Sales are not imports and purchases not exports.
    const wrong = given.direction === 'input' ? 'export' : 'import';
    const r = { ...given, regime: given.regime === wrong ? 'domestic' : given.regime };
    const taxable = ['standard', 'reduced', 'second_reduced'].includes(r.rate_code);
    const rate = r.rate_code === 'standard' ? 21n : r.rate_code === 'zero' || r.rate_code === 'exempt' ? 0n : 12n;
    // What the documents write: self-assessment only on purchases under the reverse charge regimes,
    // no VAT on an invoice outside the domestic regime.
    const selfAssessed = ['reverse_charge', 'eu', 'outside_eu'].includes(r.regime) && r.direction === 'input';
    const charged = r.direction === 'input' ? taxable : taxable && r.regime === 'domestic';
    const vat = charged ? (r.base * rate) / 100n : 0n;
    const deductible =
      r.direction === 'input' && r.deduction !== 'none'
        ? r.deduction === 'full'
          ? vat
          : (vat * BigInt(r.share)) / 100n
        : 0n;
    return {
      tenant_id: 't',
      id: 'x',
      document_id: 'd',
      cash_document_id: null,
      kind: 'invoice',
      direction: r.direction,
      self_assessed: selfAssessed,
      regime: r.regime as never,
      supply: r.supply,
      rate_code: r.rate_code,
      rate: String(rate),
      base: String(r.base),
      vat: String(vat),
      deductible: String(deductible),
      deduction: r.deduction as never,
      tax_date: '2026-09-01',
      vat_date: '2026-09-01',
      evidence_number: 'E',
      partner_id: null,
      partner_name: null,
      partner_country: null,
      partner_vat_id: r.partner_vat_id,
      document_total: String(r.document_total),
      corrects_number: null,
      rc_code: '4',
      exemption: null,
      created_at: new Date(),
    };
  });

/** The output VAT side of a purchase under self-assessment, written beside its input record. */
type Rec = typeof record extends fc.Arbitrary<infer T> ? T : never;
const withOutputSides = (recs: Rec[]) =>
  recs.flatMap((r) => (r.self_assessed ? [r, { ...r, direction: 'output' as const, deductible: '0' }] : [r]));

describe('VAT filings invariants (fast-check)', () => {
  it('the return totals equal the sums of the VAT records, and rows 62–65 follow from the rounded rows', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 30 }), (raw) => {
        const recs = withOutputSides(raw);
        const ret = computeReturn(recs as never);
        const out = recs.filter((r) => r.direction === 'output').reduce((a, r) => a + BigInt(r.vat), 0n);
        const ded = recs
          .filter((r) => r.direction === 'input' && r.deduction !== 'none')
          .reduce((a, r) => a + BigInt(r.deductible), 0n);
        expect(ret.outputVat).toBe(out);
        expect(ret.deductibleVat).toBe(ded);
        const f = ret.filed;
        expect((f.r64 ?? 0n) - (f.r65 ?? 0n)).toBe((f.r62 ?? 0n) - (f.r63 ?? 0n));
        expect(f.r64 === undefined || f.r65 === undefined).toBe(true);
        // Each filed row is its exact sum rounded, so the payable is within half a koruna per row.
        for (const [k, v] of Object.entries(ret.exact)) expect(f[k as keyof typeof f]).toBe(wholeCzk(v as bigint));
      }),
      { numRuns: RUNS },
    );
  });

  it('the control statement totals (VetaC) equal the return rows before rounding', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 30 }), (raw) => {
        const recs = withOutputSides(raw);
        const ret = computeReturn(recs as never).exact;
        const kh = computeControlStatement(recs as never).c;
        expect(kh.obrat23).toBe(ret.r1Base ?? 0n);
        expect(kh.obrat5).toBe(ret.r2Base ?? 0n);
        expect(kh.pln23).toBe(ret.r40Base ?? 0n);
        expect(kh.pln5).toBe(ret.r41Base ?? 0n);
        expect(kh.plnRezPren).toBe(ret.r25 ?? 0n);
        expect(kh.rezPren23).toBe(ret.r10Base ?? 0n);
        expect(kh.rezPren5).toBe(ret.r11Base ?? 0n);
      }),
      { numRuns: RUNS },
    );
  });
});
