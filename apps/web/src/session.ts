import { browserLocale, createI18n, type Locale, unwrap } from '@bureau/core/ui';
import { createResource, createRoot } from 'solid-js';
import { client } from './api/client.ts';
import type { Me, MeTenant } from './api/types.ts';
import { dictionaries, loadDictionary } from './i18n/load.ts';

const LOCALE_KEY = 'bureau.locale';

function storedLocale(): Locale | null {
  try {
    const v = localStorage.getItem(LOCALE_KEY);
    return v === 'cs' || v === 'en' ? v : null;
  } catch {
    return null;
  }
}

/** Normalizes GET /api/me so the shell can rely on one shape (module entries may be ids or objects). */
function normalizeMe(raw: Me): Me {
  return {
    user: raw.user,
    tenants: (raw.tenants ?? []).map(
      (t): MeTenant => ({
        ...t,
        permissions: t.permissions ?? [],
        modules: (t.modules ?? []).map((m: unknown) => (typeof m === 'string' ? m : String((m as { id: string }).id))),
        via: t.via ?? null,
      }),
    ),
  };
}

/** GET /api/session: the signed-in user, or null — a 200 either way, so logged-out pages log no 401. */
async function fetchMe(): Promise<Me | null> {
  const { me } = (await unwrap(client.api.session.$get())) as { me: Me | null };
  return me ? normalizeMe(me) : null;
}

const initialLocale = storedLocale() ?? browserLocale();
/** The first page renders once the language it shows has its messages (main.tsx waits for this). */
export const messagesReady = loadDictionary(initialLocale);

export const session = createRoot(() => {
  const [me, { refetch, mutate }] = createResource(fetchMe);

  const i18n = createI18n({
    dictionaries,
    load: loadDictionary,
    initial: initialLocale,
    onChange: (locale) => {
      try {
        localStorage.setItem(LOCALE_KEY, locale);
      } catch {
        /* private mode */
      }
      const current = me.latest;
      if (current && current.user.locale !== locale) {
        mutate({ ...current, user: { ...current.user, locale } });
        unwrap(client.api.me.$patch({ json: { locale } })).catch(() => {});
      }
    },
  });

  return {
    me,
    i18n,
    /** Re-reads /api/me (after sign-in, module changes, role changes…). */
    refresh: async () => {
      const result = await refetch();
      const locale = result?.user.locale;
      if (locale === 'cs' || locale === 'en') i18n.setLocale(locale);
      return result;
    },
    clear: () => mutate(null),
    tenant: (slug: string | undefined): MeTenant | undefined => me.latest?.tenants.find((t) => t.slug === slug),
  };
});
