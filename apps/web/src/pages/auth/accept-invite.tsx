import { Async, Button, createForm, Field, FormError, type Locale, unwrap, useI18n } from '@bureau/core/ui';
import { A, useNavigate, useParams, useSearchParams } from '@solidjs/router';
import { createResource, Match, Switch } from 'solid-js';
import { client } from '../../api/client.ts';
import type { InvitationPreview } from '../../api/types.ts';
import { roleLabel } from '../../labels.ts';
import { AuthLayout } from '../../layout/auth-layout.tsx';
import { session } from '../../session.ts';

export default function AcceptInvite() {
  const i18n = useI18n();
  // The mailed link is /invite?token=…; /invite/:token works too.
  const route = useParams<{ token?: string }>();
  const [search] = useSearchParams();
  const params = {
    get token() {
      return route.token ?? (typeof search.token === 'string' ? search.token : '');
    },
  };
  const navigate = useNavigate();
  const [preview, { refetch }] = createResource(
    () => params.token,
    async (token): Promise<InvitationPreview> => unwrap(client.api.invitations[':token'].$get({ param: { token } })),
  );
  const accept = async (body?: { name: string; password: string; locale: Locale }) => {
    const res: { tenant: { slug: string } } = await unwrap(
      client.api.invitations[':token'].accept.$post({ param: { token: params.token }, json: body ?? {} }),
    );
    await session.refresh();
    navigate(`/t/${res.tenant.slug}`, { replace: true });
  };
  const form = createForm({
    initial: { name: '', password: '' },
    validate: (v) => (v.password.length < 10 ? { password: i18n.t('auth.passwordTooShort') } : {}),
    onSubmit: (v) => accept({ name: v.name, password: v.password, locale: i18n.locale() }),
  });
  const signedInAs = () => (session.me.state === 'ready' ? session.me()?.user : undefined);
  const joinForm = createForm({ initial: {}, onSubmit: () => accept() });
  return (
    <AuthLayout title={i18n.t('invite.title')}>
      <Async resource={preview} refetch={refetch} loading={<div class="skeleton" style={{ height: '120px' }} />}>
        {(inv) => (
          <div class="form">
            <p class="invite-lead">{i18n.t('invite.lead', { tenant: inv.tenant.name, role: roleLabel(inv.role) })}</p>
            <Switch>
              <Match when={signedInAs()}>
                {(user) => (
                  <form class="form" onSubmit={joinForm.submit}>
                    <p class="muted">{i18n.t('invite.signedInAs', { email: user().email })}</p>
                    <FormError error={joinForm.failure()} />
                    <Button type="submit" variant="primary" class="btn-block" loading={joinForm.submitting()}>
                      {i18n.t('invite.join', { tenant: inv.tenant.name })}
                    </Button>
                  </form>
                )}
              </Match>
              <Match when={inv.accountExists}>
                <p>{i18n.t('invite.signInFirst', { email: inv.email })}</p>
                <A
                  class="btn btn-primary btn-block"
                  href={`/login?email=${encodeURIComponent(inv.email)}&next=${encodeURIComponent(`/invite/${params.token}`)}`}
                >
                  {i18n.t('auth.signIn')}
                </A>
              </Match>
              <Match when={!inv.accountExists}>
                <form class="form" onSubmit={form.submit} noValidate>
                  <Field label={i18n.t('auth.email')} name="email" value={inv.email} onChange={() => {}} disabled />
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
                  <FormError error={form.failure()} />
                  <Button type="submit" variant="primary" class="btn-block" loading={form.submitting()}>
                    {i18n.t('invite.createAndJoin')}
                  </Button>
                </form>
              </Match>
            </Switch>
          </div>
        )}
      </Async>
    </AuthLayout>
  );
}
