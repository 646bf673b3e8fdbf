import type { ClassRecord, PluginContext } from '@bureau/core';

/**
 * The last day of the accounting period a date falls in, for a fiscal year starting in `startMonth`
 * (1 = the calendar year): 15 Mar 2024 → 31 Dec 2024; with a July year, 15 Mar 2024 → 30 Jun 2024.
 */
export function periodEnd(date: string, startMonth: number): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const endYear = m >= startMonth ? (startMonth === 1 ? y : y + 1) : y;
  const endMonth = startMonth === 1 ? 12 : startMonth - 1; // the month before the next year starts
  const last = new Date(Date.UTC(endYear, endMonth, 0)).getUTCDate();
  return `${endYear}-${String(endMonth).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

async function startMonth(ctx: PluginContext): Promise<number> {
  const row = await ctx.db
    .selectFrom('accounting.settings')
    .select('fiscal_year_start_month')
    .where('tenant_id', '=', ctx.tenant.id)
    .executeTakeFirst();
  return Number(row?.fiscal_year_start_month ?? 1);
}

const day = (d: unknown) => (typeof d === 'string' ? d.slice(0, 10) : (d as Date).toISOString().slice(0, 10));
const documentEntity = (kind: string) => (kind === 'bill' ? 'accounting.bill' : 'accounting.invoice');

/** Issued documents (not drafts) with the end of their accounting period; filtered by trigger or ids. */
export async function documentRecords(
  ctx: PluginContext,
  query: { triggeredBy?: string; ids?: readonly string[]; partnerIds?: readonly string[] },
): Promise<(ClassRecord & { partnerId: string; row: Record<string, unknown> })[]> {
  const start = await startMonth(ctx);
  let q = ctx.db
    .selectFrom('accounting.documents')
    .select([
      'id',
      'kind',
      'type',
      'number',
      'partner_id',
      'tax_date',
      'issue_date',
      'total',
      'currency',
      'memo',
      'reference',
    ])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('status', '!=', 'draft');
  // A period ends on or after the tax date: the tax date bounds the candidates from above.
  if (query.triggeredBy) q = q.where('tax_date', '<=', query.triggeredBy);
  if (query.ids) q = q.where('id', 'in', query.ids.length ? [...query.ids] : ['00000000-0000-0000-0000-000000000000']);
  if (query.partnerIds) {
    q = q.where(
      'partner_id',
      'in',
      query.partnerIds.length ? [...query.partnerIds] : ['00000000-0000-0000-0000-000000000000'],
    );
  }
  const rows = await q.orderBy('tax_date').orderBy('id').execute();
  return rows
    .map((r) => ({
      id: r.id as string,
      label: `${r.number ?? ''}`.trim() || (r.id as string),
      triggerDate: periodEnd(day(r.tax_date), start),
      entityType: documentEntity(r.kind as string),
      entityId: r.id as string,
      partnerId: r.partner_id as string,
      row: r,
    }))
    .filter((r) => !query.triggeredBy || r.triggerDate <= (query.triggeredBy as string));
}

/**
 * Partners with their last contact: the end of the accounting period of their latest document (their
 * identification is part of those tax documents), or the day they were created when they have none.
 */
export async function partnerRecords(
  ctx: PluginContext,
  query: { triggeredBy?: string; ids?: readonly string[] },
): Promise<(ClassRecord & { row: Record<string, unknown> })[]> {
  const start = await startMonth(ctx);
  let q = ctx.db
    .selectFrom('accounting.partners as p')
    .leftJoin('accounting.documents as d', (j) =>
      j.onRef('d.tenant_id', '=', 'p.tenant_id').onRef('d.partner_id', '=', 'p.id').on('d.status', '!=', 'draft'),
    )
    .select((eb) => [
      'p.id',
      'p.kind',
      'p.name',
      'p.ico',
      'p.email',
      'p.phone',
      'p.street',
      'p.city',
      'p.postal_code',
      'p.country',
      'p.iban',
      'p.bank_account',
      'p.note',
      'p.created_at',
      eb.fn.max('d.tax_date').as('last_tax_date'),
    ])
    .where('p.tenant_id', '=', ctx.tenant.id)
    .groupBy(['p.tenant_id', 'p.id']);
  if (query.ids)
    q = q.where('p.id', 'in', query.ids.length ? [...query.ids] : ['00000000-0000-0000-0000-000000000000']);
  const rows = await q.orderBy('p.id').execute();
  return rows
    .map((r) => ({
      id: r.id as string,
      label: r.name as string,
      triggerDate: r.last_tax_date
        ? periodEnd(day(r.last_tax_date), start)
        : new Date(r.created_at as string).toISOString().slice(0, 10),
      entityType: r.kind === 'vendor' ? 'accounting.vendor' : 'accounting.customer',
      entityId: r.id as string,
      row: r,
    }))
    .filter((r) => !query.triggeredBy || r.triggerDate <= (query.triggeredBy as string));
}

/**
 * Documents are archived, not changed: issued documents are immutable in the books (migration 0005's
 * guard lets only the owner's purge change them), so disposal leaves the row with its amounts and core
 * deletes the document's attachments (the scans). Recorded in the disposal log like any disposal.
 */
export async function archiveDocuments(_ctx: PluginContext, _ids: readonly string[]) {}

/** Replaces a partner's identity and contacts with a neutral name; their documents' totals stay in the books. */
export async function anonymisePartners(ctx: PluginContext, ids: readonly string[]) {
  for (const id of ids) {
    await ctx.db
      .updateTable('accounting.partners')
      .set({
        name: `— ${id.slice(-6)}`,
        ico: null,
        dic: null,
        iban: null,
        bic: null,
        bank_account: null,
        email: null,
        phone: null,
        street: null,
        city: null,
        postal_code: null,
        note: null,
        active: false,
      })
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', id)
      .execute();
  }
}
