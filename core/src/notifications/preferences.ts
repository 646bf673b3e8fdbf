import type { Kysely } from 'kysely';
import { badRequest, fieldError } from '../http/problem.ts';
import type { LocalizedText } from '../plugins/define-plugin.ts';
import type { Runtime } from '../runtime.ts';
import { type Channel, DEFAULT_CHANNEL, SEVERITIES, type Severity, severityTopic } from './define.ts';
import { nm } from './messages.ts';

/**
 * Each recipient's channel for one notification: their choice for its category, else for its
 * severity; recipients without either are left out (the caller applies the default).
 */
export async function channelsFor(
  db: Kysely<any>,
  tenantId: string,
  users: string[],
  severity: Severity,
  category: string | null,
): Promise<Map<string, Channel>> {
  const out = new Map<string, Channel>();
  if (!users.length) return out;
  const topics = [severityTopic(severity), ...(category ? [category] : [])];
  const rows = await db
    .selectFrom('core.notification_preferences')
    .select(['user_id', 'topic', 'channel'])
    .where('tenant_id', '=', tenantId)
    .where('user_id', 'in', users)
    .where('topic', 'in', topics)
    .execute();
  for (const r of rows) if (r.topic !== category) out.set(r.user_id, r.channel);
  for (const r of rows) if (r.topic === category) out.set(r.user_id, r.channel);
  return out;
}

export interface PreferenceTopic {
  topic: string;
  kind: 'severity' | 'category';
  label: LocalizedText;
  /** The category's module (`core` for severities). */
  module: string;
  /** For a category: null (it follows its severity's choice unless set). */
  defaultChannel: Channel | null;
}

const SEVERITY_LABELS: Record<Severity, LocalizedText> = {
  info: nm.severity_info,
  warning: nm.severity_warning,
  critical: nm.severity_critical,
};

/** What a user can tune in a tenant: the three severities, then the categories of its enabled modules. */
export async function preferenceTopics(
  runtime: Runtime,
  db: Kysely<any>,
  tenantId: string,
): Promise<PreferenceTopic[]> {
  const enabled = new Set(
    (
      await db
        .selectFrom('core.tenant_modules')
        .select('module_id')
        .where('tenant_id', '=', tenantId)
        .where('enabled', '=', true)
        .execute()
    ).map((r) => r.module_id as string),
  );
  const severities = SEVERITIES.map(
    (s): PreferenceTopic => ({
      topic: severityTopic(s),
      kind: 'severity',
      label: { en: SEVERITY_LABELS[s].en, cs: SEVERITY_LABELS[s].cs },
      module: 'core',
      defaultChannel: DEFAULT_CHANNEL[s],
    }),
  );
  const categories = runtime.plugins
    .filter((p) => enabled.has(p.id))
    .flatMap((p) =>
      Object.entries(p.notifications ?? {}).map(
        ([topic, label]): PreferenceTopic => ({ topic, kind: 'category', label, module: p.id, defaultChannel: null }),
      ),
    );
  return [...severities, ...categories];
}

/** The user's choices: topic → channel. */
export async function readPreferences(db: Kysely<any>, tenantId: string, userId: string) {
  const rows = await db
    .selectFrom('core.notification_preferences')
    .select(['topic', 'channel'])
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .execute();
  return new Map(rows.map((r) => [r.topic as string, r.channel as Channel]));
}

/**
 * Saves choices (topic → channel, or null to go back to the default). A topic that is not a severity
 * or a category of an enabled module is 400 with a field error per topic, and nothing is saved.
 */
export async function savePreferences(
  runtime: Runtime,
  db: Kysely<any>,
  tenantId: string,
  userId: string,
  choices: Record<string, Channel | null>,
) {
  const known = new Set((await preferenceTopics(runtime, db, tenantId)).map((t) => t.topic));
  const unknown = Object.keys(choices).filter((t) => !known.has(t));
  if (unknown.length)
    throw badRequest(
      'invalid_input',
      nm.unknown_topic,
      unknown.map((t) => fieldError(`preferences.${t}`, nm.unknown_topic)),
    );
  const now = runtime.clock.now();
  for (const [topic, channel] of Object.entries(choices)) {
    if (channel === null) {
      await db
        .deleteFrom('core.notification_preferences')
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .where('topic', '=', topic)
        .execute();
    } else {
      await db
        .insertInto('core.notification_preferences')
        .values({ tenant_id: tenantId, user_id: userId, topic, channel, updated_at: now })
        .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'topic']).doUpdateSet({ channel, updated_at: now }))
        .execute();
    }
  }
}
