import { createMiddleware } from 'hono/factory';
import type { BaseEnv } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import { cm } from '../i18n/core-messages.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses every state-changing request whose Origin is missing or foreign. Same-origin means the
 * configured public URL or the request's own origin. Bearer-token requests carry no ambient
 * credentials, so they are exempt.
 */
export const csrfGuard = (allowedOrigins: readonly string[]) =>
  createMiddleware<BaseEnv>(async (c, next) => {
    if (SAFE.has(c.req.method) || c.req.header('authorization')?.startsWith('Bearer ')) return next();
    const origin = c.req.header('origin');
    const own = new URL(c.req.url).origin;
    if (!origin || (origin !== own && !allowedOrigins.includes(origin))) {
      throw new Problem(403, 'csrf', cm.csrf);
    }
    return next();
  });
