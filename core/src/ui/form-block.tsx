import { type JSX, Show } from 'solid-js';
import { Button, FormError } from './components.tsx';
import type { FormState } from './form.ts';
import { useKit } from './kit-messages.ts';

/**
 * A form bound to a `createForm` controller: fields (bound with `form.bind('name')`), the error that
 * is not about one field (409, 429, network) and the submit button that shows progress.
 */
export function Form<T extends Record<string, unknown>>(props: {
  form: FormState<T>;
  children: JSX.Element;
  submitLabel?: JSX.Element;
  /** Extra buttons beside submit (Cancel, a link back). */
  actions?: JSX.Element;
  class?: string;
  /** An accessible name when the form has no visible heading of its own. */
  label?: string;
  /** Shown to someone who may only read it: no submit button (its fields should be disabled too). */
  readOnly?: boolean;
}) {
  const t = useKit();
  return (
    <form class={`form ${props.class ?? ''}`} onSubmit={props.form.submit} noValidate aria-label={props.label}>
      {props.children}
      <FormError error={props.form.failure()} />
      <Show when={!props.readOnly}>
        <div class="form-actions">
          <Button type="submit" variant="primary" loading={props.form.submitting()}>
            {props.submitLabel ?? t('save')}
          </Button>
          {props.actions}
        </div>
      </Show>
    </form>
  );
}
