import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { oneLine } from '@bureau/core/ops';

/**
 * The operations commands (`pnpm backup`, `pnpm restore`, `pnpm move-to-postgres`): arguments,
 * paths relative to where pnpm was run, the passphrase, and the exit status — 0 done, 1 refused or
 * failed (one line on stderr saying why), 2 wrong usage.
 */

class UsageError extends Error {}

export function args<O extends NonNullable<ParseArgsConfig['options']>>(options: O, usage: string, positionals = 0) {
  try {
    const parsed = parseArgs({ options, allowPositionals: positionals > 0, strict: true });
    if (parsed.positionals.length !== positionals) throw new Error(`expected ${positionals} argument(s)`);
    return parsed;
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\nusage: ${usage}`);
  }
}

/** `1 tenant`, `2 tenants` (the commands speak English, like PostgreSQL's own tools). */
export const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** A path the operator typed, relative to the directory pnpm was run from. */
export const invocationPath = (p: string) => resolve(process.env.INIT_CWD ?? process.cwd(), p);

/** --passphrase-file (first line), else BUREAU_BACKUP_PASSPHRASE, else none. */
export async function passphrase(file: string | undefined): Promise<string | undefined> {
  if (file) {
    const text = await readFile(invocationPath(file), 'utf8');
    const first = text.split(/\r?\n/)[0] ?? '';
    if (!first) throw new Error(`${file} holds no passphrase`);
    return first;
  }
  return process.env.BUREAU_BACKUP_PASSPHRASE || undefined;
}

export async function command(name: string, fn: () => Promise<void>): Promise<never> {
  let code = 0;
  try {
    await fn();
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${name}: ${err.message}\n`);
      code = 2;
    } else {
      process.stderr.write(`${name}: ${oneLine(err)}\n`);
      code = 1;
    }
  }
  // Drivers may keep timers alive; the command is over.
  process.exit(code);
}
