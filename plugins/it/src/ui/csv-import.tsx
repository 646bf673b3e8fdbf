import { ApiError, Button, Card, type Column, DataTable, FormError, useTenant } from '@bureau/core/ui';
import { createSignal, type JSX, Show } from 'solid-js';
import { useT } from './messages.ts';

/** A row of an import's report: its line in the file and its errors (in the reader's language). */
export interface ImportReportRow {
  line: number;
  errors: { path: string; message: string; code?: string }[];
}
export interface ImportReport<R extends ImportReportRow> {
  dryRun: boolean;
  invalid: number;
  rows: R[];
}

/**
 * A CSV import in two steps (assets, health readings): the dry run shows what each row would do and
 * its errors; the import is offered only when no row fails and there is something to write, and the
 * server writes all rows or none. The page gives the endpoint, the columns between the line and the
 * errors, and the summary lines.
 */
export function CsvImport<R extends ImportReportRow, P extends ImportReport<R>>(props: {
  /** The tenant API path taking `{ csv, dryRun }`. */
  path: string;
  caption: string;
  columns: Column<R>[];
  /** After a dry run: what the file would do. */
  checked: (report: P) => string;
  /** After the import. */
  imported: (report: P) => JSX.Element;
  /** Whether the dry run found anything to write. */
  writes: (report: P) => boolean;
}) {
  const t = useT();
  const { api } = useTenant();
  const [csv, setCsv] = createSignal<{ name: string; text: string } | null>(null);
  const [report, setReport] = createSignal<P | null>(null);
  const [error, setError] = createSignal<ApiError | null>(null);
  const [busy, setBusy] = createSignal(false);
  const send = async (dryRun: boolean) => {
    const file = csv();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await api<P>(props.path, { method: 'POST', body: { csv: file.text, dryRun } });
      setReport(() => answer);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setReport(null);
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const inputId = `import-file-${props.path.replace(/\W+/g, '-')}`;
  return (
    <>
      <Card>
        <div class="stack">
          <div class="field">
            <label class="field-label" for={inputId}>
              {t('importFile')}
            </label>
            <input
              id={inputId}
              class="input file-input"
              type="file"
              accept=".csv,text/csv"
              onChange={async (e) => {
                const f = e.currentTarget.files?.[0];
                setReport(null);
                setError(null);
                setCsv(f ? { name: f.name, text: await f.text() } : null);
              }}
            />
          </div>
          <FormError error={error()} />
          <div class="row">
            <Button variant="secondary" disabled={!csv()} loading={busy()} onClick={() => void send(true)}>
              {t('importCheck')}
            </Button>
            <Show when={report()?.dryRun && report()?.invalid === 0 && props.writes(report() as P)}>
              <Button variant="primary" loading={busy()} onClick={() => void send(false)}>
                {t('importRun')}
              </Button>
            </Show>
          </div>
        </div>
      </Card>
      <Show when={report()}>
        {(r) => (
          <Card>
            <div class="stack">
              <p role="status">
                <Show when={r().dryRun} fallback={props.imported(r())}>
                  {props.checked(r())}
                </Show>
              </p>
              <Show when={r().invalid > 0}>
                <p class="muted">{t('importFix')}</p>
              </Show>
              <DataTable<R>
                caption={props.caption}
                rows={r().rows}
                rowKey={(x) => String(x.line)}
                columns={[
                  { header: t('importLine'), cell: (x) => x.line },
                  ...props.columns,
                  {
                    header: t('importErrors'),
                    cell: (x) => x.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; '),
                  },
                ]}
              />
            </div>
          </Card>
        )}
      </Show>
    </>
  );
}
