import { ApiError, Button, createForm, Field, FormError, unwrap, useI18n } from '@bureau/core/ui';
import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { client } from '../../api/client.ts';
import { safeNext } from '../../labels.ts';
import { AuthLayout } from '../../layout/auth-layout.tsx';
import { session } from '../../session.ts';

export default function Login() {
  const i18n = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // Asked for once the password was right and the account has two-step sign-in on.
  const [needCode, setNeedCode] = createSignal(false);
  const form = createForm({
    initial: { email: typeof params.email === 'string' ? params.email : '', password: '', code: '' },
    onSubmit: async (v) => {
      const json = { email: v.email, password: v.password, ...(needCode() && v.code ? { code: v.code } : {}) };
      try {
        await unwrap(client.api.auth.login.$post({ json }));
      } catch (err) {
        if (err instanceof ApiError && err.code === 'second_factor_required') setNeedCode(true);
        throw err;
      }
      await session.refresh();
      navigate(safeNext(typeof params.next === 'string' ? params.next : null), { replace: true });
    },
  });
  return (
    <AuthLayout
      title={i18n.t('auth.loginTitle')}
      subtitle={i18n.t('auth.loginSubtitle')}
      footer={
        <>
          {i18n.t('auth.noAccount')} <A href="/signup">{i18n.t('auth.createAccount')}</A>
        </>
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
        <Field
          label={i18n.t('auth.password')}
          name="password"
          type="password"
          autocomplete="current-password"
          value={form.values.password}
          onChange={(v) => form.set('password', v)}
          error={form.error('password')}
          required
        />
        <Show when={needCode()}>
          <Field
            label={i18n.t('auth.code')}
            name="code"
            autocomplete="one-time-code"
            inputmode="numeric"
            value={form.values.code}
            onChange={(v) => form.set('code', v)}
            error={form.error('code')}
            description={i18n.t('auth.codeHint')}
            autofocus
          />
        </Show>
        <div class="form-row-end">
          <A href="/reset" class="small-link">
            {i18n.t('auth.forgotPassword')}
          </A>
        </div>
        <FormError error={form.failure()} />
        <Button type="submit" variant="primary" class="btn-block" loading={form.submitting()}>
          {i18n.t('auth.signIn')}
        </Button>
      </form>
    </AuthLayout>
  );
}
