import { composeIBAN } from 'ibantools';
import { sql } from 'kysely';
import { seedTenant } from './accounts.ts';
import { money } from './amounts.ts';
import { createBankAccount, importStatement, matchLine, suggestions } from './bank.ts';
import { type Ctx, dbOf, guarded, settingsOf } from './context.ts';
import { addDays, dateOf } from './dates.ts';
import { issueDocument } from './document-issue.ts';
import { createDocument } from './documents.ts';
import { post } from './ledger.ts';
import { createPartner } from './partners.ts';
import { createPayment } from './payments.ts';
import { lastLockedPeriod } from './periods.ts';
import { functionalSql } from './sql-money.ts';

/**
 * Deletes every accounting row of the tenant through the database's own purge (an owner function
 * that works only while the module is disabled for the tenant; the journal's immutability holds
 * against everything else).
 */
export async function purge(ctx: Ctx): Promise<void> {
  await guarded(() => sql`select accounting.purge_tenant()`.execute(ctx.db));
}

/** Figures for the provider console. */
export async function summary(ctx: Ctx): Promise<Record<string, unknown>> {
  const db = dbOf(ctx);
  const settings = await db
    .selectFrom('accounting.settings')
    .select('currency')
    .where('tenant_id', '=', ctx.tenant.id)
    .executeTakeFirst();
  const currency = settings?.currency ?? ctx.tenant.currency;
  const today = dateOf(ctx.now());
  const open = functionalSql(sql`(d.total - d.paid)`, sql`d.currency`, sql`d.rate`, currency);
  const overdue = await sql<{ n: string; amount: string; oldest: string | null }>`
    select count(*)::text as n, coalesce(sum(${open}), 0)::bigint::text as amount, min(d.due_date)::text as oldest
    from accounting.documents d
    where d.tenant_id = ${ctx.tenant.id} and d.kind = 'invoice' and d.status = 'issued' and d.due_date < ${today}`.execute(
    ctx.db,
  );
  const lines = await sql<{ n: string }>`
    select count(*)::text as n from accounting.bank_lines
    where tenant_id = ${ctx.tenant.id} and status = 'unmatched'`.execute(ctx.db);
  const o = overdue.rows[0];
  return {
    currency,
    overdueReceivables: {
      count: Number(o?.n ?? 0),
      amount: money(o?.amount ?? '0', currency),
      oldestDueDate: o?.oldest ?? null,
    },
    unreconciledBankLines: Number(lines.rows[0]?.n ?? 0),
    lastLockedPeriod: await lastLockedPeriod(ctx),
  };
}

/** A valid IČO from seven digits (computes the mod-11 check digit). */
function ico(seven: string): string {
  let s = 0;
  for (let i = 0; i < 7; i++) s += Number(seven[i]) * (8 - i);
  const r = s % 11;
  return `${seven}${r === 0 ? 1 : r === 1 ? 0 : 11 - r}`;
}

/** A Czech IBAN for a demo account: the account number gets its mod-11 check digit. */
function czIban(bank: string, base: string): string {
  const weights = [6, 3, 7, 9, 10, 5, 8, 4, 2];
  for (let n = Number(base); ; n++) {
    const digits = String(n).padStart(9, '0').slice(-9);
    const s = weights.reduce((acc, w, i) => acc + w * Number(digits[i]), 0);
    const check = (11 - (s % 11)) % 11;
    if (check < 10) return composeIBAN({ countryCode: 'CZ', bban: `${bank}000000${digits}${check}` }) as string;
  }
}

/**
 * Sample books for a demo tenant: customers and vendors, a bank account with capital paid in,
 * invoices (paid, partly paid, overdue), bills, and a bank statement whose lines are matched by
 * variable symbol — one line is left for the reconciliation screen.
 */
