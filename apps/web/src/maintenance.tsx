import { useI18n } from '@bureau/core/ui';
import { createSignal, onCleanup, onMount } from 'solid-js';
import { Logo } from './layout/logo.tsx';

/**
 * Maintenance mode as the browser sees it: any API answer 503 `maintenance` (an upgrade or a restore
 * is running, docs/operations.md) switches the app to this page, which asks GET /api/maintenance
 * every Retry-After seconds and reloads the app once Bureau is back.
 */
const [active, setActive] = createSignal(false);
let retryAfter = 15;
export const inMaintenance = active;

/**
 * Wraps window.fetch as this module loads (main.tsx imports it first, before anything fetches), so
 * every caller — the shell and the module panels — is covered.
 */
const originalFetch: typeof window.fetch =
  typeof window === 'undefined' ? fetch : watchForMaintenance(window.fetch.bind(window));

function watchForMaintenance(original: typeof window.fetch): typeof window.fetch {
  window.fetch = async (input, init) => {
    const res = await original(input, init);
    if (res.status === 503 && (res.headers.get('content-type') ?? '').includes('problem+json')) {
      const body = await res
        .clone()
        .json()
        .catch(() => null);
      if (body?.code === 'maintenance') {
        retryAfter = Math.min(120, Math.max(2, Number(res.headers.get('retry-after')) || 15));
        setActive(true);
      }
    }
    return res;
  };
  return original;
}

export function MaintenancePage() {
  const i18n = useI18n();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const poll = async () => {
    try {
      const res = await originalFetch('/api/maintenance', { cache: 'no-store' });
      const body = res.ok ? await res.json() : null;
      if (body && body.maintenance === false) {
        window.location.reload();
        return;
      }
    } catch {
      // Not reachable yet (the server may be restarting): keep asking.
    }
    timer = setTimeout(poll, retryAfter * 1000);
  };
  onMount(() => {
    timer = setTimeout(poll, retryAfter * 1000);
  });
  onCleanup(() => clearTimeout(timer));
  return (
    <div class="boot" role="status" aria-live="polite">
      <div class="state">
        <div class="state-icon">
          <Logo size={32} />
        </div>
        <h1 class="state-title">{i18n.t('maintenance.title')}</h1>
        <p class="state-description">{i18n.t('maintenance.text')}</p>
      </div>
    </div>
  );
}
