import { type Locale, useI18n } from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { For, type JSX } from 'solid-js';
import { Logo } from './logo.tsx';

/** The centered card of the sign-in, sign-up, reset and invitation pages. */
export function AuthLayout(props: {
  title: JSX.Element;
  subtitle?: JSX.Element;
  children: JSX.Element;
  footer?: JSX.Element;
}) {
  return (
    <div class="auth">
      <div class="auth-top">
        <A href="/" class="brand" aria-label="Bureau">
          <Logo />
          <span>Bureau</span>
        </A>
        <LanguageSwitch />
      </div>
      <main class="auth-main">
        <div class="auth-card">
          <h1 class="auth-title">{props.title}</h1>
          {props.subtitle ? <p class="auth-subtitle">{props.subtitle}</p> : null}
          {props.children}
        </div>
        {props.footer ? <div class="auth-footer">{props.footer}</div> : null}
      </main>
    </div>
  );
}

const LANGS: { id: Locale; label: string }[] = [
  { id: 'en', label: 'English' },
  { id: 'cs', label: 'Čeština' },
];

/** Two-button language switch (segmented control). */
export function LanguageSwitch() {
  const i18n = useI18n();
  return (
    <fieldset class="segmented" aria-label={i18n.t('account.language')}>
      <For each={LANGS}>
        {(l) => (
          <button
            type="button"
            class="segmented-item"
            aria-pressed={i18n.locale() === l.id}
            lang={l.id}
            onClick={() => i18n.setLocale(l.id)}
          >
            {l.label}
          </button>
        )}
      </For>
    </fieldset>
  );
}
