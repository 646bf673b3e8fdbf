import type { BureauPlugin, LocalizedText, PluginContext } from '../plugins/define-plugin.ts';
import {
  type Period,
  periodMonths,
  RETENTION_TRIGGERS,
  type RetentionTrigger,
  type Statute,
  statute,
} from './statutes.ts';

/** What disposal does to a record of the class once its period is over. */
export type DisposalAction = 'delete' | 'anonymise' | 'archive';

/** One record of a class as its plugin reports it: what retention is counted from. */
export interface ClassRecord {
  /** The plugin's id of the record (a document, an order, an employee file). */
  id: string;
  /** A short human label (number, name): shown in proposals and kept in the disposal log's proposal rows. */
  label: string;
  /** The day the class's trigger happened (YYYY-MM-DD), or null while it has not (employment not ended). */
  triggerDate: string | null;
  /** The entity the record's attachments are filed under, if any: core deletes them on disposal. */
  entityType?: string;
  entityId?: string;
}

/**
 * A kind of record a plugin keeps, with its retention rule and what disposal does (issue 18). The
 * period is the longest of the cited statutes and `period`; tenants may lengthen it, never shorten
 * it below the statutes that are duties.
 */
export interface RecordClass {
  label: LocalizedText;
  /** Keys of core's statutory data (core/src/records/statutes.ts) that govern the class. */
  statutes: readonly string[];
  /** A period of the plugin's own (e.g. to cover two triggers with one date); optional. */
  period?: Period;
  /** What each record's `triggerDate` means. */
  trigger: RetentionTrigger;
  disposal: DisposalAction;
  /**
   * The class's records whose trigger happened on or before `triggeredBy` (YYYY-MM-DD), or all of
   * them with a trigger when absent. Runs in the tenant's transaction.
   */
  records(ctx: PluginContext, query: { triggeredBy?: string; ids?: readonly string[] }): Promise<ClassRecord[]>;
  /** Deletes, anonymises or archives the given records of the class (their rows; core deletes attachments). */
  dispose(ctx: PluginContext, ids: readonly string[]): Promise<void>;
}

/** A person whose data is asked for: each module matches what it can (birth number, e-mail, name…). */
export interface DataSubject {
  name?: string;
  email?: string;
  birthNumber?: string;
  birthDate?: string;
}

/** One record about a person, with the class that decides whether it may be erased. */
export interface PersonalDataItem {
  /** `<module>.<class>` of the plugin's `records.classes`. */
  recordClass: string;
  id: string;
  label: string;
  triggerDate: string | null;
  entityType?: string;
  entityId?: string;
  /** What the module holds about the person in this record, as JSON (the export). */
  data: Record<string, unknown>;
}

/**
 * A plugin's personal-data hooks (issue 18): which fields hold personal data, everything it holds
 * about a person, and the erasure of given records.
 */
export interface PluginPersonalData {
  /** Entity type → its fields that hold personal data (documentation and the request page). */
  fields: Record<string, readonly string[]>;
  /** Every record of the module about the subject. */
  export(ctx: PluginContext, subject: DataSubject): Promise<PersonalDataItem[]>;
  /** Erases or anonymises the given records (core passed only those no retention duty or hold keeps). */
  erase(ctx: PluginContext, items: readonly PersonalDataItem[]): Promise<void>;
}

type AnyPlugin = BureauPlugin<string, any>;

export interface InstalledClass {
  key: string;
  plugin: AnyPlugin;
  definition: RecordClass;
  statutes: Statute[];
  /** The shortest period a tenant may set: the longest statute that is a duty (0 without one). */
  minimum: Period;
  /** The period that applies unless the tenant lengthens it. */
  standard: Period;
}

const longest = (periods: Period[]): Period =>
  periods.reduce<Period>((a, b) => (periodMonths(b) > periodMonths(a) ? b : a), { years: 0, months: 0 });

