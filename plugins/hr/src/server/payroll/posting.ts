import { formatMoney, type PluginContext } from '@bureau/core';
import { type PostedEntry, type PostingLine, postingService } from '@bureau/plugin-accounting/contract';
import { coverage } from './month.ts';
import { payslipsOf } from './run.ts';

/**
 * A pay run in the books, through accounting's public `accounting.posting` service (Czech chart,
 * vyhláška 500/2002 Sb.): approving posts the month's wages — gross wages 521 and the employer's
 * insurance 524 against the net wages owed to the employees 331, social and health insurance (both
 * parts) owed to ČSSZ and the insurers 336 and the tax advances less bonuses and the withholding tax
 * owed to the tax office 342 — dated the last day of the month; paying posts the net wages paid by
 * transfer, 331 against the bank account (221…). Each posts once (accounting's source idempotency).
 * Without accounting enabled nothing is posted and payroll works alone.
 */
export const ACCRUAL_SOURCE = 'hr.payroll';
export const PAYMENT_SOURCE = 'hr.payroll.payment';

/** The figures of one payslip the entries need (haléře). */
export interface SlipMoney {
  gross: number;
  socialEmployee: number;
  healthEmployee: number;
  socialEmployer: number;
  healthEmployer: number;
  taxAdvance: number;
  taxBonus: number;
  withholdingTax: number;
  net: number;
  healthInsurer: string | null;
}

type Lang = 'cs' | 'en';
const TEXT = {
  gross: { cs: 'Hrubé mzdy', en: 'Gross wages' },
  socialEmployer: { cs: 'Sociální pojištění zaměstnavatele', en: 'Employer social insurance' },
  healthEmployer: { cs: 'Zdravotní pojištění zaměstnavatele', en: 'Employer health insurance' },
  social: { cs: 'Sociální pojištění – ČSSZ', en: 'Social insurance – ČSSZ' },
  health: { cs: 'Zdravotní pojištění', en: 'Health insurance' },
  advances: { cs: 'Zálohy na daň po slevách a bonusech', en: 'Tax advances less bonuses' },
  withholding: { cs: 'Srážková daň', en: 'Withholding tax' },
  net: { cs: 'Čisté mzdy', en: 'Net wages' },
  run: { cs: 'Mzdy', en: 'Payroll' },
  paid: { cs: 'Výplata mezd', en: 'Wages paid' },
} as const;

const sum = (slips: SlipMoney[], f: (s: SlipMoney) => number) => slips.reduce((a, s) => a + f(s), 0);

/** A line on the side its sign says (a negative credit is a debit); nothing for zero. */
function line(account: string, credit: number, memo: string): PostingLine[] {
  if (credit === 0) return [];
  return [credit > 0 ? { account, credit: formatMoney(credit), memo } : { account, debit: formatMoney(-credit), memo }];
}

/** The month's wage entry: balanced whenever each payslip's net = gross − employee parts − tax + bonus. */
export function accrualLines(slips: SlipMoney[], lang: Lang): PostingLine[] {
  const insurers = [...new Set(slips.map((s) => s.healthInsurer))].sort((a, b) => String(a).localeCompare(String(b)));
  return [
    ...line('521', -sum(slips, (s) => s.gross), TEXT.gross[lang]),
    ...line('524', -sum(slips, (s) => s.socialEmployer), TEXT.socialEmployer[lang]),
    ...line('524', -sum(slips, (s) => s.healthEmployer), TEXT.healthEmployer[lang]),
    ...line(
      '336',
      sum(slips, (s) => s.socialEmployee + s.socialEmployer),
      TEXT.social[lang],
    ),
    ...insurers.flatMap((code) =>
      line(
        '336',
        sum(
          slips.filter((s) => s.healthInsurer === code),
          (s) => s.healthEmployee + s.healthEmployer,
        ),
        code ? `${TEXT.health[lang]} – ${code}` : TEXT.health[lang],
      ),
    ),
    ...line(
      '342',
      sum(slips, (s) => s.taxAdvance - s.taxBonus),
      TEXT.advances[lang],
    ),
    ...line(
      '342',
      sum(slips, (s) => s.withholdingTax),
      TEXT.withholding[lang],
    ),
    ...line(
      '331',
      sum(slips, (s) => s.net),
      TEXT.net[lang],
    ),
  ];
}

