import { sql } from 'kysely';
import type { PartnerBalance, PartnerBalancesService } from '../../contract.ts';
import { money } from './amounts.ts';
import { type Ctx, settingsOf } from './context.ts';
import { dateOf } from './dates.ts';
import type { PartnerKind } from './db.ts';
import { functionalSql } from './sql-money.ts';

interface BalanceRow {
  id: string;
  name: string;
  kind: PartnerKind;
  open: string;
  overdue: string;
  documents: string;
  oldest: string | null;
  credit: string;
}

/**
 * Open amounts per partner in the functional currency: documents issued and not fully paid
 * (allocations after `asOf` do not count), what of it is past due, and unallocated payments.
 */
async function balances(
  ctx: Ctx,
  opts: { ids?: string[]; kind?: PartnerKind | undefined; asOf: string; overdueOnly?: boolean; limit?: number },
): Promise<PartnerBalance[]> {
  const { currency } = await settingsOf(ctx);
  const t = ctx.tenant.id;
  const open = functionalSql(sql`o.open`, sql`o.currency`, sql`o.rate`, currency);
  const unallocated = functionalSql(sql`(y.amount - y.allocated)`, sql`y.currency`, sql`y.rate`, currency);
  const rows = await sql<BalanceRow>`
    with o as (
      select d.partner_id, d.due_date, d.currency, d.rate,
        d.type = 'credit_note' as is_credit,
        d.total - coalesce((select sum(a.amount) from accounting.payment_allocations a
          where a.tenant_id = d.tenant_id and a.document_id = d.id and a.date <= ${opts.asOf}), 0)
          - coalesce((select sum(f.amount) from accounting.document_offsets f
          where f.tenant_id = d.tenant_id and (f.document_id = d.id or f.credit_id = d.id) and f.date <= ${opts.asOf}), 0)
          as open
      from accounting.documents d
      where d.tenant_id = ${t} and d.status in ('issued', 'paid') and d.issue_date <= ${opts.asOf}
        and d.type not in ('advance', 'advance_tax')
    ), per as (
      select o.partner_id,
        coalesce(sum(${open}), 0) as open,
        coalesce(sum(${open}) filter (where o.due_date < ${opts.asOf}), 0) as overdue,
        count(*) as documents, min(o.due_date) as oldest
      from o where o.open > 0 and not o.is_credit group by o.partner_id
    ), cr as (
      select partner_id, sum(credit) as credit from (
        select y.partner_id, ${unallocated} as credit from accounting.payments y
        where y.tenant_id = ${t} and y.voided_at is null and y.date <= ${opts.asOf} and y.allocated < y.amount
        union all
        -- Credit notes not yet set off or refunded are the partner's credit too.
        select o.partner_id, ${open} from o where o.is_credit and o.open > 0
      ) c group by partner_id
    )
    select p.id, p.name, p.kind,
      coalesce(per.open, 0)::bigint::text as open, coalesce(per.overdue, 0)::bigint::text as overdue,
      coalesce(per.documents, 0)::text as documents, per.oldest::text as oldest,
      coalesce(cr.credit, 0)::bigint::text as credit
    from accounting.partners p
    left join per on per.partner_id = p.id
    left join cr on cr.partner_id = p.id
    where p.tenant_id = ${t}
      ${opts.ids ? sql`and p.id in (${sql.join(opts.ids)})` : sql`and (per.open is not null or cr.credit is not null)`}
      ${opts.kind ? sql`and p.kind = ${opts.kind}` : sql``}
      ${opts.overdueOnly ? sql`and per.overdue > 0` : sql``}
    order by coalesce(per.open, 0) desc, p.name
    ${opts.limit ? sql`limit ${opts.limit}` : sql``}`.execute(ctx.db);
  return rows.rows.map((r) => ({
    partner: { id: r.id, name: r.name, kind: r.kind },
    currency,
    open: money(r.open, currency),
    overdue: money(r.overdue, currency),
    openDocuments: Number(r.documents),
    oldestDueDate: r.oldest,
    credit: money(r.credit, currency),
    asOf: opts.asOf,
  }));
}

/** The `accounting.partnerBalances` service of the contract. */
export function partnerBalancesServiceFor(ctx: Ctx): PartnerBalancesService {
  return {
    async get(ref, options = {}) {
      const id = 'partnerId' in ref ? ref.partnerId : ref.partyId;
      if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
      const found = await balances(ctx, { ids: [id], kind: options.kind, asOf: options.asOf ?? dateOf(ctx.now()) });
      return found[0] ?? null;
    },
    list(options = {}) {
      return balances(ctx, {
        kind: options.kind,
        asOf: dateOf(ctx.now()),
        overdueOnly: options.overdueOnly ?? false,
        limit: Math.min(Math.max(options.limit ?? 100, 1), 1000),
      });
    },
  };
}
