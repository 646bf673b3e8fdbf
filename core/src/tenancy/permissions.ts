/**
 * Permission grants are patterns: `*` (everything), `hr.*` (everything of a module or area) or an
 * exact name such as `accounting.post`.
 */
export function grants(patterns: readonly string[], permission: string): boolean {
  for (const p of patterns) {
    if (p === '*' || p === permission) return true;
    if (p.endsWith('.*') && permission.startsWith(p.slice(0, -1))) return true;
  }
  return false;
}

/** True when every permission `narrow` grants is also granted by `wide` (used to cap delegation). */
export function isSubset(narrow: readonly string[], wide: readonly string[]): boolean {
  return narrow.every((p) => {
    if (p === '*') return wide.includes('*');
    if (p.endsWith('.*'))
      return wide.includes('*') || wide.some((w) => w.endsWith('.*') && p.startsWith(w.slice(0, -1)));
    return grants(wide, p);
  });
}

/** Core's own permissions, with labels for the role editor. */
export const CORE_PERMISSIONS = {
  'tenant.members.read': { en: 'See members and invitations', cs: 'Vidět členy a pozvánky' },
  'tenant.members.manage': { en: 'Invite, change and remove members', cs: 'Zvát, měnit a odebírat členy' },
  'tenant.roles.manage': { en: 'Edit roles and permissions', cs: 'Upravovat role a oprávnění' },
  'tenant.tokens.manage': { en: 'Create and revoke API tokens', cs: 'Vytvářet a rušit API tokeny' },
  'tenant.modules.manage': { en: 'Enable and disable modules', cs: 'Zapínat a vypínat moduly' },
  'tenant.audit.read': { en: 'Read the audit log', cs: 'Číst auditní záznam' },
  'tenant.settings.manage': { en: 'Change firm settings', cs: 'Měnit nastavení firmy' },
  'tenant.billing.manage': { en: 'Manage subscription and invoices', cs: 'Spravovat předplatné a faktury' },
  'tenant.billing.read': { en: 'See subscription and invoices', cs: 'Vidět předplatné a faktury' },
  'tenant.records.read': { en: 'Read attachments', cs: 'Číst přílohy' },
  'tenant.records.manage': {
    en: 'Upload and delete attachments, set retention periods',
    cs: 'Nahrávat a mazat přílohy, nastavovat skartační lhůty',
  },
  'tenant.records.holds': {
    en: 'Place and release legal holds',
    cs: 'Pozastavovat skartaci (legal hold) a rušit pozastavení',
  },
  'tenant.records.dispose': {
    en: 'Approve the disposal of records past retention',
    cs: 'Schvalovat skartaci záznamů po uplynutí lhůty',
  },
  'tenant.records.export': {
    en: "Export the firm's whole data set (all modules and attachments)",
    cs: 'Exportovat všechna data firmy (všechny moduly a přílohy)',
  },
  'tenant.privacy.manage': {
    en: "Handle data subjects' requests (export and erase personal data)",
    cs: 'Vyřizovat žádosti subjektů údajů (export a výmaz osobních údajů)',
  },
  'tenant.parties.read': { en: 'See the address book', cs: 'Vidět adresář' },
  'tenant.parties.manage': {
    en: 'Add, change and remove companies and people in the address book',
    cs: 'Přidávat, měnit a mazat firmy a osoby v adresáři',
  },
  'tenant.labels.print': { en: 'Print barcode labels', cs: 'Tisknout štítky s čárovými kódy' },
  'tenant.events.manage': { en: 'See failed events and retry them', cs: 'Vidět nedoručené události a opakovat je' },
  'tenant.clients.manage': {
    en: 'Invite and end client engagements, manage teams (providers)',
    cs: 'Zvát klienty a ukončovat spolupráci, spravovat týmy (poskytovatelé)',
  },
  'tenant.providers.manage': {
    en: "Accept, narrow and revoke providers' access",
    cs: 'Přijímat, omezovat a rušit přístup poskytovatelů',
  },
} as const;

export type BuiltinRole = 'owner' | 'admin' | 'member';
export const BUILTIN_ROLES: readonly BuiltinRole[] = ['owner', 'admin', 'member'];

/** Grants of the built-in roles; `member` also gets each enabled plugin's `memberPermissions`. */
export function builtinGrants(role: BuiltinRole, memberPermissions: readonly string[]): string[] {
  if (role === 'owner' || role === 'admin') return ['*'];
  return [
    'tenant.members.read',
    'tenant.records.read',
    'tenant.labels.print',
    'tenant.parties.read',
    ...memberPermissions,
  ];
}
