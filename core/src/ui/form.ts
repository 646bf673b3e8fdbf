import { batch, createSignal } from 'solid-js';
import { createStore, type SetStoreFunction } from 'solid-js/store';
import type { ZodType } from 'zod';
import { ApiError } from './api.ts';
import { useIssueMessage } from './issue-messages.ts';

/** What a field needs from its form: `<Field label="Plate" {...form.bind('plate')} />`. */
export interface BoundField {
  name: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}

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
  /** Value, setter and error of a string field at a dotted path, for any input block. */
  bind: (path: string) => BoundField;
}

/** One problem of a schema check: where, what kind, and the limits zod reports. */
export interface SchemaIssue {
  path: PropertyKey[];
  code: string;
  message: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  format?: string;
  input?: unknown;
}

/** Turns a schema issue into the message a field shows (localized by the caller; `message` is zod's). */
export type IssueMessage = (issue: SchemaIssue) => string;

const getPath = (obj: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);

/**
 * A form controller: holds values, checks them against a zod `schema` (the same one the server
 * validates with) and/or `validate` before sending, runs `onSubmit`, and maps an ApiError's field
 * errors onto the fields by dotted path, so each field shows its own message, whichever side found it.
 */
export function createForm<T extends Record<string, unknown>>(options: {
  initial: T;
  onSubmit: (values: T) => Promise<void> | void;
  validate?: (values: T) => Record<string, string | undefined>;
  schema?: ZodType;
  /** Words for schema issues; by default the kit's localized ones (`useIssueMessage`). */
  issueMessage?: IssueMessage;
}): FormState<T> {
  const issueMessage = options.issueMessage ?? (options.schema ? useIssueMessage() : undefined);
  const [values, set] = createStore<T>(structuredClone(options.initial));
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [failure, setFailure] = createSignal<ApiError | null>(null);
  const [submitting, setSubmitting] = createSignal(false);

  const localErrors = (): Record<string, string> => {
    const local: Record<string, string> = {};
    if (options.schema) {
      const result = options.schema.safeParse(values);
      if (!result.success) {
        for (const issue of result.error.issues as unknown as SchemaIssue[]) {
          const path = issue.path.map(String).join('.');
          local[path] ??= issueMessage ? issueMessage(issue) : issue.message;
        }
      }
    }
    for (const [k, v] of Object.entries(options.validate?.(values) ?? {})) if (v) local[k] ??= v;
    return local;
  };

  const submit = async (e?: Event) => {
    e?.preventDefault();
    if (submitting()) return;
    const local = localErrors();
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

  const setPath = (path: string, value: string) =>
    (set as unknown as (...args: unknown[]) => void)(...path.split('.'), value);

  return {
    values,
    set,
    errors,
    error: (path) => errors()[path],
    setErrors,
    failure,
    submitting,
    submit,
    bind: (path) => ({
      name: path,
      get value() {
        const v = getPath(values, path);
        return v === undefined || v === null ? '' : String(v);
      },
      onChange: (v: string) => {
        setPath(path, v);
        if (errors()[path]) {
          const { [path]: _gone, ...rest } = errors();
          setErrors(rest);
        }
      },
      get error() {
        return errors()[path];
      },
    }),
  };
}
