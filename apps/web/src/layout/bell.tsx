import { useI18n } from '@bureau/core/ui';
import { A, useLocation } from '@solidjs/router';
import { createEffect, on, onCleanup, Show } from 'solid-js';
import { Icon } from '../icons.tsx';
import { inboxState } from '../inbox-state.ts';

const POLL_MS = 60_000;

/** The bell in the shell header: the unread count, a link to the inbox; refreshed on navigation and every minute. */
export function Bell(props: { slug: string }) {
  const i18n = useI18n();
  const location = useLocation();
  createEffect(on([() => props.slug, () => location.pathname], () => void inboxState.refresh(props.slug)));
  const timer = setInterval(() => void inboxState.refresh(props.slug), POLL_MS);
  onCleanup(() => clearInterval(timer));
  const count = () => inboxState.unread() ?? 0;
  return (
    <A
      href={`/t/${props.slug}/inbox`}
      class="btn btn-ghost icon-btn bell"
      activeClass="active"
      aria-label={count() ? i18n.t('inbox.bellUnread', { count: count() }) : i18n.t('inbox.bell')}
      data-testid="bell"
    >
      <Icon name="bell" size={18} />
      <Show when={count() > 0}>
        <span class="bell-count" data-testid="bell-count">
          {count() > 99 ? '99+' : count()}
        </span>
      </Show>
    </A>
  );
}
