import { Button, createForm, Field, FormError, unwrap, useI18n } from '@bureau/core/ui';
import { A, useNavigate } from '@solidjs/router';
import { createSignal, For } from 'solid-js';
import { client } from '../../api/client.ts';
import { AuthLayout } from '../../layout/auth-layout.tsx';
import { session } from '../../session.ts';
import { slugify } from '../../slug.ts';

export default function Signup() {
  const i18n = useI18n();
  const navigate = useNavigate();
  const [slugTouched, setSlugTouched] = createSignal(false);
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
        <Field
          label={i18n.t('auth.firmName')}
          name="tenantName"
          autocomplete="organization"
          value={form.values.tenantName}
          onChange={(v) => {
            form.set('tenantName', v);
            if (!slugTouched()) form.set('slug', slugify(v));
          }}
          error={err('tenant.name', 'tenantName')}
          required
        />
        <Field
          label={i18n.t('auth.firmAddress')}
          name="slug"
          value={form.values.slug}
          onChange={(v) => {
            setSlugTouched(true);
            form.set('slug', v.toLowerCase());
          }}
          error={err('tenant.slug', 'slug')}
          description={i18n.t('auth.firmAddressHint', { slug: form.values.slug || 'acme' })}
          required
        />
        <fieldset class="choice-group">
          <legend class="field-label">{i18n.t('auth.firmKind')}</legend>
          <For each={['company', 'provider'] as const}>
            {(kind) => (
              <label class="choice" data-checked={form.values.kind === kind ? '' : undefined}>
                <input
                  type="radio"
                  name="kind"
                  value={kind}
                  checked={form.values.kind === kind}
                  onChange={() => form.set('kind', kind)}
                />
                <span>
                  <span class="choice-title">{i18n.t(`auth.kind.${kind}`)}</span>
                  <span class="choice-text">{i18n.t(`auth.kind.${kind}Text`)}</span>
                </span>
              </label>
            )}
          </For>
        </fieldset>
        <FormError error={form.failure()} />
        <Button type="submit" variant="primary" class="btn-block" loading={form.submitting()}>
          {i18n.t('auth.createAccount')}
        </Button>
      </form>
    </AuthLayout>
  );
}
