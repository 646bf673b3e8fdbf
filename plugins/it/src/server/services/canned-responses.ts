/** The placeholders a canned response may hold, filled from the ticket when it is inserted. */
export const PLACEHOLDERS = ['requester', 'number', 'title', 'agent', 'asset'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/**
 * Fills `{requester}`, `{number}`, `{title}`, `{agent}` (who inserts it) and `{asset}` in a canned
 * response's body; any other braces stay as written, and a placeholder without a value becomes empty.
 */
export function fillPlaceholders(body: string, values: Partial<Record<Placeholder, string | null>>): string {
  return body.replace(/\{(\w+)\}/g, (whole, name: string) =>
    (PLACEHOLDERS as readonly string[]).includes(name) ? (values[name as Placeholder] ?? '') : whole,
  );
}