export function installedClass(plugin: AnyPlugin, key: string, definition: RecordClass): InstalledClass {
  const statutes = definition.statutes.map((k) => statute(k)).filter((s): s is Statute => !!s);
  const minimum = longest(statutes.filter((s) => s.duty).map((s) => s.period));
  const standard = longest([...statutes.map((s) => s.period), ...(definition.period ? [definition.period] : [])]);
  return { key, plugin, definition, statutes, minimum, standard };
}

/** Every record class of the installed plugins, in plugin order. */
export function installedClasses(plugins: readonly AnyPlugin[]): InstalledClass[] {
  return plugins.flatMap((p) =>
    Object.entries(p.records?.classes ?? {}).map(([key, def]) => installedClass(p, key, def)),
  );
}

export function findClass(plugins: readonly AnyPlugin[], key: string): InstalledClass | null {
  return installedClasses(plugins).find((c) => c.key === key) ?? null;
}

/** `date` (YYYY-MM-DD) plus a period, in calendar terms; a month end clamps (31 Jan + 1 month = 28/29 Feb). */
export function addToDate(date: string, p: Period): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = m - 1 + periodMonths(p);
  const year = y + Math.floor(total / 12);
  const month = ((total % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** `date` minus a period (the latest trigger date whose period is over on `date`'s eve). */
export function subtractFromDate(date: string, p: Period): string {
  return addToDate(date, { years: 0, months: -periodMonths(p) });
}

/**
 * The last day a record must be kept: its trigger date plus the period (an invoice whose
 * accounting period ended 31 Dec 2024, kept 10 years, is kept through 31 Dec 2034 and may be
 * disposed of from 1 Jan 2035). Null while the trigger has not happened.
 */
export function keepUntilDate(triggerDate: string | null, p: Period): string | null {
  return triggerDate ? addToDate(triggerDate, p) : null;
}

/** Whether a record is past retention on `today` (YYYY-MM-DD). */
export function isDue(triggerDate: string | null, p: Period, today: string): boolean {
  const until = keepUntilDate(triggerDate, p);
  return until !== null && until < today;
}

const CLASS_SUFFIX = /^[a-z][a-z0-9_-]*$/;
const DISPOSALS: readonly DisposalAction[] = ['delete', 'anonymise', 'archive'];

/** Boot checks of a plugin's record classes and personal-data hooks (lines of PluginRegistryError). */
export function classProblems(plugin: AnyPlugin): string[] {
  const problems: string[] = [];
  const at = `plugin "${plugin.id}"`;
  for (const [key, c] of Object.entries(plugin.records?.classes ?? {})) {
    const prefix = `${plugin.id}.`;
    if (!key.startsWith(prefix) || !CLASS_SUFFIX.test(key.slice(prefix.length)) || key.length > 80) {
      problems.push(`${at} declares record class "${key}", which must be "${prefix}<class>" in lowercase`);
    }
    if (!c?.label?.en || !c?.label?.cs) problems.push(`${at} record class "${key}" needs a label (en, cs)`);
    for (const s of c?.statutes ?? []) {
      if (!statute(s)) problems.push(`${at} record class "${key}" cites statute "${s}", which core does not know`);
    }
    if (!c?.statutes?.length && !c?.period) {
      problems.push(`${at} record class "${key}" needs statutes or a period`);
    }
    if (!RETENTION_TRIGGERS.includes(c?.trigger)) problems.push(`${at} record class "${key}" has an unknown trigger`);
    if (!DISPOSALS.includes(c?.disposal)) problems.push(`${at} record class "${key}" has an unknown disposal action`);
    if (typeof c?.records !== 'function' || typeof c?.dispose !== 'function') {
      problems.push(`${at} record class "${key}" needs records() and dispose() hooks`);
    }
  }
  const pd = plugin.personalData;
  if (pd) {
    if (typeof pd.export !== 'function' || typeof pd.erase !== 'function') {
      problems.push(`${at} personalData needs export() and erase() hooks`);
    }
    if (!Object.keys(plugin.records?.classes ?? {}).length) {
      problems.push(`${at} declares personalData but no record classes to decide what may be erased`);
    }
  }
  return problems;
}
