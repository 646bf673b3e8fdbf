import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { phase } from '../db/request-stats.ts';
import type { BaseEnv } from '../http/env.ts';
import { unauthorized } from '../http/problem.ts';
import { readSession, tenantPathOf } from '../tenancy/resolve.ts';
import type { BureauLucia } from './lucia.ts';
import { hashSecret } from './tokens.ts';

/**
 * Reads the session cookie; sets `user` and `sessionId`, renews the cookie as the session slides.
 * On a tenant path (`/api/t/:tenant/…`, no bearer token) the same statement reads the tenant, the
 * membership and the subscription for the tenant middleware (`resolved`, tenancy/resolve.ts).
 * Lucia's rules, applied here to that row: an expired session is deleted; a session in the second
 * half of its lifetime is extended (the only write, at most once per half-lifetime), otherwise the
 * request writes nothing.
 */
export const sessionMiddleware = (lucia: BureauLucia) =>
  createMiddleware<BaseEnv>(async (c, next) => {
    c.set('user', null);
    c.set('sessionId', null);
    c.set('resolved', null);
    const id = getCookie(c, lucia.sessionCookieName);
    if (id && id.length <= 200) {
      const { runtime } = c.var;
      const path = c.req.header('authorization')?.startsWith('Bearer ') ? null : tenantPathOf(c.req.path);
      const row = await phase('auth', () => readSession(runtime.database, id, path));
      const now = Date.now();
      if (row && row.expiresAt.getTime() > now) {
        c.set('user', row.user);
        c.set('sessionId', id);
        c.set('resolved', row.resolved);
        const lifetime = runtime.config.sessionDays * 86_400_000;
        if (row.expiresAt.getTime() - lifetime / 2 <= now) {
          await runtime.db
            .updateTable('core.sessions')
            .set({ expires_at: new Date(now + lifetime) })
            .where('id_hash', '=', hashSecret(id))
            .execute();
          setSessionCookie(c, lucia, id);
        }
      } else {
        if (row) await runtime.db.deleteFrom('core.sessions').where('id_hash', '=', hashSecret(id)).execute();
        clearSessionCookie(c, lucia);
      }
    }
    await next();
  });

type AnyContext = Context<any, any, any>;

/** The signed-in user of a request, or 401. */
export function requireUser(c: Context<BaseEnv, any, any>) {
  const user = c.var.user;
  if (!user || !c.var.sessionId) throw unauthorized();
  return { user, sessionId: c.var.sessionId };
}

export function setSessionCookie(c: AnyContext, lucia: BureauLucia, sessionId: string) {
  const cookie = lucia.createSessionCookie(sessionId);
  c.header('Set-Cookie', cookie.serialize(), { append: true });
}

export function clearSessionCookie(c: AnyContext, lucia: BureauLucia) {
  c.header('Set-Cookie', lucia.createBlankSessionCookie().serialize(), { append: true });
}
