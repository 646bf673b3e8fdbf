import { badRequest, conflict, newId } from '@bureau/core';
import { sql } from 'kysely';
import { type Decimal, money, normalizeDecimal, parseDecimal, sum } from './amounts.ts';
import { type Ctx, dbOf, settingsOf } from './context.ts';

export interface VatRateView {
  id: string;
  country: string;
  code: string;
  rate: string;
  validFrom: string;
  validTo: string | null;
}

export async function listVatRates(ctx: Ctx, opts: { country?: string | undefined; on?: string | undefined } = {}) {
  let q = dbOf(ctx).selectFrom('accounting.vat_rates').selectAll().where('tenant_id', '=', ctx.tenant.id);
  if (opts.country) q = q.where('country', '=', opts.country.toUpperCase());
  if (opts.on) {
    const on = opts.on;
    q = q.where('valid_from', '<=', on).where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', on)]));
  }
  const rows = await q.orderBy('country').orderBy('code').orderBy('valid_from').execute();
  return rows.map(
    (r): VatRateView => ({
      id: r.id,
      country: r.country,
      code: r.code,
      rate: normalizeDecimal(r.rate),
      validFrom: r.valid_from,
      validTo: r.valid_to,
    }),
  );
}

/**
 * Adds a rate. A new rate of the same country and code that starts later closes the open one the
 * day before, so a change of law is one call.
 */
export async function createVatRate(
  ctx: Ctx,
  input: { country: string; code: string; rate: string; validFrom: string; validTo?: string | null | undefined },
): Promise<VatRateView> {
  const rate = parseDecimal(input.rate);
  if (!rate || rate.num < 0n || rate.scale > 4 || rate.num >= 100n * 10n ** BigInt(rate.scale)) {
    throw badRequest('invalid_input', { en: 'The rate is invalid', cs: 'Neplatná sazba' }, [
      {
        path: 'rate',
        message: {
          en: 'A percentage from 0 up to 100 with at most 4 decimals',
          cs: 'Procento od 0 do méně než 100 s nejvýše 4 desetinnými místy',
        },
      },
    ]);
  }
  if (input.validTo && input.validTo < input.validFrom) {
    throw badRequest('invalid_input', { en: 'The validity is invalid', cs: 'Neplatná platnost' }, [
      { path: 'validTo', message: { en: 'Must not be before validFrom', cs: 'Nesmí být před validFrom' } },
    ]);
  }
  const db = dbOf(ctx);
  const country = input.country.toUpperCase();
  const overlapping = await db
    .selectFrom('accounting.vat_rates')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('country', '=', country)
    .where('code', '=', input.code)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', input.validFrom)]))
    .execute();
  for (const o of overlapping) {
    if (o.valid_from >= input.validFrom) {
      throw conflict('vat_rate_overlap', {
        en: `A ${country} ${input.code} rate already starts on ${o.valid_from}`,
        cs: `Sazba ${input.code} pro ${country} už začíná ${o.valid_from}`,
      });
    }
    await db
      .updateTable('accounting.vat_rates')
      .set({ valid_to: sql<string>`(${input.validFrom}::date - 1)` as unknown as string })
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', o.id)
      .execute();
  }
  const id = newId();
  await db
    .insertInto('accounting.vat_rates')
    .values({
      tenant_id: ctx.tenant.id,
      id,
      country,
      code: input.code,
      rate: input.rate,
      valid_from: input.validFrom,
      valid_to: input.validTo ?? null,
    })
    .execute();
  const view: VatRateView = {
    id,
    country,
    code: input.code,
    rate: normalizeDecimal(input.rate),
    validFrom: input.validFrom,
    validTo: input.validTo ?? null,
  };
  await ctx.audit({
    action: 'accounting.vat_rate.create',
    entityType: 'accounting.vat_rate',
    entityId: id,
    after: view,
  });
  return view;
}

/** The rate of a code valid on a date in the tenant's country; 400 naming `path` if there is none. */
export async function resolveVatRate(
  ctx: Ctx,
  code: string,
  on: string,
  path: string,
): Promise<{ text: string; rate: Decimal }> {
  const { country } = await settingsOf(ctx);
  const row = await dbOf(ctx)
    .selectFrom('accounting.vat_rates')
    .select('rate')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('country', '=', country)
    .where('code', '=', code)
    .where('valid_from', '<=', on)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', on)]))
    .orderBy('valid_from', 'desc')
    .executeTakeFirst();
  if (!row) {
    throw badRequest(
      'invalid_input',
      {
        en: `No ${code} VAT rate is valid in ${country} on ${on}`,
        cs: `Sazba DPH ${code} pro ${country} k ${on} neplatí`,
      },
      [{ path, message: { en: `No ${code} VAT rate is valid on ${on}`, cs: `Sazba DPH ${code} k ${on} neplatí` } }],
    );
  }
  return { text: normalizeDecimal(row.rate), rate: parseDecimal(row.rate) as Decimal };
}

export interface VatSummaryRow {
  regime: string;
  selfAssessed: boolean;
  code: string;
  rate: string;
  base: string;
  vat: string;
}

/**
 * Output VAT against deductible input VAT for the VAT periods between `from` and `to`, from the VAT
 * records the tax documents wrote (invoices and notes by their tax date, bills by the day their VAT
 * is claimed), in the functional currency. Credit notes and cancellations count negatively; a
 * self-assessed purchase appears on both sides; input rows show the deductible VAT.
 */
export async function vatSummary(ctx: Ctx, from: string, to: string) {
  const { currency } = await settingsOf(ctx);
  const rows = await dbOf(ctx)
    .selectFrom('accounting.vat_records')
    .select((eb) => [
      'direction',
      'regime',
      'self_assessed',
      'rate_code',
      sql<string>`rate::text`.as('rate'),
      sql<string>`sum(base)::text`.as('base'),
      sql<string>`sum(case when direction = 'input' then deductible else vat end)::text`.as('vat'),
      eb.fn.countAll<number>().as('n'),
    ])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('vat_date', '>=', from)
    .where('vat_date', '<=', to)
    .groupBy(['direction', 'regime', 'self_assessed', 'rate_code', 'rate'])
    .orderBy('direction')
    .orderBy('rate', 'desc')
    .orderBy('rate_code')
    .orderBy('regime')
    .execute();
  const side = (direction: 'output' | 'input') => {
    const list = rows.filter((r) => r.direction === direction);
    return {
      rows: list.map(
        (r): VatSummaryRow => ({
          regime: r.regime,
          selfAssessed: r.self_assessed,
          code: r.rate_code,
          rate: normalizeDecimal(r.rate),
          base: money(r.base, currency),
          vat: money(r.vat, currency),
        }),
      ),
      base: money(sum(list.map((r) => BigInt(r.base))), currency),
      vat: money(sum(list.map((r) => BigInt(r.vat))), currency),
      vatAmount: sum(list.map((r) => BigInt(r.vat))),
    };
  };
  const { vatAmount: outVat, ...output } = side('output');
  const { vatAmount: inVat, ...input } = side('input');
  return { currency, from, to, output, input, payable: money(outVat - inVat, currency) };
}
