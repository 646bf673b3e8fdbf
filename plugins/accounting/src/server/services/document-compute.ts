import { badRequest, type FieldError } from '@bureau/core';
import {
  amountOf,
  convert,
  type Decimal,
  decimalText,
  multiply,
  ONE,
  parseDecimal,
  percentOf,
  positiveDecimalOf,
  sum,
} from './amounts.ts';
import { type Ctx, dbOf, settingsOf } from './context.ts';
import { addDays, dateOf, isDate } from './dates.ts';
import type { Deduction, DocumentKind, DocumentType, VatRegime } from './db.ts';
import { normalizeVariableSymbol } from './identifiers.ts';
import { pt } from './problem-texts.ts';
import { rateOn } from './rates.ts';
import { roleAccount } from './settings.ts';
import { resolveVatRate } from './vat.ts';
import { isVatPayer } from './vat-payer.ts';

export interface DocumentLineInput {
  description: string;
  quantity?: string | undefined;
  unit?: string | null | undefined;
  /** Decimal string in the document currency; may be negative for a discount line. */
  unitPrice: string;
  /** Revenue (invoice) or expense (bill) account code; defaults from the settings. */
  account?: string | undefined;
  /** VAT rate code ('standard', 'reduced', 'zero', 'exempt'); resolved at the tax date. */
  vat?: string | undefined;
  supply?: 'goods' | 'services' | undefined;
  /** Legal basis printed on an exempt line. */
  exemption?: string | null | undefined;
  /** § 92a subject code (control statement kod_pred_pl). */
  reverseChargeCode?: string | null | undefined;
  /** Bills: how much of the input VAT is deductible. */
  deduction?: Deduction | undefined;
  deductiblePercent?: string | null | undefined;
  costCenter?: string | null | undefined;
  /** Internal: the advance invoice a final invoice's deduction line settles. */
  advanceId?: string | null | undefined;
  /** Internal: the line's VAT as already taxed (an advance's tax document), not recomputed. */
  fixedVat?: string | null | undefined;
}

export interface DocumentInput {
  partnerId: string;
  type?: DocumentType | undefined;
  regime?: VatRegime | undefined;
  issueDate?: string | undefined;
  taxDate?: string | undefined;
  /** Bills: the day the input VAT is claimed (not before the tax date). */
  vatDate?: string | null | undefined;
  dueDate?: string | undefined;
  currency?: string | undefined;
  rate?: string | undefined;
  variableSymbol?: string | null | undefined;
  reference?: string | null | undefined;
  memo?: string | null | undefined;
  correctsId?: string | null | undefined;
  correctionReason?: string | null | undefined;
  /** Internal: the day whose VAT rates apply (a correction keeps the rates of the document it corrects). */
  vatRateDate?: string | null | undefined;
  lines: DocumentLineInput[];
}

export interface ComputedLine {
  description: string;
  quantity: string;
  unit: string | null;
  unit_price: bigint;
  account_id: string;
  vat_code: string;
  vat_rate: string;
  net: bigint;
  vat: bigint;
  net_functional: bigint;
  vat_functional: bigint;
  supply: 'goods' | 'services';
  exemption: string | null;
  rc_code: string | null;
  deduction: Deduction;
  deductible_percent: string | null;
  deductible: bigint;
  cost_center: string | null;
  advance_id: string | null;
}

export interface Computed {
  header: {
    partner_id: string;
    type: DocumentType;
    regime: VatRegime;
    self_assessed: boolean;
    vat_payer: boolean;
    issue_date: string;
    tax_date: string;
    vat_date: string;
    due_date: string;
    currency: string;
    rate: string;
    variable_symbol: string | null;
    reference: string | null;
    memo: string | null;
    corrects_id: string | null;
    correction_reason: string | null;
    subtotal: bigint;
    vat_total: bigint;
    total: bigint;
    total_functional: bigint;
  };
  lines: ComputedLine[];
}

const invalidDocument = (kind: DocumentKind) =>
  kind === 'invoice'
    ? { en: 'The invoice is invalid', cs: 'Faktura obsahuje chyby' }
    : { en: 'The bill is invalid', cs: 'Přijatá faktura obsahuje chyby' };

const SALES_REGIMES: readonly VatRegime[] = ['domestic', 'reverse_charge', 'eu', 'export', 'outside_eu'];
const PURCHASE_REGIMES: readonly VatRegime[] = ['domestic', 'reverse_charge', 'eu', 'import', 'outside_eu'];
/** Purchases on which the buyer declares the VAT itself (self-assessment). */
export const SELF_ASSESSED: ReadonlySet<VatRegime> = new Set(['reverse_charge', 'eu', 'outside_eu']);

/**
 * Validates a document and computes its lines, VAT and totals. VAT is computed per line at the rate
 * valid on the tax date (half away from zero). A sale outside the domestic regime carries no VAT;
 * a purchase under reverse charge, from the EU or from outside the EU is self-assessed (its VAT is
 * declared and deducted, not paid to the vendor); an import is the VAT paid at customs. The
 * deductible part of a bill's VAT follows each line's deduction. A non-payer (company profile)
 * charges no VAT (its lines carry the code `none`) and deducts none of what it pays; it cannot
 * self-assess (an identified person's duties, § 6g–6l, are not modelled).
 */
