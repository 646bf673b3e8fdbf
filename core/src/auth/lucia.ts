import { Lucia, TimeSpan } from 'lucia';
import type { Runtime } from '../runtime.ts';
import { KyselySessionAdapter } from './session-adapter.ts';

declare module 'lucia' {
  interface Register {
    Lucia: BureauLucia;
    DatabaseUserAttributes: { email: string; name: string; locale: string };
    DatabaseSessionAttributes: { ip?: string | null; user_agent?: string | null };
  }
}

export const SESSION_COOKIE = 'bureau_session';

export function createLucia(runtime: Pick<Runtime, 'db' | 'config'>) {
  return new Lucia(new KyselySessionAdapter(runtime.db), {
    sessionExpiresIn: new TimeSpan(runtime.config.sessionDays, 'd'),
    sessionCookie: {
      name: SESSION_COOKIE,
      attributes: { secure: runtime.config.env === 'production', sameSite: 'lax' },
    },
    getUserAttributes: (a) => ({ email: a.email, name: a.name, locale: a.locale }),
  });
}

export type BureauLucia = ReturnType<typeof createLucia>;
