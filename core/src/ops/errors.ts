/**
 * A refusal or failure of an operations command (backup, restore, move, upgrade) with a stable code
 * and a one-line message meant for the operator's terminal.
 */
export class BackupError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackupError';
    this.code = code;
  }
}

/** The database (or a backup) was migrated by a newer Bureau than this build. */
export class NewerSchemaError extends BackupError {
  constructor(message: string) {
    super('newer_schema', message);
    this.name = 'NewerSchemaError';
  }
}

/** One line for a terminal: the message of a known error, else the first line of whatever failed. */
export function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split('\n').find((l) => l.trim()) ?? 'failed').trim();
}
