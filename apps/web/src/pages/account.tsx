import { Button, Card, createForm, Field, FormError, notify, PageHeader, unwrap, useI18n } from '@bureau/core/ui';
import { A, useNavigate } from '@solidjs/router';
import { client } from '../api/client.ts';
import { Icon } from '../icons.tsx';
import { LanguageSwitch } from '../layout/auth-layout.tsx';
import { session } from '../session.ts';

export default function Account() {
  const i18n = useI18n();
  const navigate = useNavigate();
  const user = () => session.me.latest?.user;
  const profile = createForm({
    initial: { name: user()?.name ?? '' },
    onSubmit: async (v) => {
      await unwrap(client.api.me.$patch({ json: { name: v.name } }));
      await session.refresh();
      notify(i18n.t('account.saved'));
    },
  });
  const password = createForm({
    initial: { current: '', next: '' },
    validate: (v) => (v.next.length < 10 ? { next: i18n.t('auth.passwordTooShort') } : {}),
    onSubmit: async (v) => {
      await unwrap(client.api.auth.password.$post({ json: { current: v.current, next: v.next } }));
      password.set({ current: '', next: '' });
      notify(i18n.t('account.passwordChanged'));
    },
  });
  const everywhere = createForm({
    initial: {},
    onSubmit: async () => {
      await unwrap(client.api.auth['logout-all'].$post());
      session.clear();
      navigate('/login', { replace: true });
    },
  });
  return (
    <div class="page narrow">
      <A href="/" class="back-link">
        ← {i18n.t('account.back')}
      </A>
      <PageHeader title={i18n.t('nav.account')} description={user()?.email} />
      <div class="stack">
        <Card title={i18n.t('account.profile')}>
          <form class="form" onSubmit={profile.submit} noValidate>
            <Field
              label={i18n.t('auth.name')}
              name="name"
              value={profile.values.name}
              onChange={(v) => profile.set('name', v)}
              error={profile.error('name')}
            />
            <FormError error={profile.failure()} />
            <div class="row">
              <Button type="submit" variant="primary" loading={profile.submitting()}>
                {i18n.t('common.save')}
              </Button>
            </div>
          </form>
        </Card>
        <Card title={i18n.t('account.language')}>
          <div class="row">
            <Icon name="globe" />
            <span class="grow">{i18n.t('account.languageText')}</span>
            <LanguageSwitch />
          </div>
        </Card>
        <Card title={i18n.t('account.password')}>
          <form class="form" onSubmit={password.submit} noValidate>
            <div class="form-grid">
              <Field
                label={i18n.t('account.currentPassword')}
                name="current"
                type="password"
                autocomplete="current-password"
                value={password.values.current}
                onChange={(v) => password.set('current', v)}
                error={password.error('current')}
              />
              <Field
                label={i18n.t('auth.newPassword')}
                name="next"
                type="password"
                autocomplete="new-password"
                value={password.values.next}
                onChange={(v) => password.set('next', v)}
                error={password.error('next')}
                description={i18n.t('auth.passwordHint')}
              />
            </div>
            <FormError error={password.failure()} />
            <div class="row">
              <Button type="submit" variant="primary" loading={password.submitting()}>
                {i18n.t('account.changePassword')}
              </Button>
            </div>
          </form>
        </Card>
        <Card title={i18n.t('account.sessions')}>
          <form class="row" onSubmit={everywhere.submit}>
            <span class="grow muted">{i18n.t('account.sessionsText')}</span>
            <Button type="submit" variant="danger" loading={everywhere.submitting()}>
              <Icon name="logout" />
              {i18n.t('account.logoutAll')}
            </Button>
          </form>
          <FormError error={everywhere.failure()} />
        </Card>
      </div>
    </div>
  );
}
