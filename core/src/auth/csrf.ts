import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { BaseEnv } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import { cm } from '../i18n/core-messages.ts';
import { SESSION_COOKIE } from './lucia.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses every state-changing request whose Origin is missing or not one of `allowedOrigins`
 * (the origin of PUBLIC_URL, plus the Vite dev server in development). The request's own Host is
 * never trusted: a request that reaches the server under another name is still cross-site. Only a
 * Bearer-token request WITHOUT a session cookie is exempt (it carries no ambient credentials); a
 * cookie request does not escape the check by adding an Authorization header (issue 11, item 11).
 */
export const csrfGuard = (allowedOrigins: readonly string[]) => {
  const allowed = new Set(allowedOrigins.map((o) => new URL(o).origin));
  return createMiddleware<BaseEnv>(async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    const bearer = c.req.header('authorization')?.startsWith('Bearer ');
    if (bearer && getCookie(c, SESSION_COOKIE) === undefined) return next();
    const origin = c.req.header('origin');
    if (!origin || !allowed.has(origin)) throw new Problem(403, 'csrf', cm.csrf);
    return next();
  });
};
