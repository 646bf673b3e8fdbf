/** A CSV field, always quoted, inner quotes doubled (RFC 4180 § 2). */
export const csvField = (v: string | number | null | undefined): string => `"${String(v ?? '').replace(/"/g, '""')}"`;

/** Rows of a CSV text (core's reader: `;` or `,`, quoted fields, CRLF or LF). */
export { parseCsvRows as parseCsv } from '@bureau/core';
