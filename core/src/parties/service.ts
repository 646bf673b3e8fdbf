import type { z } from '@hono/zod-openapi';
import { type Kysely, sql } from 'kysely';
import { badRequest, type FieldError, fieldError, notFound, Problem } from '../http/problem.ts';
import { invalidInput } from '../http/validation.ts';
import { czechAccountToIban, parseCzechAccount } from '../identifiers/bank-account.ts';
import { checkBankAccount, checkCompanyIds, checkOneDefaultPerCurrency } from '../identifiers/validate.ts';
import { newId } from '../lib/ids.ts';
import type { PluginContext } from '../plugins/define-plugin.ts';
import { ptm } from './messages.ts';
import { type Party, PartyInput, PartyPatch } from './schema.ts';

/** Events core emits about the address book; payload `{ partyId }`. Plugins may listen to them. */
export const PARTY_EVENTS = ['core.party.created', 'core.party.updated', 'core.party.deleted'] as const;

/** The table's columns, selected for a party. */
const COLUMNS = [
  'id',
  'type',
  'name',
  'ico',
  'dic',
  'country',
  'email',
  'phone',
  'web',
  'note',
  'addresses',
  'contacts',
  'bank_accounts',
  'roles',
  'tags',
  'active',
  'created_at',
  'updated_at',
] as const;

type Ctx = Pick<PluginContext, 'db' | 'tenant' | 'now' | 'audit' | 'emit'>;
type Row = Record<(typeof COLUMNS)[number], any>;

const iso = (v: Date | string) => (v instanceof Date ? v : new Date(v)).toISOString();

