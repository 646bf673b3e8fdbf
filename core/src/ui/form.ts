import { batch, createSignal } from 'solid-js';
import { createStore, type SetStoreFunction } from 'solid-js/store';
import { ApiError } from './api.ts';

export interface FormState<T extends Record<string, unknown>> {
  values: T;
  set: SetStoreFunction<T>;
  /** Field errors by path (from the server's problem+json `errors`, or from local checks). */
  errors: () => Record<string, string>;
  error: (path: string) => string | undefined;
  setErrors: (errors: Record<string, string>) => void;
  /** The request's error when it is not about a single field (e.g. 409, 429, network). */
  failure: () => ApiError | null;
  submitting: () => boolean;
  submit: (e?: Event) => Promise<void>;
}

/**
 * A small form controller: holds values, runs `onSubmit`, and maps an ApiError's field errors onto
 * the fields (by dotted path), so each field shows its own message.
 */
export function createForm<T extends Record<string, unknown>>(options: {
  initial: T;
  onSubmit: (values: T) => Promise<void> | void;
  validate?: (values: T) => Record<string, string | undefined>;
}): FormState<T> {
  const [values, set] = createStore<T>(structuredClone(options.initial));
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [failure, setFailure] = createSignal<ApiError | null>(null);
  const [submitting, setSubmitting] = createSignal(false);

  const submit = async (e?: Event) => {
    e?.preventDefault();
    if (submitting()) return;
    const local: Record<string, string> = {};
    for (const [k, v] of Object.entries(options.validate?.(values) ?? {})) if (v) local[k] = v;
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    batch(() => {
      setErrors({});
      setFailure(null);
      setSubmitting(true);
    });
    try {
      await options.onSubmit(values);
    } catch (err) {
      const apiError =
        err instanceof ApiError
          ? err
          : new ApiError({ title: err instanceof Error ? err.message : String(err), status: 0, code: 'client' });
      const byPath: Record<string, string> = {};
      for (const fe of apiError.fieldErrors) byPath[fe.path] = fe.message;
      batch(() => {
        setErrors(byPath);
        if (apiError.fieldErrors.length === 0) setFailure(apiError);
      });
    } finally {
      setSubmitting(false);
    }
  };

  return {
    values,
    set,
    errors,
    error: (path) => errors()[path],
    setErrors,
    failure,
    submitting,
    submit,
  };
}
