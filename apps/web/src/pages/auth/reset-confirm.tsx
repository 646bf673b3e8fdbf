import { Button, createForm, Field, FormError, unwrap, useI18n } from '@bureau/core/ui';
import { A, useNavigate, useParams, useSearchParams } from '@solidjs/router';
import { client } from '../../api/client.ts';
import { AuthLayout } from '../../layout/auth-layout.tsx';
import { session } from '../../session.ts';

export default function ResetConfirm() {
  const i18n = useI18n();
  // The mailed link is /reset-password?token=…; /reset/:token works too.
  const route = useParams<{ token?: string }>();
  const [search] = useSearchParams();
  const params = {
    get token() {
      return route.token ?? (typeof search.token === 'string' ? search.token : '');
    },
  };
  const navigate = useNavigate();
  const form = createForm({
    initial: { password: '', repeat: '' },
    validate: (v) => {
      const e: Record<string, string> = {};
      if (v.password.length < 10) e.password = i18n.t('auth.passwordTooShort');
      if (v.repeat !== v.password) e.repeat = i18n.t('auth.passwordsDiffer');
      return e;
    },
    onSubmit: async (v) => {
      await unwrap(client.api.auth.reset.confirm.$post({ json: { token: params.token, password: v.password } }));
      await session.refresh();
      navigate('/', { replace: true });
    },
  });
  return (
    <AuthLayout
      title={i18n.t('auth.newPasswordTitle')}
      subtitle={i18n.t('auth.newPasswordSubtitle')}
      footer={<A href="/login">{i18n.t('auth.backToLogin')}</A>}
    >
      <form class="form" onSubmit={form.submit} noValidate>
        <Field
          label={i18n.t('auth.newPassword')}
          name="password"
          type="password"
          autocomplete="new-password"
          value={form.values.password}
          onChange={(v) => form.set('password', v)}
          error={form.error('password')}
          description={i18n.t('auth.passwordHint')}
          required
          autofocus
        />
        <Field
          label={i18n.t('auth.repeatPassword')}
          name="repeat"
          type="password"
          autocomplete="new-password"
          value={form.values.repeat}
          onChange={(v) => form.set('repeat', v)}
          error={form.error('repeat')}
          required
        />
        <FormError error={form.failure()} />
        <Button type="submit" variant="primary" class="btn-block" loading={form.submitting()}>
          {i18n.t('auth.setPassword')}
        </Button>
      </form>
    </AuthLayout>
  );
}
