import { badRequest, type FieldError, type PluginContext, Problem, translate } from '@bureau/core';
import { m } from '../messages.ts';
import { type InstrumentLine, type Parsed, parseAstm, parseCsv } from './instrument.ts';
import type { ResultView } from './order-detail.ts';
import { enterResult } from './results.ts';

export interface ImportInput {
  format: 'astm' | 'csv';
  content: string;
  /** The instrument's test codes mapped to the catalogue's (`{ "FER": "FERR" }`); unmapped codes are used as they are. */
  codes?: Record<string, string>;
  /** Leave out results for barcodes this lab does not know (another lab's tubes on a shared analyser). */
  skipUnknown?: boolean;
}

export interface ImportOutcome {
  entered: ResultView[];
  skipped: { line: number; specimen: string; code: string; reason: string }[];
}

const REASON = {
  unreadable: m.import_unreadable,
  no_order: m.import_no_order,
  not_final: m.import_not_final,
} as const;

/**
 * Enters an instrument file's results on a worksheet, all or nothing: every line goes through the
 * same checks as a result typed by hand (specimen received, test ordered on it, a number for a
 * numeric analyte, no result awaiting release already), and if any line fails the answer is 400
 * `import_rejected` naming each failing line, and nothing is written.
 */
export async function importResults(
  ctx: PluginContext,
  worksheetId: string,
  input: ImportInput,
): Promise<ImportOutcome> {
  const parsed: Parsed = input.format === 'astm' ? parseAstm(input.content) : parseCsv(input.content);
  const errors: FieldError[] = parsed.problems.map((p) => ({
    path: `line.${p.line}`,
    message: REASON[p.reason],
    params: { line: p.line },
    code: `import_${p.reason}`,
  }));
  if (parsed.lines.length === 0 && errors.length === 0) {
    throw badRequest('import_empty', m.import_empty);
  }
  const entered: ResultView[] = [];
  const skipped: ImportOutcome['skipped'] = [];
  for (const line of parsed.lines) {
    const code = mapCode(line, input.codes);
    const specimen = await ctx.db
      .selectFrom('medical.specimens')
      .select('id')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('barcode', '=', line.specimen.toUpperCase())
      .executeTakeFirst();
    if (!specimen) {
      if (input.skipUnknown) {
        skipped.push({ line: line.line, specimen: line.specimen, code, reason: 'unknown_specimen' });
        continue;
      }
      errors.push({
        path: `line.${line.line}`,
        message: m.import_unknown_specimen,
        params: { line: line.line, barcode: line.specimen },
        code: 'specimen_not_found',
      });
      continue;
    }
    try {
      entered.push(
        await enterResult(ctx, {
          specimenId: specimen.id,
          test: code,
          value: line.value,
          worksheetId,
          ...(line.comment ? { comment: line.comment.slice(0, 1000) } : {}),
        }),
      );
    } catch (e) {
      if (!(e instanceof Problem)) throw e;
      errors.push({
        path: `line.${line.line}`,
        message: (locale) =>
          translate(locale, m.import_line_failed, {
            line: line.line,
            barcode: line.specimen,
            code,
            reason:
              typeof e.text === 'function' ? e.text(locale) : translate(locale, e.text, { ...e.extra, ...e.params }),
          }),
        code: e.code,
      });
    }
  }
  if (errors.length) throw badRequest('import_rejected', m.import_rejected, errors);
  return { entered, skipped };
}

function mapCode(line: InstrumentLine, codes: Record<string, string> | undefined): string {
  return codes?.[line.code] ?? line.code;
}
