import { session } from './session.ts';

const BUILTIN = ['owner', 'admin', 'member'];

/** A role's display name: translated for built-in roles, the custom role's name (or key) otherwise. */
export function roleLabel(key: string, customName?: string): string {
  if (BUILTIN.includes(key)) return session.i18n.t(`role.${key}`);
  return customName ?? key;
}

/** Where to go after signing in: the `next` query parameter if it is a local path, else home. */
export function safeNext(next: string | null | undefined): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}
