import type { Kysely } from 'kysely';
import type { Adapter, DatabaseSession, DatabaseUser } from 'lucia';
import { hashSecret } from './tokens.ts';

/**
 * lucia adapter over Kysely that never stores a session id: rows are keyed by SHA-256(id), so a
 * leaked sessions table cannot be replayed as cookies.
 */
export class KyselySessionAdapter implements Adapter {
  private readonly db: Kysely<any>;
  constructor(db: Kysely<any>) {
    this.db = db;
  }

  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const row = await this.db
      .selectFrom('core.sessions as s')
      .innerJoin('core.users as u', 'u.id', 's.user_id')
      .select(['s.id_hash', 's.user_id', 's.expires_at', 'u.email', 'u.name', 'u.locale'])
      .where('s.id_hash', '=', hashSecret(sessionId))
      .executeTakeFirst();
    if (!row) return [null, null];
    return [
      { id: sessionId, userId: row.user_id, expiresAt: new Date(row.expires_at), attributes: {} },
      { id: row.user_id, attributes: { email: row.email, name: row.name, locale: row.locale } },
    ];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await this.db
      .selectFrom('core.sessions')
      .select(['id_hash', 'expires_at'])
      .where('user_id', '=', userId)
      .execute();
    return rows.map((r) => ({ id: r.id_hash, userId, expiresAt: new Date(r.expires_at), attributes: {} }));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    const attrs = session.attributes as { ip?: string | null; user_agent?: string | null };
    await this.db
      .insertInto('core.sessions')
      .values({
        id_hash: hashSecret(session.id),
        user_id: session.userId,
        expires_at: session.expiresAt,
        ip: attrs.ip ?? null,
        user_agent: attrs.user_agent?.slice(0, 300) ?? null,
      })
      .execute();
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await this.db
      .updateTable('core.sessions')
      .set({ expires_at: expiresAt })
      .where('id_hash', '=', hashSecret(sessionId))
      .execute();
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.db.deleteFrom('core.sessions').where('id_hash', '=', hashSecret(sessionId)).execute();
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.db.deleteFrom('core.sessions').where('user_id', '=', userId).execute();
  }

  async deleteExpiredSessions(): Promise<void> {
    await this.db.deleteFrom('core.sessions').where('expires_at', '<=', new Date()).execute();
  }
}
