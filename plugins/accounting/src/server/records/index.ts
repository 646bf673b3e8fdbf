import type { DataSubject, PersonalDataItem, PluginContext, PluginPersonalData, PluginRecords } from '@bureau/core';
import { anonymisePartners, archiveDocuments, documentRecords, partnerRecords } from './retention.ts';

const documents = { read: 'accounting.read', attach: 'accounting.post', sensitive: 'accounting.admin' } as const;

/**
 * Entity types that carry attachments (scanned receipts, supplier PDFs, contracts, statements) and
 * who may see them: every reader of the books sees ordinary files; files marked sensitive (e.g. a
 * partner's identity document) need `accounting.admin`. Audit entries of other accounting entities
 * (accounts, settings, periods, VAT rates, the generic rows of journal routes) need `accounting.read`.
 */
export const records: PluginRecords = {
  auditRead: 'accounting.read',
  entities: {
    'accounting.invoice': { label: { en: 'Sales invoice', cs: 'Faktura vydaná' }, ...documents },
    'accounting.bill': { label: { en: 'Purchase bill', cs: 'Faktura přijatá' }, ...documents },
    'accounting.entry': { label: { en: 'Journal entry', cs: 'Účetní zápis' }, ...documents },
    'accounting.payment': { label: { en: 'Payment', cs: 'Platba' }, ...documents },
    'accounting.bank_account': { label: { en: 'Bank account', cs: 'Bankovní účet' }, ...documents },
    'accounting.bank_line': { label: { en: 'Bank statement line', cs: 'Položka výpisu' }, ...documents },
    'accounting.customer': { label: { en: 'Customer', cs: 'Odběratel' }, ...documents },
    'accounting.vendor': { label: { en: 'Vendor', cs: 'Dodavatel' }, ...documents },
    'accounting.asset': { label: { en: 'Fixed asset', cs: 'Dlouhodobý majetek' }, ...documents },
  },
  classes: {
    // Tax documents: 10 years from the end of the tax period (VAT act § 35); accounting documents 5 years
    // from the end of the accounting period (§ 31). Counting 10 years from the end of the accounting
    // period covers both. Issued documents are immutable in the books: disposal archives them (the row and
    // its amounts stay, the attachments go).
    'accounting.documents': {
      label: { en: 'Invoices, bills and credit notes', cs: 'Faktury, přijaté faktury a dobropisy' },
      statutes: ['cz.vat.documents', 'cz.accounting.books'],
      trigger: 'period_end',
      disposal: 'archive',
      records: (ctx, q) => documentRecords(ctx, q),
      dispose: archiveDocuments,
    },
    // A partner's identification belongs to its tax documents: kept as long as the latest of them.
    'accounting.partners': {
      label: { en: 'Customers and vendors', cs: 'Odběratelé a dodavatelé' },
      statutes: ['cz.vat.documents', 'eu.gdpr.storage-limitation'],
      trigger: 'last_contact',
      disposal: 'anonymise',
      records: (ctx, q) => partnerRecords(ctx, q),
      dispose: anonymisePartners,
    },
  },
};

const PARTNER_FIELDS = [
  'name',
  'ico',
  'dic',
  'email',
  'phone',
  'street',
  'city',
  'postal_code',
  'iban',
  'bank_account',
  'note',
];

/** Partners that are the person: the same e-mail, or the same name (case-insensitive). */
async function matchingPartners(ctx: PluginContext, subject: DataSubject) {
  const email = subject.email?.toLowerCase();
  const name = subject.name?.trim().toLowerCase();
  if (!email && !name) return [];
  const all = await partnerRecords(ctx, {});
  return all.filter(
    (p) =>
      (email && String(p.row.email ?? '').toLowerCase() === email) ||
      (name &&
        String(p.row.name ?? '')
          .trim()
          .toLowerCase() === name),
  );
}

/** Customers and vendors who are people, and their documents. */
export const personalData: PluginPersonalData = {
  fields: {
    'accounting.customer': PARTNER_FIELDS,
    'accounting.vendor': PARTNER_FIELDS,
    'accounting.invoice': ['partner', 'memo', 'reference'],
    'accounting.bill': ['partner', 'memo', 'reference'],
  },
  async export(ctx, subject) {
    const partners = await matchingPartners(ctx, subject);
    if (!partners.length) return [];
    const docs = await documentRecords(ctx, { partnerIds: partners.map((p) => p.id) });
    const items: PersonalDataItem[] = partners.map((p) => ({
      recordClass: 'accounting.partners',
      id: p.id,
      label: p.label,
      triggerDate: p.triggerDate,
      entityType: p.entityType as string,
      entityId: p.id,
      data: Object.fromEntries(['kind', 'country', ...PARTNER_FIELDS].map((f) => [f, p.row[f] ?? null])),
    }));
    for (const d of docs) {
      items.push({
        recordClass: 'accounting.documents',
        id: d.id,
        label: d.label,
        triggerDate: d.triggerDate,
        entityType: d.entityType as string,
        entityId: d.id,
        data: {
          type: d.row.type,
          number: d.row.number,
          issueDate: d.row.issue_date,
          taxDate: d.row.tax_date,
          total: d.row.total,
          currency: d.row.currency,
          memo: d.row.memo ?? null,
          reference: d.row.reference ?? null,
        },
      });
    }
    return items;
  },
  // Documents stay in the immutable books (their files go, through core); the partner's identity is anonymised.
  async erase(ctx, items) {
    await anonymisePartners(
      ctx,
      items.filter((i) => i.recordClass === 'accounting.partners').map((i) => i.id),
    );
  },
};
