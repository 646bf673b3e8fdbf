import { Button, createForm, Field, FormError, unwrap, useI18n } from '@bureau/core/ui';
import { A, useNavigate } from '@solidjs/router';
import { client } from '../../api/client.ts';
import { FirmFields } from '../../components/firm-fields.tsx';
import { AuthLayout } from '../../layout/auth-layout.tsx';
import { session } from '../../session.ts';

export default function Signup() {
  const i18n = useI18n();
  const navigate = useNavigate();
  const form = createForm({
    initial: { name: '', email: '', password: '', tenantName: '', slug: '', kind: 'company' as 'company' | 'provider' },
    validate: (v) => {
      const e: Record<string, string> = {};
      if (v.password.length > 0 && v.password.length < 10) e.password = i18n.t('auth.passwordTooShort');
      return e;
    },
    onSubmit: async (v) => {
      const res: { tenant: { slug: string } } = await unwrap(
        client.api.auth.signup.$post({
          json: {
            name: v.name,
            email: v.email,
            password: v.password,
            locale: i18n.locale(),
            tenant: { name: v.tenantName, slug: v.slug, kind: v.kind },
          },
        }),
      );
      await session.refresh();
      navigate(`/t/${res.tenant.slug}`, { replace: true });
    },
  });
  // Field errors of the nested tenant object arrive as `tenant.name` / `tenant.slug`.
  const err = (path: string, alias: string) => form.error(path) ?? form.error(alias);
  return (
    <AuthLayout
      title={i18n.t('auth.signupTitle')}
      subtitle={i18n.t('auth.signupSubtitle')}
      footer={
        <>
          {i18n.t('auth.haveAccount')} <A href="/login">{i18n.t('auth.signIn')}</A>
        </>
      }
    >
      <form class="form" onSubmit={form.submit} noValidate>
        <Field
          label={i18n.t('auth.name')}
          name="name"
          autocomplete="name"
          value={form.values.name}
          onChange={(v) => form.set('name', v)}
          error={form.error('name')}
          required
          autofocus
        />
        <Field
          label={i18n.t('auth.workEmail')}
          name="email"
          type="email"
          autocomplete="email"
          value={form.values.email}
          onChange={(v) => form.set('email', v)}
          error={form.error('email')}
          description={i18n.t('auth.checkEmail')}
          required
        />
        <Field
          label={i18n.t('auth.password')}
          name="password"
          type="password"
          autocomplete="new-password"
          value={form.values.password}
          onChange={(v) => form.set('password', v)}
          error={form.error('password')}
          description={i18n.t('auth.passwordHint')}
          required
        />
        <div class="divider">
          <span>{i18n.t('auth.yourFirm')}</span>
        </div>
        <FirmFields form={form} errorOf={(f) => err(`tenant.${f}`, f === 'name' ? 'tenantName' : 'slug')} />
        <FormError error={form.failure()} />
        <Button type="submit" variant="primary" class="btn-block" loading={form.submitting()}>
          {i18n.t('auth.createAccount')}
        </Button>
      </form>
    </AuthLayout>
  );
}
