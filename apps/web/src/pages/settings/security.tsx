import { Badge, Button, Card, createForm, Field, FormError, notify, unwrap, useI18n } from '@bureau/core/ui';
import { createResource, createSignal, For, Show } from 'solid-js';
import { client } from '../../api/client.ts';
import { Icon } from '../../icons.tsx';

interface Status {
  enabled: boolean;
  recoveryCodesLeft: number;
  operatorRequired: boolean;
}
interface Setup {
  secret: string;
  uri: string;
  qrSvg: string;
}

/** Settings → Security: two-step sign-in (TOTP) of the signed-in account. */
export default function Security() {
  const i18n = useI18n();
  const api = client.api.auth['second-factor'];
  const [status, { refetch }] = createResource(async (): Promise<Status> => unwrap(api.$get()));
  const [setup, setSetup] = createSignal<Setup | null>(null);
  const [codes, setCodes] = createSignal<string[] | null>(null);

  const start = createForm({
    initial: { password: '' },
    onSubmit: async (v) => {
      setSetup(await unwrap(api.setup.$post({ json: { password: v.password } })));
      start.set('password', '');
    },
  });
  const confirm = createForm({
    initial: { code: '' },
    onSubmit: async (v) => {
      const res: { recoveryCodes: string[] } = await unwrap(api.enable.$post({ json: { code: v.code } }));
      setCodes(res.recoveryCodes);
      setSetup(null);
      confirm.set('code', '');
      await refetch();
      notify(i18n.t('security.enabled'));
    },
  });
  const disable = createForm({
    initial: { password: '', code: '' },
    onSubmit: async (v) => {
      await unwrap(api.disable.$post({ json: { password: v.password, code: v.code } }));
      disable.set({ password: '', code: '' });
      setCodes(null);
      await refetch();
      notify(i18n.t('security.disabled'));
    },
  });

  return (
    <div class="stack">
      <Card
        title={i18n.t('security.twoStep')}
        actions={
          <Show when={status.latest}>
            {(s) => (
              <Badge tone={s().enabled ? 'success' : 'neutral'}>
                {s().enabled ? i18n.t('security.on') : i18n.t('security.off')}
              </Badge>
            )}
          </Show>
        }
      >
        <p class="muted">{i18n.t('security.intro')}</p>
        <Show when={status.latest?.operatorRequired && !status.latest?.enabled}>
          <p class="field-error" role="alert">
            {i18n.t('security.operatorRequired')}
          </p>
        </Show>
        <Show when={codes()}>
          {(list) => (
            <div class="secret-box" role="status">
              <div>
                <strong>{i18n.t('security.recoveryTitle')}</strong>
                <p class="muted">{i18n.t('security.recoveryText')}</p>
              </div>
              <ul class="mono" data-testid="recovery-codes">
                <For each={list()}>{(c) => <li>{c}</li>}</For>
              </ul>
            </div>
          )}
        </Show>
        <Show when={status.latest && !status.latest.enabled}>
          <Show
            when={setup()}
            fallback={
              <form class="form" onSubmit={start.submit} noValidate>
                <Field
                  label={i18n.t('account.currentPassword')}
                  name="password"
                  type="password"
                  autocomplete="current-password"
                  value={start.values.password}
                  onChange={(v) => start.set('password', v)}
                  error={start.error('password')}
                  required
                />
                <FormError error={start.failure()} />
                <div class="row">
                  <Button type="submit" variant="primary" loading={start.submitting()}>
                    <Icon name="lock" />
                    {i18n.t('security.setUp')}
                  </Button>
                </div>
              </form>
            }
          >
            {(s) => (
              <form class="form" onSubmit={confirm.submit} noValidate>
                <p>{i18n.t('security.scan')}</p>
                <img
                  class="qr"
                  width="200"
                  height="200"
                  alt={i18n.t('security.qrAlt')}
                  src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(s().qrSvg)}`}
                />
                <p class="muted">
                  {i18n.t('security.typeKey')}{' '}
                  <span class="mono" data-testid="totp-secret">
                    {s().secret}
                  </span>
                </p>
                <Field
                  label={i18n.t('security.code')}
                  name="code"
                  inputmode="numeric"
                  autocomplete="one-time-code"
                  value={confirm.values.code}
                  onChange={(v) => confirm.set('code', v)}
                  error={confirm.error('code')}
                  required
                />
                <FormError error={confirm.failure()} />
                <div class="row">
                  <Button type="submit" variant="primary" loading={confirm.submitting()}>
                    {i18n.t('security.turnOn')}
                  </Button>
                  <Button onClick={() => setSetup(null)}>{i18n.t('common.cancel')}</Button>
                </div>
              </form>
            )}
          </Show>
        </Show>
        <Show when={status.latest?.enabled}>
          <p>{i18n.t('security.codesLeft', { count: status.latest?.recoveryCodesLeft ?? 0 })}</p>
          <form class="form" onSubmit={disable.submit} noValidate>
            <div class="form-grid">
              <Field
                label={i18n.t('account.currentPassword')}
                name="password"
                type="password"
                autocomplete="current-password"
                value={disable.values.password}
                onChange={(v) => disable.set('password', v)}
                error={disable.error('password')}
                required
              />
              <Field
                label={i18n.t('security.code')}
                name="code"
                autocomplete="one-time-code"
                value={disable.values.code}
                onChange={(v) => disable.set('code', v)}
                error={disable.error('code')}
                required
              />
            </div>
            <FormError error={disable.failure()} />
            <div class="row">
              <Button type="submit" variant="danger" loading={disable.submitting()}>
                {i18n.t('security.turnOff')}
              </Button>
            </div>
          </form>
        </Show>
      </Card>
    </div>
  );
}
