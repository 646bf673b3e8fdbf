import type { Kysely, RawBuilder } from 'kysely';

/** Runs DDL statements in order (one statement per call: both drivers use the extended protocol). */
export async function run(db: Kysely<any>, statements: RawBuilder<unknown>[]): Promise<void> {
  for (const s of statements) await s.execute(db);
}
