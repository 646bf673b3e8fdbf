import { Button, createForm, Field, FormError, unwrap, useI18n } from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { client } from '../../api/client.ts';
import { AuthLayout } from '../../layout/auth-layout.tsx';

export default function ResetRequest() {
  const i18n = useI18n();
  const [sent, setSent] = createSignal<string | null>(null);
  const form = createForm({
    initial: { email: '' },
    onSubmit: async (v) => {
      await unwrap(client.api.auth.reset.request.$post({ json: { email: v.email } }));
      setSent(v.email);
    },
  });
  return (
    <AuthLayout
      title={i18n.t('auth.resetTitle')}
      subtitle={i18n.t('auth.resetSubtitle')}
      footer={<A href="/login">{i18n.t('auth.backToLogin')}</A>}
    >
      <Show
        when={!sent()}
        fallback={
          <div class="alert alert-success" role="status">
            {i18n.t('auth.resetSent', { email: sent() ?? '' })}
          </div>
        }
      >
        <form class="form" onSubmit={form.submit} noValidate>
          <Field
            label={i18n.t('auth.email')}
            name="email"
            type="email"
            autocomplete="email"
            value={form.values.email}
            onChange={(v) => form.set('email', v)}
            error={form.error('email')}
            required
            autofocus
          />
          <FormError error={form.failure()} />
          <Button type="submit" variant="primary" class="btn-block" loading={form.submitting()}>
            {i18n.t('auth.sendResetLink')}
          </Button>
        </form>
      </Show>
    </AuthLayout>
  );
}
