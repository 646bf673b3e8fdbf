import {
  Button,
  Card,
  createForm,
  notify,
  PageHeader,
  Segmented,
  SelectField,
  unwrap,
  useTenant,
} from '@bureau/core/ui';
import { A, useSearchParams } from '@solidjs/router';
import { parse } from 'csv-parse/browser/esm/sync';
import { createEffect, createMemo, createResource, createSignal, For, on, Show } from 'solid-js';
import { useAccounting } from '../api.ts';
import { BackLink, Icon, ProblemAlert, useBase, useT } from '../ui.tsx';

type Format = 'csv' | 'camt053' | 'ofx';
type Encoding = 'utf-8' | 'windows-1250' | 'iso-8859-2';
const FIELDS = [
  'date',
  'amount',
  'credit',
  'debit',
  'counterpartyName',
  'counterpartyAccount',
  'variableSymbol',
  'constantSymbol',
  'specificSymbol',
  'message',
  'reference',
  'externalId',
  'currency',
  'valueDate',
] as const;
type FieldName = (typeof FIELDS)[number];
const DATE_FORMATS = ['YYYY-MM-DD', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY', 'YYYYMMDD'] as const;
type DateFormat = (typeof DATE_FORMATS)[number];
const DELIMITERS = [';', ',', '\t', '|'] as const;
type Delimiter = (typeof DELIMITERS)[number];

/** Header names banks use, for a first guess of the mapping (Czech and English). */
const GUESS: Record<FieldName, RegExp> = {
  date: /^(datum( zaúčtování| pohybu| provedení)?|date|booking date|transaction date)$/i,
  amount: /^(částka|objem|amount|suma|castka)$/i,
  credit: /^(příjem|kredit|credit|připsáno)$/i,
  debit: /^(výdej|debet|debit|odepsáno)$/i,
  counterpartyName: /^(název protiúčtu|protistrana|název|counterparty( name)?|name|payee|příjemce|plátce)$/i,
  counterpartyAccount: /^(protiúčet|číslo protiúčtu|counterparty account|account|iban protiúčtu)$/i,
  variableSymbol: /^(vs|variabilní symbol|variable symbol)$/i,
  constantSymbol: /^(ks|konstantní symbol|constant symbol)$/i,
  specificSymbol: /^(ss|specifický symbol|specific symbol)$/i,
  message: /^(zpráva( pro příjemce)?|poznámka|message|description|popis)$/i,
  reference: /^(reference|zpráva pro mě|ref)$/i,
  externalId: /^(id( pohybu| transakce)?|transaction id|id)$/i,
  currency: /^(měna|currency)$/i,
  valueDate: /^(datum splatnosti|value date|valuta)$/i,
};

function base64Of(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

function formatOf(name: string): Format {
  const n = name.toLowerCase();
  if (n.endsWith('.xml') || n.includes('camt')) return 'camt053';
  if (n.endsWith('.ofx') || n.endsWith('.qfx')) return 'ofx';
  return 'csv';
}

function guessDelimiter(text: string): Delimiter {
  const first = text.split(/\r?\n/).find((l) => l.trim()) ?? '';
  let best: Delimiter = ';';
  let count = -1;
  for (const d of DELIMITERS) {
    const n = first.split(d).length;
    if (n > count) {
      best = d;
      count = n;
    }
  }
  return best;
}

function guessDateFormat(sample: string | undefined): DateFormat {
  if (!sample) return 'DD.MM.YYYY';
  if (/^\d{4}-\d{2}-\d{2}/.test(sample)) return 'YYYY-MM-DD';
  if (/^\d{1,2}\.\d{1,2}\.\d{4}/.test(sample)) return 'DD.MM.YYYY';
  if (/^\d{8}$/.test(sample)) return 'YYYYMMDD';
  if (/^\d{1,2}\/\d{1,2}\/\d{4}/.test(sample)) return 'DD/MM/YYYY';
  return 'DD.MM.YYYY';
}

/**
 * Imports a bank statement: a CSV with a column mapping (previewed here, saved on the bank account
 * for the next import), a camt.053 XML or an OFX file. Lines imported before are skipped.
 */
export default function BankImport() {
  const t = useT();
  const api = useAccounting();
  const base = useBase();
  const { tenant } = useTenant();
  const [params] = useSearchParams<{ account?: string }>();
  const [bankAccounts] = createResource(
    () => tenant().slug,
    async () => (await unwrap(api()['bank-accounts'].$get())).bankAccounts,
  );
  const [file, setFile] = createSignal<{ name: string; buffer: ArrayBuffer } | null>(null);
  const [result, setResult] = createSignal<{ imported: number; duplicates: number } | null>(null);

  const form = createForm({
    initial: {
      bankAccountId: params.account ?? '',
      format: 'csv' as Format,
      encoding: 'utf-8' as Encoding,
      delimiter: ';' as Delimiter,
      hasHeader: true,
      skipRows: 0,
      dateFormat: 'DD.MM.YYYY' as DateFormat,
      decimalSeparator: ',' as '.' | ',',
      columns: {} as Partial<Record<FieldName, string>>,
    },
    validate: (v) => ({
      bankAccountId: v.bankAccountId ? undefined : t('import.chooseAccount'),
      file: file() ? undefined : t('import.chooseFile'),
      'mapping.columns.date': v.format === 'csv' && !v.columns.date ? t('import.needDate') : undefined,
      'mapping.columns.amount':
        v.format === 'csv' && !v.columns.amount && !(v.columns.credit || v.columns.debit)
          ? t('import.needAmount')
          : undefined,
    }),
    onSubmit: async (v) => {
      const f = file();
      if (!f) return;
      const columns: Record<string, string | number> = {};
      for (const [k, col] of Object.entries(v.columns)) {
        if (!col) continue;
        columns[k] = v.hasHeader ? col : Number(col);
      }
      const res = await unwrap(
        api()['bank-accounts'][':id'].statements.$post({
          param: { id: v.bankAccountId },
          json: {
            format: v.format,
            contentBase64: base64Of(f.buffer),
            encoding: v.encoding,
            fileName: f.name.slice(0, 200),
            ...(v.format === 'csv'
              ? {
                  mapping: {
                    delimiter: v.delimiter,
                    hasHeader: v.hasHeader,
                    skipRows: v.skipRows,
                    dateFormat: v.dateFormat,
                    decimalSeparator: v.decimalSeparator,
                    columns: columns as { date: string | number },
                  },
                  saveMapping: true,
                }
              : {}),
          },
        }),
      );
      setResult({ imported: res.imported, duplicates: res.duplicates });
      notify(t('import.done', { imported: res.imported, duplicates: res.duplicates }));
    },
  });

  const text = createMemo(() => {
    const f = file();
    if (!f) return '';
    try {
      return new TextDecoder(form.values.encoding).decode(f.buffer);
    } catch {
      return new TextDecoder().decode(f.buffer);
    }
  });

  /** The CSV rows as parsed with the current options (preview only; the server parses for real). */
  const table = createMemo(() => {
    if (form.values.format !== 'csv' || !text()) return null;
    try {
      const rows = parse(text(), {
        delimiter: form.values.delimiter,
        from_line: form.values.skipRows + 1,
        relax_column_count: true,
        skip_empty_lines: true,
        bom: true,
        to_line: form.values.skipRows + 12,
      }) as string[][];
      const header = form.values.hasHeader
        ? (rows[0] ?? [])
        : (rows[0] ?? []).map((_, i) => `${t('import.column')} ${i + 1}`);
      const body = form.values.hasHeader ? rows.slice(1) : rows;
      return { header, body: body.slice(0, 8), error: null as string | null };
    } catch (e) {
      return { header: [], body: [], error: e instanceof Error ? e.message : String(e) };
    }
  });
  const columnValue = (i: number) => (form.values.hasHeader ? (table()?.header[i] ?? String(i)) : String(i));
  const fieldOfColumn = (i: number) =>
    (Object.entries(form.values.columns) as [FieldName, string][]).find(([, c]) => c === columnValue(i))?.[0];

  // A new file: detect its format, delimiter and date format, and prefill the mapping.
  createEffect(
    on(file, (f) => {
      if (!f) return;
      setResult(null);
      form.set('format', formatOf(f.name));
    }),
  );
  createEffect(
    on([text, () => form.values.bankAccountId], ([txt, bankId]) => {
      if (!txt || form.values.format !== 'csv') return;
      // The mapping saved on the bank account by its last import comes first; what this file lacks is guessed.
      const saved = bankAccounts.latest?.find((b) => b.id === bankId)?.csvMapping;
      if (saved) {
        form.set({
          delimiter: saved.delimiter ?? guessDelimiter(txt),
          hasHeader: saved.hasHeader ?? true,
          skipRows: saved.skipRows ?? 0,
        });
      } else {
        form.set({ delimiter: guessDelimiter(txt), hasHeader: true, skipRows: 0 });
      }
      const tab = table();
      if (!tab) return;
      const hasColumn = (c: string) => (form.values.hasHeader ? tab.header.includes(c) : Number(c) < tab.header.length);
      const columns: Partial<Record<FieldName, string>> = {};
      for (const [k, v] of Object.entries(saved?.columns ?? {})) {
        if (v !== undefined && hasColumn(String(v))) columns[k as FieldName] = String(v);
      }
      const complete = saved && Object.keys(columns).length === Object.keys(saved.columns).length;
      if (!complete) {
        const taken = new Set(Object.values(columns));
        tab.header.forEach((h, i) => {
          const value = form.values.hasHeader ? h : String(i);
          if (taken.has(value)) return;
          for (const f of FIELDS) {
            if (!columns[f] && GUESS[f].test(h.trim())) {
              columns[f] = value;
              taken.add(value);
              break;
            }
          }
        });
      }
      form.set('columns', columns);
      const cell = (c: string | undefined) => {
        if (!c) return undefined;
        const i = form.values.hasHeader ? tab.header.indexOf(c) : Number(c);
        return i >= 0 ? tab.body[0]?.[i]?.trim() : undefined;
      };
      const dateSample = cell(columns.date);
      const savedDate = saved?.dateFormat;
      form.set(
        'dateFormat',
        savedDate && (!dateSample || guessDateFormat(dateSample) === savedDate)
          ? savedDate
          : guessDateFormat(dateSample),
      );
      const amountSample = cell(columns.amount ?? columns.credit ?? columns.debit);
      if (amountSample) form.set('decimalSeparator', /,\d{1,2}$/.test(amountSample) ? ',' : '.');
      else if (saved?.decimalSeparator) form.set('decimalSeparator', saved.decimalSeparator);
    }),
  );

  const columnOptions = () => [
    { value: '', label: t('import.notMapped') },
    ...(table()?.header ?? []).map((h, i) => ({
      value: form.values.hasHeader ? h : String(i),
      label: h || `${i + 1}`,
    })),
  ];

  return (
    <div class="page acc">
      <BackLink href={`${base()}/bank`}>{t('bank.title')}</BackLink>
      <PageHeader title={t('import.title')} description={t('import.subtitle')} />
      <form class="stack" onSubmit={form.submit} noValidate>
        <Card>
          <div class="form-grid cols-3">
            <SelectField
              label={t('import.bankAccount')}
              name="bankAccountId"
              value={form.values.bankAccountId}
              onChange={(v) => form.set('bankAccountId', v)}
              options={[
                { value: '', label: t('import.chooseAccount') },
                ...(bankAccounts.latest ?? []).map((b) => ({
                  value: b.id,
                  label: `${b.name} (${b.iban ?? b.account})`,
                })),
              ]}
              error={form.error('bankAccountId')}
            />
            <div class="field">
              <label class="field-label" for="statement-file">
                {t('import.file')}
              </label>
              <input
                id="statement-file"
                class="input file-input"
                type="file"
                accept=".csv,.txt,.xml,.ofx,.qfx"
                aria-invalid={form.error('file') ? 'true' : undefined}
                onChange={async (e) => {
                  const f = e.currentTarget.files?.[0];
                  if (!f) return;
                  setFile({ name: f.name, buffer: await f.arrayBuffer() });
                  form.setErrors({});
                }}
              />
              <Show when={form.error('file') ?? form.error('content') ?? form.error('contentBase64')}>
                {(e) => <div class="field-error">{e()}</div>}
              </Show>
            </div>
            <SelectField
              label={t('import.encoding')}
              name="encoding"
              value={form.values.encoding}
              onChange={(v) => form.set('encoding', v as Encoding)}
              options={[
                { value: 'utf-8', label: 'UTF-8' },
                { value: 'windows-1250', label: 'Windows-1250' },
                { value: 'iso-8859-2', label: 'ISO-8859-2' },
              ]}
            />
          </div>
          <div class="stack-sm top-gap">
            <span class="field-label">{t('import.format')}</span>
            <Segmented
              label={t('import.format')}
              value={form.values.format}
              onChange={(f) => form.set('format', f)}
              options={[
                { value: 'csv', label: 'CSV' },
                { value: 'camt053', label: 'camt.053 (XML)' },
                { value: 'ofx', label: 'OFX' },
              ]}
            />
          </div>
        </Card>

        <Show when={form.values.format === 'csv' && table()}>
          {(tab) => (
            <Card title={t('import.mapping')} padded={false}>
              <div class="card-body">
                <div class="form-grid cols-5">
                  <SelectField
                    label={t('import.delimiter')}
                    name="delimiter"
                    value={form.values.delimiter}
                    onChange={(v) => form.set('delimiter', v as Delimiter)}
                    options={[
                      { value: ';', label: t('import.semicolon') },
                      { value: ',', label: t('import.comma') },
                      { value: '\t', label: t('import.tab') },
                      { value: '|', label: '|' },
                    ]}
                  />
                  <SelectField
                    label={t('import.dateFormat')}
                    name="dateFormat"
                    value={form.values.dateFormat}
                    onChange={(v) => form.set('dateFormat', v as DateFormat)}
                    options={DATE_FORMATS.map((d) => ({ value: d, label: d }))}
                  />
                  <SelectField
                    label={t('import.decimal')}
                    name="decimalSeparator"
                    value={form.values.decimalSeparator}
                    onChange={(v) => form.set('decimalSeparator', v as '.' | ',')}
                    options={[
                      { value: ',', label: t('import.decimalComma') },
                      { value: '.', label: t('import.decimalDot') },
                    ]}
                  />
                  <div class="field">
                    <label class="field-label" for="skip-rows">
                      {t('import.skipRows')}
                    </label>
                    <input
                      id="skip-rows"
                      class="input"
                      type="number"
                      min="0"
                      max="100"
                      value={form.values.skipRows}
                      onInput={(e) => form.set('skipRows', Math.max(0, Number(e.currentTarget.value) || 0))}
                    />
                  </div>
                  <label class="check align-end">
                    <input
                      type="checkbox"
                      checked={form.values.hasHeader}
                      onChange={(e) => form.set({ hasHeader: e.currentTarget.checked, columns: {} })}
                    />
                    <span>{t('import.hasHeader')}</span>
                  </label>
                </div>
                <div class="mapping-grid">
                  <For each={FIELDS}>
                    {(f) => (
                      <SelectField
                        label={t(`import.field.${f}`)}
                        name={`col-${f}`}
                        value={form.values.columns[f] ?? ''}
                        onChange={(v) => form.set('columns', f, v || undefined)}
                        options={columnOptions()}
                        error={form.error(`mapping.columns.${f}`)}
                      />
                    )}
                  </For>
                </div>
              </div>
              <Show when={tab().error}>
                <div class="alert alert-warning">{tab().error}</div>
              </Show>
              <div class="table-wrap">
                <table class="table preview-table">
                  <caption class="sr-only">{t('import.preview')}</caption>
                  <thead>
                    <tr>
                      <For each={tab().header}>
                        {(h, i) => (
                          <th scope="col">
                            <div>{h}</div>
                            <Show when={fieldOfColumn(i())}>
                              {(f) => <span class="badge badge-accent">{t(`import.field.${f()}`)}</span>}
                            </Show>
                          </th>
                        )}
                      </For>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={tab().body}>
                      {(row) => (
                        <tr>
                          <For each={tab().header}>
                            {(_, i) => <td classList={{ mapped: !!fieldOfColumn(i()) }}>{row[i()] ?? ''}</td>}
                          </For>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Card>
          )}
        </Show>
        <Show when={form.values.format !== 'csv' && file()}>
          <Card>
            <p class="muted">
              {t(form.values.format === 'ofx' ? 'import.ofxReady' : 'import.camtReady', { file: file()?.name ?? '' })}
            </p>
          </Card>
        </Show>

        <ProblemAlert error={form.failure()} />
        <Show when={result()}>
          {(r) => (
            <div class="alert alert-success" role="status">
              {t('import.done', { imported: r().imported, duplicates: r().duplicates })}{' '}
              <A href={`${base()}/bank`}>{t('import.toReconcile')}</A>
            </div>
          )}
        </Show>
        <div class="form-actions">
          <A class="btn btn-ghost" href={`${base()}/bank`}>
            {t('common.cancel')}
          </A>
          <Button type="submit" variant="primary" loading={form.submitting()} disabled={!file()}>
            <Icon name="upload" />
            {t('import.submit')}
          </Button>
        </div>
      </form>
    </div>
  );
}
