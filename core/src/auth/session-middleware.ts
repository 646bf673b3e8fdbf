import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { BaseEnv } from '../http/env.ts';
import { unauthorized } from '../http/problem.ts';
import type { BureauLucia } from './lucia.ts';

/** Reads the session cookie; sets `user` and `sessionId`, renews the cookie as the session slides. */
export const sessionMiddleware = (lucia: BureauLucia) =>
  createMiddleware<BaseEnv>(async (c, next) => {
    c.set('user', null);
    c.set('sessionId', null);
    const id = getCookie(c, lucia.sessionCookieName);
    if (id && id.length <= 200) {
      const { session, user } = await lucia.validateSession(id);
      if (session && user) {
        c.set('user', { id: user.id, email: user.email, name: user.name, locale: user.locale });
        c.set('sessionId', session.id);
        if (session.fresh) setSessionCookie(c, lucia, session.id);
      } else {
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