export async function compute(
  ctx: Ctx,
  kind: DocumentKind,
  input: DocumentInput,
  partner: { id: string; payment_terms_days: number },
): Promise<Computed> {
  const settings = await settingsOf(ctx);
  const today = dateOf(ctx.now());
  const type: DocumentType = input.type ?? (kind === 'invoice' ? 'invoice' : 'bill');
  const regime: VatRegime = input.regime ?? 'domestic';
  const issueDate = input.issueDate ?? today;
  const taxDate = input.taxDate ?? issueDate;
  const dueDate = input.dueDate ?? addDays(issueDate, partner.payment_terms_days);
  const errors: FieldError[] = [];
  if (dueDate < issueDate)
    errors.push({
      path: 'dueDate',
      message: { en: 'Must not be before the issue date', cs: 'Nesmí být před datem vystavení' },
    });
  if (!(kind === 'invoice' ? SALES_REGIMES : PURCHASE_REGIMES).includes(regime))
    errors.push({
      path: 'regime',
      message:
        kind === 'invoice'
          ? { en: 'Not a regime of a sale', cs: 'Není režim prodeje' }
          : { en: 'Not a regime of a purchase', cs: 'Není režim nákupu' },
    });
  const payer = await isVatPayer(ctx);
  if (!payer && kind === 'bill' && SELF_ASSESSED.has(regime))
    errors.push({
      path: 'regime',
      message: {
        en: 'A non-payer records domestic purchases and imports only',
        cs: 'Neplátce eviduje jen tuzemské nákupy a dovoz',
      },
    });
  if (!payer && type === 'advance_tax')
    errors.push({
      path: 'type',
      message: {
        en: 'A non-payer issues no tax documents for advances',
        cs: 'Neplátce nevystavuje daňové doklady k přijaté platbě',
      },
    });
  const vatDate = kind === 'bill' ? (input.vatDate ?? taxDate) : taxDate;
  if (!isDate(vatDate) || vatDate < taxDate)
    errors.push({
      path: 'vatDate',
      message: {
        en: 'The VAT is claimed on or after the tax date',
        cs: 'Odpočet DPH se uplatní v den zdanitelného plnění nebo později',
      },
    });
  const currency = (input.currency ?? settings.currency).toUpperCase();
  let rate: Decimal = ONE;
  if (currency !== settings.currency) {
    // The VAT Act (§ 38 odst. 1) converts at the ČNB rate of the day the tax is due: the tax date.
    const declared = input.rate ? null : await rateOn(ctx, currency, taxDate);
    if (!input.rate && !declared)
      errors.push({
        path: 'rate',
        message: {
          en: `A ${currency} document needs the rate to ${settings.currency}`,
          cs: `Doklad v ${currency} potřebuje kurz k ${settings.currency}`,
        },
      });
    else rate = positiveDecimalOf(input.rate ?? (declared?.rate as string), 'rate', 'rate');
  }
  if (type === 'advance' && currency !== settings.currency)
    errors.push({
      path: 'currency',
      message: {
        en: `An advance invoice is in ${settings.currency}`,
        cs: `Zálohová faktura se vystavuje v ${settings.currency}`,
      },
    });
  const vs =
    input.variableSymbol === undefined || input.variableSymbol === null
      ? null
      : normalizeVariableSymbol(input.variableSymbol);
  if (input.variableSymbol && vs === null)
    errors.push({ path: 'variableSymbol', message: { en: 'Up to 10 digits', cs: 'Nejvýše 10 číslic' } });
  if (!input.lines.length)
    errors.push({
      path: 'lines',
      message: { en: 'A document needs at least one line', cs: 'Doklad potřebuje aspoň jednu položku' },
    });
  if (errors.length) throw badRequest('invalid_input', invalidDocument(kind), errors);

  const selfAssessed = kind === 'bill' && SELF_ASSESSED.has(regime);
  const charged = kind === 'invoice' ? payer && regime === 'domestic' : true;
  const coefficient = parseDecimal(settings.vat_coefficient ?? '100') as Decimal;
  const defaultAccount = await roleAccount(ctx, kind === 'invoice' ? 'revenue' : 'expense');
  const codes = [...new Set(input.lines.map((l) => l.account).filter((c): c is string => !!c))];
  const accounts = codes.length
    ? await dbOf(ctx)
        .selectFrom('accounting.accounts')
        .select(['id', 'code', 'active'])
        .where('tenant_id', '=', ctx.tenant.id)
        .where('code', 'in', codes)
        .execute()
    : [];
  const byCode = new Map(accounts.map((a) => [a.code, a]));
  const fc = settings.currency;
  const lines: ComputedLine[] = [];
  for (const [i, l] of input.lines.entries()) {
    const p = (f: string) => `lines.${i}.${f}`;
    try {
      const qty = positiveDecimalOf(l.quantity ?? '1', p('quantity'), 'quantity');
      if (qty.scale > 4)
        throw badRequest(
          'invalid_input',
          { en: 'Quantity has too many decimals', cs: 'Množství má příliš mnoho desetinných míst' },
          [{ path: p('quantity'), message: { en: 'At most 4 decimals', cs: 'Nejvýše 4 desetinná místa' } }],
        );
      const unitPrice = amountOf(l.unitPrice, currency, p('unitPrice'), { allowNegative: true, allowZero: true });
      const account = l.account ? byCode.get(l.account) : undefined;
      if (l.account && !account?.active) {
        errors.push({
          path: p('account'),
          message: { en: `No active account with code ${l.account}`, cs: `Aktivní účet ${l.account} neexistuje` },
        });
        continue;
      }
      const noVat = !payer && kind === 'invoice';
      // 'none' is a non-payer's line; a draft saved again after the firm became a payer takes the default.
      const given = l.vat === 'none' ? undefined : l.vat;
      const vatCode = noVat ? 'none' : (given ?? (regime === 'domestic' || kind === 'bill' ? 'standard' : 'zero'));
      const vatRate = noVat
        ? { text: '0', rate: parseDecimal('0') as Decimal }
        : await resolveVatRate(ctx, vatCode, input.vatRateDate ?? taxDate, p('vat'));
      const rcCode = l.reverseChargeCode?.trim() || null;
      if (regime === 'reverse_charge' && !l.advanceId && !(rcCode && /^\d{1,3}$/.test(rcCode)))
        errors.push({
          path: p('reverseChargeCode'),
          message: {
            en: 'The § 92a subject code (e.g. 4 for construction work)',
            cs: 'Kód předmětu plnění podle § 92a (např. 4 pro stavební práce)',
          },
        });
      const deduction: Deduction = kind === 'bill' ? (payer ? (l.deduction ?? 'full') : 'none') : 'full';
      let percent: Decimal | null = null;
      if (deduction === 'partial') {
        const d = l.deductiblePercent ? parseDecimal(l.deductiblePercent) : null;
        if (!d || d.num < 0n || d.num > 100n * 10n ** BigInt(d.scale))
          errors.push({ path: p('deductiblePercent'), message: pt.percentage });
        else percent = d;
      }
      const net = multiply(unitPrice, qty);
      const vat = noVat
        ? 0n
        : l.fixedVat
          ? amountOf(l.fixedVat, currency, p('fixedVat'), { allowNegative: true, allowZero: true })
          : charged
            ? percentOf(net, vatRate.rate)
            : 0n;
      const vatFunctional = convert(vat, currency, fc, rate);
      const deductible =
        kind !== 'bill' || deduction === 'none'
          ? 0n
          : deduction === 'partial'
            ? percentOf(vatFunctional, percent ?? ONE)
            : deduction === 'coefficient'
              ? percentOf(vatFunctional, coefficient)
              : vatFunctional;
      lines.push({
        description: l.description,
        quantity: decimalText(qty),
        unit: l.unit ?? null,
        unit_price: unitPrice,
        account_id: account?.id ?? defaultAccount,
        vat_code: vatCode,
        vat_rate: vatRate.text,
        net,
        vat,
        net_functional: convert(net, currency, fc, rate),
        vat_functional: vatFunctional,
        supply: l.supply ?? 'services',
        exemption: l.exemption?.trim() || null,
        rc_code: rcCode,
        deduction,
        deductible_percent: deduction === 'partial' && percent ? decimalText(percent) : null,
        deductible,
        cost_center: l.costCenter?.trim() || null,
        advance_id: l.advanceId ?? null,
      });
    } catch (err) {
      const e = err as { errors?: FieldError[] };
      if (e.errors) errors.push(...e.errors);
      else throw err;
    }
  }
  if (errors.length) throw badRequest('invalid_input', invalidDocument(kind), errors);
  const subtotal = sum(lines.map((l) => l.net));
  const vatTotal = sum(lines.map((l) => l.vat));
  const netF = sum(lines.map((l) => l.net_functional));
  const vatF = sum(lines.map((l) => l.vat_functional));
  // What the vendor (customer) is owed: an import is the customs VAT, a self-assessed bill the net.
  const [total, totalFunctional] =
    regime === 'import' && kind === 'bill'
      ? [vatTotal, vatF]
      : selfAssessed
        ? [subtotal, netF]
        : [subtotal + vatTotal, netF + vatF];
  return {
    header: {
      partner_id: partner.id,
      type,
      regime,
      self_assessed: selfAssessed,
      vat_payer: payer,
      issue_date: issueDate,
      tax_date: taxDate,
      vat_date: vatDate,
      due_date: dueDate,
      currency,
      rate: decimalText(rate),
      variable_symbol: vs,
      reference: input.reference ?? null,
      memo: input.memo ?? null,
      corrects_id: input.correctsId ?? null,
      correction_reason: input.correctionReason ?? null,
      subtotal,
      vat_total: vatTotal,
      total,
      total_functional: totalFunctional,
    },
    lines,
  };
}
