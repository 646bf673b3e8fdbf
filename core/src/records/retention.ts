import type { Kysely } from 'kysely';

/** How long attachments of a retention class must be kept, counted from upload. */
export interface RetentionRule {
  retentionClass: string;
  years: number;
  months: number;
  days: number;
}

/** `date` plus the rule's period, in UTC calendar terms (month ends clamp: 31 Jan + 1 month = 28/29 Feb). */
export function addPeriod(date: Date, rule: Pick<RetentionRule, 'years' | 'months' | 'days'>): Date {
  const d = new Date(date.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + rule.years * 12 + rule.months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  d.setUTCDate(d.getUTCDate() + rule.days);
  return d;
}

export async function retentionRules(db: Kysely<any>, tenantId: string): Promise<RetentionRule[]> {
  const rows = await db
    .selectFrom('core.retention_rules')
    .select(['retention_class', 'years', 'months', 'days'])
    .where('tenant_id', '=', tenantId)
    .orderBy('retention_class')
    .execute();
  return rows.map((r) => ({ retentionClass: r.retention_class, years: r.years, months: r.months, days: r.days }));
}

export async function retentionRule(db: Kysely<any>, tenantId: string, cls: string): Promise<RetentionRule | null> {
  const rules = await db
    .selectFrom('core.retention_rules')
    .select(['retention_class', 'years', 'months', 'days'])
    .where('tenant_id', '=', tenantId)
    .where('retention_class', '=', cls)
    .executeTakeFirst();
  return rules
    ? { retentionClass: rules.retention_class, years: rules.years, months: rules.months, days: rules.days }
    : null;
}

/**
 * Until when an attachment must be kept: the later of the expiry recorded at upload and the expiry
 * under the class's current rule (a rule added or lengthened later applies to files already stored;
 * shortening a rule does not release them early). Null when nothing holds it.
 */
export function keepUntil(createdAt: Date, recorded: Date | null, rule: RetentionRule | null): Date | null {
  const current = rule ? addPeriod(createdAt, rule) : null;
  if (!recorded) return current;
  if (!current) return recorded;
  return current > recorded ? current : recorded;
}
