import { sql } from 'kysely';
import type { MessageText } from '../i18n/messages.ts';
import type { PluginContext } from '../plugins/define-plugin.ts';
import type { DataSubject, PersonalDataItem } from '../records/classes.ts';
import { partiesQuery, toParty } from './service.ts';

/**
 * The address book in a data-subject request (issue 18 with the department kit's parties): a party
 * that is the person, and a company's contact who is the person. The address book is master data
 * with no retention duty of its own: a record that must keep the person (an invoice, an order)
 * keeps its own copy in its module under that module's class, so an entry here may always be
 * erased, unless a legal hold keeps it.
 */
export const ADDRESS_BOOK = 'parties';
export const ADDRESS_BOOK_TITLE: MessageText = { en: 'Address book', cs: 'Adresář' };
export const PARTY_CLASS = 'core.parties';
export const CONTACT_CLASS = 'core.party-contacts';

export const PARTY_PERSONAL_FIELDS = {
  'core.party': ['name', 'ico', 'dic', 'email', 'phone', 'web', 'note', 'addresses', 'bankAccounts'],
  'core.party-contact': ['name', 'role', 'email', 'phone'],
} as const;

type Ctx = Pick<PluginContext, 'db' | 'tenant'>;

const same = (a: unknown, b: string | undefined) =>
  !!b &&
  String(a ?? '')
    .trim()
    .toLowerCase() === b;

/** A contact's id inside its company: the party and the contact's place in its list. */
const contactId = (partyId: string, index: number) => `${partyId}#${index}`;

/** Everything the address book holds about the person: matched by e-mail or by name (case-insensitive). */
export async function addressBookData(ctx: Ctx, subject: DataSubject): Promise<PersonalDataItem[]> {
  const email = subject.email?.trim().toLowerCase() || undefined;
  const name = subject.name?.trim().toLowerCase() || undefined;
  if (!email && !name) return [];
  const lowered = [email, name].filter((v): v is string => !!v);
  const rows = await partiesQuery(ctx)
    .where((eb) =>
      eb.or([
        eb(sql`lower(p.email)`, 'in', lowered),
        eb(sql`lower(trim(p.name))`, 'in', lowered),
        sql<boolean>`exists (select 1 from jsonb_array_elements(p.contacts) c
          where lower(c->>'email') in (${sql.join(lowered)}) or lower(trim(c->>'name')) in (${sql.join(lowered)}))`,
      ]),
    )
    .orderBy('p.name')
    .execute();
  const items: PersonalDataItem[] = [];
  for (const row of rows) {
    const party = toParty(row as never);
    if (party.type === 'person' && (same(party.email, email) || same(party.name, name))) {
      items.push({
        recordClass: PARTY_CLASS,
        id: party.id,
        label: party.name,
        triggerDate: null,
        entityType: 'core.party',
        entityId: party.id,
        data: Object.fromEntries(PARTY_PERSONAL_FIELDS['core.party'].map((f) => [f, party[f] ?? null])),
      });
    }
    party.contacts.forEach((c, i) => {
      if (!same(c.email, email) && !same(c.name, name)) return;
      items.push({
        recordClass: CONTACT_CLASS,
        id: contactId(party.id, i),
        label: `${c.name} (${party.name})`,
        triggerDate: null,
        data: { party: party.name, ...c },
      });
    });
  }
  return items;
}

/**
 * Anonymises the people and removes the contacts. Written directly, without `core.party.updated`:
 * a module that copies a party (accounting's partners) keeps its copy under its own retention duty
 * and anonymises it when that ends.
 */
export async function eraseAddressBookData(ctx: Ctx, items: readonly PersonalDataItem[]) {
  const people = items.filter((i) => i.recordClass === PARTY_CLASS).map((i) => i.id);
  if (people.length) {
    await ctx.db
      .updateTable('core.parties')
      .set({
        name: sql`'— ' || right(id::text, 6)`,
        ico: null,
        dic: null,
        email: null,
        phone: null,
        web: null,
        note: null,
        addresses: sql`'[]'::jsonb`,
        contacts: sql`'[]'::jsonb`,
        bank_accounts: sql`'[]'::jsonb`,
        tags: sql`'{}'::text[]`,
        active: false,
      })
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', 'in', people)
      .execute();
  }
  const byParty = new Map<string, Set<number>>();
  for (const i of items.filter((x) => x.recordClass === CONTACT_CLASS)) {
    const [partyId, index] = i.id.split('#');
    if (!partyId || people.includes(partyId)) continue;
    byParty.set(partyId, (byParty.get(partyId) ?? new Set()).add(Number(index)));
  }
  for (const [partyId, indexes] of byParty) {
    const row = await partiesQuery(ctx).where('p.id', '=', partyId).executeTakeFirst();
    if (!row) continue;
    const kept = (toParty(row as never).contacts ?? []).filter((_c, i) => !indexes.has(i));
    await ctx.db
      .updateTable('core.parties')
      .set({ contacts: JSON.stringify(kept) })
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', partyId)
      .execute();
  }
}
