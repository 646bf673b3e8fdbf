import { ApiError, Badge, Button, Card, DataTable, FormError, PageHeader, useTenant } from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { useT } from '../messages.ts';

interface ImportRow {
  line: number;
  tag: string | null;
  name: string;
  result: 'created' | 'exists' | 'invalid';
  assetId: string | null;
  errors: { path: string; message: string; code?: string }[];
}
interface ImportReport {
  dryRun: boolean;
  created: number;
  existing: number;
  invalid: number;
  rows: ImportRow[];
}

const TONES = { created: 'success', exists: 'neutral', invalid: 'danger' } as const;

/**
 * Imports assets from a CSV file: a dry run first shows what each row would do (new, already there,
 * or its errors); the import runs only when no row fails, and writes all rows or none.
 */
export default function AssetImport() {
  const t = useT();
  const { tenant, api } = useTenant();
  const [csv, setCsv] = createSignal<{ name: string; text: string } | null>(null);
  const [report, setReport] = createSignal<ImportReport | null>(null);
  const [error, setError] = createSignal<ApiError | null>(null);
  const [busy, setBusy] = createSignal(false);
  const send = async (dryRun: boolean) => {
    const file = csv();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setReport(await api<ImportReport>('/it/assets/import', { method: 'POST', body: { csv: file.text, dryRun } }));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setReport(null);
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const label = (r: ImportRow['result']) =>
    r === 'created' ? t('importCreated') : r === 'exists' ? t('importExists') : t('importInvalid');
  return (
    <div class="page">
      <PageHeader title={t('importTitle')} description={t('importText')} />
      <Card>
        <div class="stack">
          <div class="field">
            <label class="field-label" for="asset-import-file">
              {t('importFile')}
            </label>
            <input
              id="asset-import-file"
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
            <Show when={report()?.dryRun && report()?.invalid === 0 && (report()?.created ?? 0) > 0}>
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
                <Show
                  when={r().dryRun}
                  fallback={
                    <>
                      {t('importDone', { count: r().created })}{' '}
                      <A href={`/t/${tenant().slug}/it/assets`}>{t('title')}</A>
                    </>
                  }
                >
                  {[
                    t('importNew', { count: r().created }),
                    t('importExisting', { count: r().existing }),
                    t('importBad', { count: r().invalid }),
                  ].join(' · ')}
                </Show>
              </p>
              <Show when={r().invalid > 0}>
                <p class="muted">{t('importFix')}</p>
              </Show>
              <DataTable<ImportRow>
                caption={t('importTitle')}
                rows={r().rows}
                rowKey={(x) => String(x.line)}
                columns={[
                  { header: t('importLine'), cell: (x) => x.line },
                  { header: t('tag'), hideOnMobile: true, cell: (x) => <span class="mono">{x.tag ?? ''}</span> },
                  { header: t('name'), cell: (x) => x.name },
                  { header: t('importResult'), cell: (x) => <Badge tone={TONES[x.result]}>{label(x.result)}</Badge> },
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
    </div>
  );
}