export function toParty(r: Row): Party {
  return {
    id: r.id,
    type: r.type,
    name: r.name,
    ico: r.ico,
    dic: r.dic,
    country: r.country,
    email: r.email,
    phone: r.phone,
    web: r.web,
    note: r.note,
    addresses: r.addresses,
    contacts: r.contacts,
    bankAccounts: r.bank_accounts,
    roles: r.roles,
    tags: r.tags,
    active: r.active,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

/** The tenant's parties as a query (for a list endpoint's `sendList`): alias `p`. */
export function partiesQuery(ctx: Pick<Ctx, 'db' | 'tenant'>) {
  return ctx.db
    .selectFrom('core.parties as p')
    .select(COLUMNS.map((c) => `p.${c}` as const))
    .where('p.tenant_id', '=', ctx.tenant.id);
}

/** A party of this tenant, or null (another tenant's id reads as unknown). */
export async function getParty(ctx: Pick<Ctx, 'db' | 'tenant'>, id: string): Promise<Party | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const row = await partiesQuery(ctx).where('p.id', '=', id).executeTakeFirst();
  return row ? toParty(row as Row) : null;
}

async function mustGet(ctx: Pick<Ctx, 'db' | 'tenant'>, id: string): Promise<Party> {
  const party = await getParty(ctx, id);
  if (!party) throw notFound(ptm.not_found);
  return party;
}

export interface PartySearch {
  /** Words that must each occur in the name, IČO, DIČ or e-mail. */
  q?: string | undefined;
  /** An exact IČO (spaces and missing leading zeros allowed). */
  ico?: string | undefined;
  /** Only parties with this role (`customer`, `clinic`…). */
  role?: string | undefined;
  /** Only active parties (default true). */
  activeOnly?: boolean | undefined;
  /** At most this many, by name (default 20, at most 200). */
  limit?: number | undefined;
}

/** Parties matching a search, by name: what a picker in another module offers. */
export async function findParties(ctx: Pick<Ctx, 'db' | 'tenant'>, search: PartySearch = {}): Promise<Party[]> {
  let q = partiesQuery(ctx);
  if (search.q) {
    for (const word of search.q.split(/\s+/).filter(Boolean).slice(0, 8)) {
      const like = `%${word.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      q = q.where((eb) =>
        eb.or([
          eb('p.name', 'ilike', like),
          eb('p.ico', 'ilike', like),
          eb('p.dic', 'ilike', like),
          eb('p.email', 'ilike', like),
        ]),
      );
    }
  }
  if (search.ico) q = q.where('p.ico', '=', normalizeIcoText(search.ico));
  if (search.role) q = q.where(sql<boolean>`${search.role} = any(p.roles)`);
  if (search.activeOnly !== false) q = q.where('p.active', '=', true);
  const rows = await q
    .orderBy(sql`lower(p.name)`)
    .orderBy('p.id')
    .limit(Math.min(Math.max(search.limit ?? 20, 1), 200))
    .execute();
  return rows.map((r) => toParty(r as Row));
}

const normalizeIcoText = (ico: string) => {
  const digits = ico.replace(/\s+/g, '');
  return /^\d{1,8}$/.test(digits) ? digits.padStart(8, '0') : digits;
};

type Values = Partial<Omit<Party, 'id' | 'createdAt' | 'updatedAt'>>;

/** Checks identifiers (IČO, DIČ, IBAN, BIC, Czech account numbers) and normalizes; every problem as a field error. */
function clean(input: z.output<typeof PartyPatch>, country: string): Values {
  const errors: FieldError[] = [];
  const out: Values = {};
  for (const k of ['type', 'name', 'email', 'phone', 'web', 'note', 'contacts', 'active'] as const) {
    if (input[k] !== undefined) (out as Record<string, unknown>)[k] = input[k];
  }
  if (input.country !== undefined) out.country = input.country;
  if (input.ico !== undefined || input.dic !== undefined) {
    const ids = checkCompanyIds({ ico: input.ico, dic: input.dic, country }, errors, { anyDic: true });
    if (input.ico !== undefined) out.ico = ids.ico === null ? null : normalizeIcoText(ids.ico);
    if (input.dic !== undefined) out.dic = ids.dic;
  }
  if (input.addresses) out.addresses = input.addresses.map((a) => ({ ...a, country: a.country ?? country }));
  if (input.bankAccounts) {
    out.bankAccounts = input.bankAccounts.map((a, i) => ({
      ...checkBankAccount(a, (f) => `bankAccounts.${i}.${f}`, errors),
      isDefault: a.isDefault,
      label: a.label ?? null,
    }));
    checkOneDefaultPerCurrency(out.bankAccounts, errors);
  }
  if (input.roles) out.roles = [...new Set(input.roles)];
  if (input.tags) out.tags = [...new Set(input.tags)];
  if (errors.length) throw badRequest('invalid_input', ptm.invalid, errors);
  return out;
}

function columns(v: Values): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const map: Record<string, string> = { bankAccounts: 'bank_accounts' };
  for (const [k, value] of Object.entries(v)) {
    const col = map[k] ?? k;
    out[col] = ['addresses', 'contacts', 'bankAccounts'].includes(k) ? JSON.stringify(value) : value;
  }
  return out;
}

/** 409 `duplicate_ico`: the party that has the IČO is named when it is known. */
function icoTaken(ico: string, other?: { id: string; name: string }): Problem {
  return new Problem(409, 'duplicate_ico', other ? ptm.duplicate_ico : ptm.ico_taken, {
    extra: other ? { partyId: other.id, name: other.name, ico } : { ico },
    errors: [fieldError('ico', ptm.ico_taken)],
  });
}

async function icoHolder(ctx: Pick<Ctx, 'db' | 'tenant'>, ico: string, except?: string) {
  let q = ctx.db
    .selectFrom('core.parties')
    .select(['id', 'name'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('ico', '=', ico);
  if (except) q = q.where('id', '<>', except);
  return (await q.executeTakeFirst()) as { id: string; name: string } | undefined;
}

async function assertIcoFree(ctx: Pick<Ctx, 'db' | 'tenant'>, ico: string | null | undefined, except?: string) {
  if (!ico) return;
  const other = await icoHolder(ctx, ico, except);
  if (other) throw icoTaken(ico, other);
}

/** Whether a database error is the unique IČO index refusing a second party (a concurrent writer won). */
const isIcoClash = (err: unknown) =>
  (err as { code?: string })?.code === '23505' && (err as { constraint?: string }).constraint === 'parties_ico_key';

function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const r = schema.safeParse(input);
  if (!r.success) throw invalidInput(r.error as never);
  return r.data;
}

/**
 * Adds a party to the address book: checks the input (zod, then IČO/DIČ/IBAN checksums as field errors),
 * refuses a second party with the same IČO (409 `duplicate_ico`, naming the one there), writes the row,
 * an audit entry and the event `core.party.created`, all in the caller's transaction.
 */
export async function createParty(ctx: Ctx, input: PartyInput): Promise<Party> {
  const parsed = parse(PartyInput, input);
  const country = parsed.country ?? ctx.tenant.country;
  const values = clean(parsed, country);
  await assertIcoFree(ctx, values.ico);
  const id = await insertParty(ctx, values, country);
  if (!id) {
    // Another request added a party with this IČO between the check and the insert, and committed.
    const ico = values.ico as string;
    throw icoTaken(ico, await icoHolder(ctx, ico));
  }
  const party = await mustGet(ctx, id);
  await ctx.audit({ action: 'party.created', entityType: 'party', entityId: id, after: party });
  await ctx.emit('core.party.created', { partyId: id });
  return party;
}

/**
 * Inserts the row; null when the IČO's unique index already holds a party of this tenant. On PostgreSQL
 * the insert waits for a concurrent transaction that added the same IČO and yields to it once it commits,
 * so two parallel requests give one party and one 409, never a 500.
 */
async function insertParty(ctx: Ctx, values: Values, country: string): Promise<string | null> {
  const id = newId();
  const now = ctx.now();
  const row = await ctx.db
    .insertInto('core.parties')
    .values({
      tenant_id: ctx.tenant.id,
      id,
      type: 'company',
      country,
      ...columns(values),
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'ico']).where('ico', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row ? id : null;
}

/** Changes the fields sent (lists are replaced whole); 404 for an unknown id; audit + `core.party.updated`. */
export async function updateParty(ctx: Ctx, id: string, patch: PartyPatch): Promise<Party> {
  const before = await mustGet(ctx, id);
  const parsed = parse(PartyPatch, patch);
  const values = clean(parsed, parsed.country ?? before.country);
  if (values.ico) await assertIcoFree(ctx, values.ico, id);
  try {
    await ctx.db
      .updateTable('core.parties')
      .set({ ...columns(values), updated_at: ctx.now() })
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', id)
      .execute();
  } catch (err) {
    // A concurrent request gave another party this IČO and committed; the transaction is lost, so unnamed.
    if (values.ico && isIcoClash(err)) throw icoTaken(values.ico);
    throw err;
  }
  const after = await mustGet(ctx, id);
  await ctx.audit({ action: 'party.updated', entityType: 'party', entityId: id, before, after });
  await ctx.emit('core.party.updated', { partyId: id });
  return after;
}

/** Gives a party more roles (a module taking it on as its customer, clinic…); unchanged if it has them. */
export async function addPartyRoles(ctx: Ctx, id: string, roles: string[]): Promise<Party> {
  const party = await mustGet(ctx, id);
  const missing = roles.filter((r) => !party.roles.includes(r));
  if (!missing.length) return party;
  return updateParty(ctx, id, { roles: [...party.roles, ...missing] });
}

/**
 * Removes a party. Records of other modules that point at it keep their own copy of the details and
 * lose the link (their foreign keys say `on delete set null`). Audit + `core.party.deleted`.
 */
export async function deleteParty(ctx: Ctx, id: string): Promise<void> {
  const before = await mustGet(ctx, id);
  await ctx.db.deleteFrom('core.parties').where('tenant_id', '=', ctx.tenant.id).where('id', '=', id).execute();
  await ctx.audit({ action: 'party.deleted', entityType: 'party', entityId: id, before });
  await ctx.emit('core.party.deleted', { partyId: id });
}

/**
 * The party a module means when it has only the details (an order's walk-in buyer, an invoice's
 * customer): the one with that IČO, else (without an IČO) the one with exactly that name, else a new
 * one. `role` is added to it. Field errors of the details are reported at `path` + field.
 */
export async function ensureParty(ctx: Ctx, details: PartyInput, role?: string): Promise<Party> {
  const ico = details.ico ? normalizeIcoText(details.ico) : null;
  let q = partiesQuery(ctx);
  q = ico
    ? q.where('p.ico', '=', ico)
    : q.where('p.ico', 'is', null).where(sql<boolean>`lower(p.name) = lower(${details.name.trim()})`);
  const found = await q.orderBy('p.created_at').orderBy('p.id').executeTakeFirst();
  if (found) return role ? addPartyRoles(ctx, found.id as string, [role]) : toParty(found as Row);
  try {
    return await createParty(ctx, {
      ...details,
      roles: [...new Set([...(details.roles ?? []), ...(role ? [role] : [])])],
    });
  } catch (err) {
    // A concurrent request added the party with this IČO first: it is the one meant.
    const taken = err instanceof Problem && err.code === 'duplicate_ico' ? err.extra?.partyId : undefined;
    if (typeof taken !== 'string') throw err;
    return role ? addPartyRoles(ctx, taken, [role]) : mustGet(ctx, taken);
  }
}

/** One party a module's migration brings into the address book (see `importParties`). */
export interface ImportedParty {
  /** The caller's own key (its row id), answered with the party id. */
  key: string;
  tenantId: string;
  name: string;
  ico: string | null;
  dic: string | null;
  country: string;
  email?: string | null;
  phone?: string | null;
  note?: string | null;
  /** The billing address. */
  street?: string | null;
  city?: string | null;
  zip?: string | null;
  iban?: string | null;
  bic?: string | null;
  accountNumber?: string | null;
  role: string;
  active?: boolean;
  createdAt: Date;
  /**
   * Without an IČO, join the tenant's party without an IČO of exactly this name (any case), as
   * `ensureParty` does; records of one name in the batch become one party. Off: a party each.
   */
  byName?: boolean;
}

/**
 * For a module's migration only (it runs as the database owner, across tenants, in the migration's
 * transaction): brings the module's own address records into core's address book and answers each
 * record's party id by its key. Within a tenant, records with the same IČO become one party with all
 * their roles, and a record whose IČO a party has already joins it; the others become a party each
 * (or, with `byName`, one per name, joining a party of that name already there). The details are taken as they are (the module checked them when they were entered).
 */
export async function importParties(db: Kysely<any>, records: readonly ImportedParty[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (!records.length) return ids;
  // The owner writes every tenant's rows here; row level security is forced again before returning.
  await sql`alter table core.parties no force row level security`.execute(db);
  try {
    const byIco = new Map<string, { id: string; roles: Set<string> }>();
    for (const r of records) {
      const named = !r.ico && r.byName ? `${r.tenantId}:${r.name.trim().toLowerCase()}` : null;
      const ico = r.ico ? `${r.tenantId}:${r.ico}` : named;
      let party = ico ? byIco.get(ico) : undefined;
      if (!party && named) {
        const existing = await db
          .selectFrom('core.parties')
          .select(['id', 'roles'])
          .where('tenant_id', '=', r.tenantId)
          .where('ico', 'is', null)
          .where(sql<boolean>`lower(name) = lower(${r.name.trim()})`)
          .orderBy('created_at')
          .orderBy('id')
          .executeTakeFirst();
        if (existing) party = { id: existing.id, roles: new Set(existing.roles as string[]) };
      }
      if (!party && r.ico) {
        const existing = await db
          .selectFrom('core.parties')
          .select(['id', 'roles'])
          .where('tenant_id', '=', r.tenantId)
          .where('ico', '=', r.ico)
          .executeTakeFirst();
        if (existing) party = { id: existing.id, roles: new Set(existing.roles as string[]) };
      }
      if (!party) {
        party = { id: newId(), roles: new Set() };
        const address = [r.street, r.city, r.zip].some(Boolean)
          ? [
              {
                kind: 'billing',
                street: r.street ?? '',
                city: r.city ?? '',
                zip: r.zip ?? '',
                country: r.country,
                label: null,
              },
            ]
          : [];
        const domestic = r.accountNumber ? parseCzechAccount(r.accountNumber) : null;
        const iban = r.iban ?? (domestic ? czechAccountToIban(domestic) : null);
        const accounts = iban
          ? [
              {
                iban,
                bic: r.bic ?? null,
                accountNumber: r.accountNumber ?? null,
                currency: 'CZK',
                isDefault: true,
                label: null,
              },
            ]
          : [];
        await db
          .insertInto('core.parties')
          .values({
            tenant_id: r.tenantId,
            id: party.id,
            type: 'company',
            name: r.name,
            ico: r.ico,
            dic: r.dic,
            country: r.country,
            email: r.email ?? null,
            phone: r.phone ?? null,
            note: r.note ?? null,
            addresses: JSON.stringify(address),
            bank_accounts: JSON.stringify(accounts),
            active: r.active ?? true,
            created_at: r.createdAt,
            updated_at: r.createdAt,
          })
          .execute();
      }
      if (ico) byIco.set(ico, party);
      if (!party.roles.has(r.role)) {
        party.roles.add(r.role);
        await db
          .updateTable('core.parties')
          .set({ roles: sql`array_append(roles, ${r.role})` })
          .where('tenant_id', '=', r.tenantId)
          .where('id', '=', party.id)
          .execute();
      }
      ids.set(r.key, party.id);
    }
  } finally {
    await sql`alter table core.parties force row level security`.execute(db);
  }
  return ids;
}
