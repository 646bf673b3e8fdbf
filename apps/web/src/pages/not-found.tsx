import { LoadingState, useI18n } from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { tenantState } from '../tenant-state.ts';

/** Unknown page; inside a tenant it waits for the module panels first (their routes may still be loading). */
export function NotFound() {
  const i18n = useI18n();
  return (
    <Show when={!tenantState.plugins.loading} fallback={<LoadingState rows={5} />}>
      <div class="state">
        <p class="state-title" style={{ 'font-size': '40px' }}>
          404
        </p>
        <p class="state-title">{i18n.t('notFound.title')}</p>
        <p class="state-description">{i18n.t('notFound.text')}</p>
        <A class="btn btn-secondary" href="/">
          {i18n.t('shell.goHome')}
        </A>
      </div>
    </Show>
  );
}