export async function demo(ctx: Ctx): Promise<void> {
  await seedTenant(ctx);
  const settings = await settingsOf(ctx);
  const cz = settings.country === 'CZ';
  const today = dateOf(ctx.now());
  const day = (n: number) => addDays(today, -n);
  const c = (x: number) => money(BigInt(x) * 100n, settings.currency);

  const bank = await createBankAccount(ctx, {
    name: cz ? 'Provozní účet' : 'Operating account',
    iban: czIban('0800', '200014539'),
    currency: settings.currency,
  });
  const capital = cz ? '411' : '3000';
  await post(ctx, {
    date: day(75),
    memo: cz ? 'Splacení základního kapitálu' : 'Share capital paid in',
    source: { type: 'demo.capital', id: ctx.tenant.id },
    lines: [
      { account: bank.account, debit: c(200_000) },
      { account: capital, credit: c(200_000) },
    ],
  });

  const customers = [];
  for (const [name, city, seven, email] of [
    ['Stavby Novák s.r.o.', 'Brno', '2734619', 'fakturace@stavby-novak.example'],
    ['Pekárna U Mlýna s.r.o.', 'Olomouc', '4561237', 'ucetni@pekarna-mlyn.example'],
    ['Horák & syn, v.o.s.', 'Praha', '6120453', 'horak@horak-syn.example'],
  ] as const) {
    const i = ico(seven);
    customers.push(
      await createPartner(ctx, 'customer', {
        name,
        ico: i,
        dic: `CZ${i}`,
        city,
        email,
        country: 'CZ',
        paymentTermsDays: 14,
        iban: czIban('0100', `${seven}12`),
      }),
    );
  }
  const vendors = [];
  for (const [name, seven] of [
    ['Kancelář Morava a.s.', '2598741'],
    ['Nájmy Centrum s.r.o.', '3816502'],
  ] as const) {
    const i = ico(seven);
    vendors.push(
      await createPartner(ctx, 'vendor', { name, ico: i, dic: `CZ${i}`, country: 'CZ', paymentTermsDays: 10 }),
    );
  }
  const [novak, pekarna, horak] = customers as [(typeof customers)[0], (typeof customers)[0], (typeof customers)[0]];
  const [kancelar, najmy] = vendors as [(typeof vendors)[0], (typeof vendors)[0]];

  const invoice = async (
    customerId: string,
    issued: number,
    lines: { description: string; quantity: string; unitPrice: string; vat?: string }[],
  ) => {
    const draft = await createDocument(ctx, 'invoice', { partnerId: customerId, issueDate: day(issued), lines });
    return issueDocument(ctx, 'invoice', draft.id);
  };
  const i1 = await invoice(novak.id, 60, [
    { description: cz ? 'Projektová dokumentace' : 'Project documentation', quantity: '1', unitPrice: c(48_000) },
    { description: cz ? 'Konzultace (hod.)' : 'Consulting (hours)', quantity: '12', unitPrice: c(1_200) },
  ]);
  const i2 = await invoice(pekarna.id, 40, [
    { description: cz ? 'Servis pecí' : 'Oven service', quantity: '1', unitPrice: c(18_500) },
  ]);
  const i3 = await invoice(horak.id, 20, [
    { description: cz ? 'Dodávka materiálu' : 'Material supply', quantity: '25', unitPrice: c(640), vat: 'reduced' },
  ]);
  await invoice(novak.id, 5, [
    { description: cz ? 'Technický dozor' : 'Site supervision', quantity: '8', unitPrice: c(1_500) },
  ]);

  const bill = async (vendorId: string, issued: number, description: string, amount: number, vs: string) => {
    const draft = await createDocument(ctx, 'bill', {
      partnerId: vendorId,
      issueDate: day(issued),
      variableSymbol: vs,
      reference: vs,
      lines: [{ description, quantity: '1', unitPrice: c(amount) }],
    });
    return issueDocument(ctx, 'bill', draft.id);
  };
  const b1 = await bill(najmy.id, 45, cz ? 'Nájem kanceláře' : 'Office rent', 22_000, '2400117');
  await bill(kancelar.id, 12, cz ? 'Kancelářské potřeby' : 'Office supplies', 3_480, '880231');

  // Cash sale straight into the till.
  await createPayment(ctx, { partnerId: horak.id, date: day(18), amount: '500.00', reference: 'hotovost' });

  // The bank statement: two invoices paid in full, one in part, the rent paid, a bank fee, and
  // one incoming payment nobody has matched yet.
  const row = (d: string, amount: string, vs: string, name: string, msg: string) =>
    `${d};${amount};${vs};${name};${msg}`;
  const statement = [
    'Datum;Částka;VS;Protistrana;Zpráva',
    row(day(50), i1.total.replace('.', ','), i1.variableSymbol ?? '', novak.name, 'Úhrada faktury'),
    row(day(30), `-${b1.total.replace('.', ',')}`, '2400117', najmy.name, 'Nájem'),
    row(day(25), '10000,00', i2.variableSymbol ?? '', pekarna.name, 'Částečná úhrada'),
    row(day(10), i3.total.replace('.', ','), i3.variableSymbol ?? '', horak.name, 'Platba'),
    row(day(3), '-185,00', '', 'Banka', 'Poplatek za vedení účtu'),
    row(day(1), '1250,00', '9100042', 'Jana Dvořáková', 'Záloha'),
  ].join('\n');
  await importStatement(ctx, bank.id, {
    format: 'csv',
    content: statement,
    fileName: 'vypis.csv',
    mapping: {
      delimiter: ';',
      dateFormat: 'YYYY-MM-DD',
      decimalSeparator: ',',
      columns: {
        date: 'Datum',
        amount: 'Částka',
        variableSymbol: 'VS',
        counterpartyName: 'Protistrana',
        message: 'Zpráva',
      },
    },
  });
  const lines = await dbOf(ctx)
    .selectFrom('accounting.bank_lines')
    .select(['id', 'amount', 'variable_symbol'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('bank_account_id', '=', bank.id)
    .orderBy('date')
    .execute();
  for (const l of lines) {
    if (!l.variable_symbol && BigInt(l.amount) < 0n) {
      await matchLine(ctx, l.id, {
        account: (await bankFeeCode(ctx)) ?? (cz ? '568' : '7010'),
        memo: 'Poplatek banky',
      });
      continue;
    }
    const best = (await suggestions(ctx, l.id))[0];
    if (best && best.score >= 50 && best.kind !== 'payment') await matchLine(ctx, l.id, { documentId: best.id });
  }
}

async function bankFeeCode(ctx: Ctx): Promise<string | null> {
  const s = await settingsOf(ctx);
  if (!s.bank_fee_account_id) return null;
  const a = await dbOf(ctx)
    .selectFrom('accounting.accounts')
    .select('code')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', s.bank_fee_account_id)
    .executeTakeFirst();
  return a?.code ?? null;
}
