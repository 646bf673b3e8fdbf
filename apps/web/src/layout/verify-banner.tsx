import { notify, problemMessage, unwrap, useI18n } from '@bureau/core/ui';
import { createSignal, Show } from 'solid-js';
import { client } from '../api/client.ts';
import { Icon } from '../icons.tsx';
import { session } from '../session.ts';

/** Shown while the account has not confirmed its e-mail: where the link went, and a resend button. */
export function VerifyEmailBanner() {
  const i18n = useI18n();
  const [sending, setSending] = createSignal(false);
  const user = () => session.me.latest?.user;
  const resend = async () => {
    setSending(true);
    try {
      await unwrap(client.api.auth['verify-email'].resend.$post());
      notify(i18n.t('verify.resent', { email: user()?.email ?? '' }));
    } catch (e) {
      notify(problemMessage(e, i18n.t), 'danger');
    } finally {
      setSending(false);
    }
  };
  return (
    <Show when={user()?.emailVerified === false}>
      <div class="via-banner verify-banner" role="status" data-testid="verify-banner">
        <Icon name="lock" />
        <span>{i18n.t('verify.banner', { email: user()?.email ?? '' })}</span>
        <button type="button" class="btn btn-ghost btn-sm" disabled={sending()} onClick={resend}>
          {i18n.t('verify.resend')}
        </button>
      </div>
    </Show>
  );
}
