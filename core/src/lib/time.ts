/** An instant from either driver (Date or string) as ISO 8601, or null when absent. */
export const isoOrNull = (d: unknown): string | null => (d ? new Date(d as string).toISOString() : null);
