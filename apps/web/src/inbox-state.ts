import { unwrap } from '@bureau/core/ui';
import { createSignal } from 'solid-js';
import { client } from './api/client.ts';

/**
 * The signed-in person's unread notifications in the current workspace: the bell shows it, the inbox
 * page sets it after marking read (core's /api/t/:tenant/notifications).
 */
const [unread, setUnread] = createSignal<number | null>(null);

async function refresh(slug: string): Promise<void> {
  try {
    const body = await unwrap(client.api.t[':tenant'].notifications.unread.$get({ param: { tenant: slug } }));
    setUnread(body.unread);
  } catch {
    // The bell stays as it was; the inbox page shows the error.
  }
}

export const inboxState = { unread, setUnread, refresh };
