import { Field, type FieldProps, type FormState } from '@bureau/core/ui';
import { splitProps } from 'solid-js';

type StringKeys<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T] & string;

/** A `Field` bound to one string field of a form: its value, its setter and its (server or local) error. */
export function FormField<T extends Record<string, unknown>>(
  props: Omit<FieldProps, 'name' | 'value' | 'onChange' | 'error'> & { form: FormState<T>; name: StringKeys<T> },
) {
  const [local, rest] = splitProps(props, ['form', 'name']);
  // `name` is a string-valued key of T, so this is the store's plain `set(key, value)` overload.
  const set = (v: string) => (local.form.set as unknown as (key: string, value: string) => void)(local.name, v);
  return (
    <Field
      {...rest}
      name={local.name}
      value={local.form.values[local.name] as string}
      onChange={set}
      error={local.form.error(local.name)}
    />
  );
}
