import { ApiError, problemMessage, unwrap, useI18n } from '@bureau/core/ui';
import { A, useParams, useSearchParams } from '@solidjs/router';
import { createResource, Match, Switch } from 'solid-js';
import { client } from '../../api/client.ts';
import { AuthLayout } from '../../layout/auth-layout.tsx';
import { session } from '../../session.ts';

/** The mailed link /verify-email?token=… (or /verify-email/:token): confirms the address once. */
export default function VerifyEmail() {
  const i18n = useI18n();
  const route = useParams<{ token?: string }>();
  const [search] = useSearchParams();
  const token = () => route.token ?? (typeof search.token === 'string' ? search.token : '');
  const [result] = createResource(token, async (t): Promise<{ email: string } | { error: string }> => {
    try {
      const res: { email: string } = await unwrap(client.api.auth['verify-email'].$post({ json: { token: t } }));
      if (session.me.latest) await session.refresh();
      return { email: res.email };
    } catch (e) {
      if (e instanceof ApiError) return { error: problemMessage(e, i18n.t) };
      throw e;
    }
  });
  const signedIn = () => !!session.me.latest;
  return (
    <AuthLayout
      title={i18n.t('verify.title')}
      footer={<A href={signedIn() ? '/' : '/login'}>{i18n.t(signedIn() ? 'verify.continue' : 'auth.backToLogin')}</A>}
    >
      <Switch fallback={<div class="skeleton" style={{ height: '60px' }} />}>
        <Match when={!token()}>
          <p class="alert alert-danger" role="alert">
            {i18n.t('verify.invalid')}
          </p>
        </Match>
        <Match when={result.error}>
          <p class="alert alert-danger" role="alert">
            {i18n.t('verify.invalid')}
          </p>
        </Match>
        <Match when={result()}>
          {(r) => (
            <Switch>
              <Match when={'email' in r() && (r() as { email: string })}>
                {(ok) => (
                  <p role="status" data-testid="verify-done">
                    {i18n.t('verify.done', { email: ok().email })}
                  </p>
                )}
              </Match>
              <Match when={'error' in r() && (r() as { error: string })}>
                {(bad) => (
                  <p class="alert alert-danger" role="alert" data-testid="verify-failed">
                    {bad().error}
                  </p>
                )}
              </Match>
            </Switch>
          )}
        </Match>
      </Switch>
    </AuthLayout>
  );
}