const langOf = (ctx: PluginContext): Lang => (ctx.tenant.locale.startsWith('cs') ? 'cs' : 'en');

async function slipMoney(ctx: PluginContext, runId: string) {
  const rows = await payslipsOf(ctx, runId);
  return rows.map((r) => {
    const f = (typeof r.figures === 'string' ? JSON.parse(r.figures) : r.figures) as Record<string, number>;
    return {
      gross: f.gross ?? 0,
      socialEmployee: f.socialEmployee ?? 0,
      healthEmployee: f.healthEmployee ?? 0,
      socialEmployer: f.socialEmployer ?? 0,
      healthEmployer: f.healthEmployer ?? 0,
      taxAdvance: f.taxAdvance ?? 0,
      taxBonus: f.taxBonus ?? 0,
      withholdingTax: f.withholdingTax ?? 0,
      net: f.net ?? 0,
      healthInsurer: (r.health_insurer as string | null) ?? null,
      iban: (r.iban as string | null) ?? null,
    };
  });
}

/** Posts the approved run's wages (once); null when accounting is not enabled or there is nothing to post. */
export async function postAccrual(ctx: PluginContext, run: { id: string; period: string }) {
  if (!(await ctx.isEnabled('accounting'))) return null;
  const lines = accrualLines(await slipMoney(ctx, run.id), langOf(ctx));
  if (!lines.length) return null;
  const { entry } = await ctx.use(postingService).post({
    date: coverage(run.period, '0001-01-01', null)!.month.last,
    memo: `${TEXT.run[langOf(ctx)]} ${run.period}`,
    source: { type: ACCRUAL_SOURCE, id: run.id },
    lines,
  });
  return entry;
}

/**
 * Posts the net wages paid by transfer (331 against the bank account `bankAccount` of accounting, by
 * default its default one), once. Net pay of employees without an account stays on 331 until paid
 * out in cash.
 */
export async function postPayment(
  ctx: PluginContext,
  run: { id: string; period: string },
  date: string,
  bankAccount?: string,
) {
  if (!(await ctx.isEnabled('accounting'))) return null;
  const paid = sum(
    (await slipMoney(ctx, run.id)).filter((s) => s.iban && s.net > 0),
    (s) => s.net,
  );
  if (paid <= 0) return null;
  const posting = ctx.use(postingService);
  const bank = bankAccount ?? (await posting.accountFor('bank'));
  const memo = `${TEXT.paid[langOf(ctx)]} ${run.period}`;
  const { entry } = await posting.post({
    date,
    memo,
    source: { type: PAYMENT_SOURCE, id: run.id },
    lines: [
      { account: '331', debit: formatMoney(paid), memo },
      { account: bank, credit: formatMoney(paid), memo },
    ],
  });
  return entry;
}

export interface RunPosting {
  wages: { id: string; number: string; date: string } | null;
  payment: { id: string; number: string; date: string } | null;
}

const ref = (e: PostedEntry | null) => (e ? { id: e.id, number: e.number, date: e.date } : null);

/** The entries a run posted; null when accounting is not enabled. */
export async function runPosting(ctx: PluginContext, runId: string): Promise<RunPosting | null> {
  if (!(await ctx.isEnabled('accounting'))) return null;
  const posting = ctx.use(postingService);
  return {
    wages: ref(await posting.findBySource({ type: ACCRUAL_SOURCE, id: runId })),
    payment: ref(await posting.findBySource({ type: PAYMENT_SOURCE, id: runId })),
  };
}
