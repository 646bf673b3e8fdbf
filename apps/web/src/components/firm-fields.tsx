import { Field, type FormState, useI18n } from '@bureau/core/ui';
import { createSignal, For } from 'solid-js';
import { slugify } from '../slug.ts';

interface FirmValues {
  tenantName: string;
  slug: string;
  kind: 'company' | 'provider';
}

/**
 * A new firm's name, its workspace address (derived from the name until typed, legal form dropped)
 * and its kind: sign-up and "New firm" from the workspace switcher. `errorOf` maps the server's field
 * paths (`tenant.slug` at sign-up, `slug` for POST /api/tenants).
 */
export function FirmFields(props: {
  // Any form whose values include FirmValues (sign-up has more fields).
  form: FormState<any> & { values: FirmValues };
  errorOf: (field: 'name' | 'slug') => string | undefined;
  autofocus?: boolean;
}) {
  const i18n = useI18n();
  const [slugTouched, setSlugTouched] = createSignal(false);
  return (
    <>
      <Field
        label={i18n.t('auth.firmName')}
        name="tenantName"
        autocomplete="organization"
        value={props.form.values.tenantName}
        onChange={(v) => {
          props.form.set('tenantName', v);
          if (!slugTouched()) props.form.set('slug', slugify(v));
        }}
        error={props.errorOf('name')}
        required
        autofocus={props.autofocus}
      />
      <Field
        label={i18n.t('auth.firmAddress')}
        name="slug"
        value={props.form.values.slug}
        onChange={(v) => {
          setSlugTouched(true);
          props.form.set('slug', v.toLowerCase());
        }}
        error={props.errorOf('slug')}
        description={i18n.t('auth.firmAddressHint', { slug: props.form.values.slug || 'acme' })}
        required
      />
      <fieldset class="choice-group">
        <legend class="field-label">{i18n.t('auth.firmKind')}</legend>
        <For each={['company', 'provider'] as const}>
          {(kind) => (
            <label class="choice" data-checked={props.form.values.kind === kind ? '' : undefined}>
              <input
                type="radio"
                name="kind"
                value={kind}
                checked={props.form.values.kind === kind}
                onChange={() => props.form.set('kind', kind)}
              />
              <span>
                <span class="choice-title">{i18n.t(`auth.kind.${kind}`)}</span>
                <span class="choice-text">{i18n.t(`auth.kind.${kind}Text`)}</span>
              </span>
            </label>
          )}
        </For>
      </fieldset>
    </>
  );
}
