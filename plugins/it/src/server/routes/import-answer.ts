import {
  type FieldError,
  type Locale,
  type Message,
  Problem,
  type RenderedFieldError,
  renderFieldError,
} from '@bureau/core';

interface Report {
  dryRun: boolean;
  invalid: number;
  rows: Array<{ line: number; errors: FieldError[] }>;
}

type Rendered<R extends Report> = Omit<R, 'rows'> & {
  rows: Array<Omit<R['rows'][number], 'errors'> & { errors: RenderedFieldError[] }>;
};

/**
 * The answer to a CSV import (assets, health readings): a real run with failing rows is 400
 * `import_rejected` with each error at `line.<n>.<field>`; otherwise the report, its errors in the
 * request's language.
 */
export function importAnswer<R extends Report>(report: R, rejected: Message, locale: Locale): Rendered<R> {
  if (!report.dryRun && report.invalid)
    throw new Problem(400, 'import_rejected', rejected, {
      params: { count: report.invalid },
      errors: report.rows.flatMap((r) =>
        r.errors.map((e) => ({ ...e, path: `line.${r.line}${e.path ? `.${e.path}` : ''}` })),
      ),
    });
  const rows = report.rows.map((r) => ({ ...r, errors: r.errors.map((e) => renderFieldError(e, locale)) }));
  // TypeScript cannot see that spreading a row of R and replacing its errors gives Rendered<R>'s row.
  return { ...report, rows } as unknown as Rendered<R>;
}
