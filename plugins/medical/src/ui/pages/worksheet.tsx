import {
  ApiError,
  Badge,
  Button,
  Card,
  DataTable,
  Field,
  notify,
  PageHeader,
  ScanInput,
  SelectField,
  Toggle,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { A, useParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import type { QueueItem, SpecimenView, Worksheet } from '../types.ts';
import { FlagBadge, type MessageKey, useBase, useT } from '../ui.tsx';

interface Pending {
  specimen: SpecimenView;
  tests: string[];
}

/**
 * One worksheet: result entry with the keyboard only (scan the tube, type each value, Enter moves
 * to the next, the last Enter saves) and the import of an instrument's file (ASTM or CSV).
 */
export default function WorksheetPage() {
  const t = useT();
  const i18n = useI18n();
  const base = useBase();
  const params = useParams();
  const { api } = useTenant();
  const [worksheet] = createResource(
    () => params.id,
    async (id) => (await api<{ worksheets: Worksheet[] }>('/medical/worksheets')).worksheets.find((w) => w.id === id),
  );
  const [entered, { refetch }] = createResource(
    () => params.id,
    async (id) =>
      (await api<{ results: QueueItem[] }>('/medical/results', { query: { status: 'entered' } })).results.filter(
        (r) => r.worksheetId === id,
      ),
  );
  const [pending, setPending] = createSignal<Pending | null>(null);
  const [values, setValues] = createSignal<Record<string, string>>({});
  const [message, setMessage] = createSignal<{ tone: 'success' | 'danger'; text: string } | null>(null);
  const [saving, setSaving] = createSignal(false);
  const inputs: HTMLInputElement[] = [];
  let scanBox: HTMLDivElement | undefined;

  const focusScan = () => scanBox?.querySelector('input')?.focus();

  const scan = async (raw: string) => {
    const code = raw.trim().toUpperCase();
    if (!code) return;
    setMessage(null);
    const found = (await api<{ specimens: SpecimenView[] }>('/medical/specimens', { query: { barcode: code } }))
      .specimens[0];
    if (!found) {
      setMessage({ tone: 'danger', text: t('ws.notFound', { code }) });
      return;
    }
    if (found.status !== 'received' && found.status !== 'in_analysis') {
      setMessage({ tone: 'danger', text: t('ws.notReady', { code, status: found.status }) });
      return;
    }
    setValues({});
    setPending({ specimen: found, tests: found.tests });
    queueMicrotask(() => inputs[0]?.focus());
  };

  const save = async () => {
    const p = pending();
    if (!p) return;
    setSaving(true);
    let saved = 0;
    const done: string[] = [];
    const errors: string[] = [];
    for (const test of p.tests) {
      const value = (values()[test] ?? '').trim();
      if (!value) continue;
      try {
        await api('/medical/results', {
          method: 'POST',
          body: { specimenId: p.specimen.id, test, value, worksheetId: params.id },
        });
        saved++;
        done.push(test);
      } catch (e) {
        errors.push(`${test}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    setSaving(false);
    if (errors.length) {
      // What was saved leaves the form, so a second Enter sends only the values that failed.
      setPending({ ...p, tests: p.tests.filter((x) => !done.includes(x)) });
      const prefix = saved ? `${t('ws.saved' as MessageKey, { count: saved })} · ` : '';
      setMessage({ tone: 'danger', text: `${prefix}${errors.join(' · ')}` });
      return;
    }
    setMessage({ tone: 'success', text: t('ws.saved' as MessageKey, { count: saved }) });
    setPending(null);
    refetch();
    focusScan();
  };

  const onKey = (i: number) => (e: KeyboardEvent) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const next = inputs[i + 1];
    if (next && i + 1 < (pending()?.tests.length ?? 0)) next.focus();
    else void save();
  };

  return (
    <div class="page">
      <PageHeader
        title={`${t('ws.number')} ${worksheet()?.number ?? ''}`}
        description={worksheet()?.instrument ?? ''}
        actions={
          <A class="btn btn-secondary" href={`${base()}/worksheets`}>
            {t('ws.back')}
          </A>
        }
      />
      <Card title={t('ws.scan')}>
        <p class="muted">{t('ws.scanHint')}</p>
        <div ref={scanBox}>
          <ScanInput label={t('reception.scan')} name="barcode" autofocus onScan={scan} onSubmit={scan} />
        </div>
        <Show when={pending()}>
          {(p) => (
            <fieldset class="med-entry">
              <legend>
                <span class="mono">{p().specimen.barcode}</span> · {p().specimen.container ?? p().specimen.specimenType}
              </legend>
              <For each={p().tests}>
                {(test, i) => (
                  <label class="med-entry-row">
                    <span class="mono">{test}</span>
                    <input
                      ref={(el) => {
                        inputs[i()] = el;
                      }}
                      class="input med-result-input"
                      name={`value-${test}`}
                      inputmode="decimal"
                      autocomplete="off"
                      value={values()[test] ?? ''}
                      onInput={(e) => setValues({ ...values(), [test]: e.currentTarget.value })}
                      onKeyDown={onKey(i())}
                    />
                  </label>
                )}
              </For>
              <Button variant="primary" loading={saving()} onClick={() => void save()}>
                {t('ws.save')}
              </Button>
            </fieldset>
          )}
        </Show>
        <Show when={message()}>
          {(msg) => (
            <p class={`alert alert-${msg().tone}`} role="status">
              {msg().text}
            </p>
          )}
        </Show>
      </Card>
      <Card title={t('ws.entered')} padded={false}>
        <DataTable<QueueItem>
          rows={entered() ?? []}
          rowKey={(r) => r.id}
          caption={t('ws.entered')}
          columns={[
            { header: t('reception.scan'), cell: (r) => <span class="mono">{r.barcode}</span> },
            { header: t('catalogue.code'), cell: (r) => <span class="mono">{r.test}</span> },
            {
              header: t('nav.results'),
              align: 'end',
              cell: (r) => (
                <span class="med-value">
                  {r.value === null ? (r.valueText ?? '') : i18n.number(r.value)} {r.unit}
                </span>
              ),
            },
            { header: '', cell: (r) => <FlagBadge flag={r.flag} /> },
            {
              header: '',
              hideOnMobile: true,
              cell: (r) => (
                <Show when={r.qcRejected}>
                  <Badge tone="danger">{t('ws.qcRejected')}</Badge>
                </Show>
              ),
            },
          ]}
        />
      </Card>
      <ImportCard worksheetId={params.id as string} onDone={() => refetch()} />
    </div>
  );
}

/** The instrument file import: a file or pasted text, ASTM or CSV, optional code mapping. */
function ImportCard(props: { worksheetId: string; onDone: () => void }) {
  const t = useT();
  const { api } = useTenant();
  const [format, setFormat] = createSignal<'astm' | 'csv'>('astm');
  const [content, setContent] = createSignal('');
  const [codes, setCodes] = createSignal('');
  const [skipUnknown, setSkipUnknown] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [problems, setProblems] = createSignal<string[]>([]);
  const readFile = async (e: Event) => {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    if (file) setContent(await file.text());
  };
  const mapping = () =>
    Object.fromEntries(
      codes()
        .split(/\n/)
        .map((l) => l.split('=').map((x) => x.trim()))
        .filter((p): p is [string, string] => p.length === 2 && Boolean(p[0]) && Boolean(p[1])),
    );
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblems([]);
    try {
      const res = await api<{ entered: unknown[] }>(`/medical/worksheets/${props.worksheetId}/import`, {
        method: 'POST',
        body: { format: format(), content: content(), codes: mapping(), skipUnknown: skipUnknown() },
      });
      notify(t('ws.imported' as MessageKey, { count: res.entered.length }));
      setContent('');
      props.onDone();
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors.map((x) => x.message) : [];
      setProblems(fields.length ? fields : [err instanceof Error ? err.message : String(err)]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('ws.import')}>
      <form class="form-grid" onSubmit={submit}>
        <SelectField
          label={t('ws.format')}
          name="format"
          value={format()}
          onChange={(v) => setFormat(v as 'astm' | 'csv')}
          options={[
            { value: 'astm', label: 'ASTM E1394 / LIS2-A2' },
            { value: 'csv', label: 'CSV' },
          ]}
        />
        <label class="field">
          <span class="field-label">{t('ws.file')}</span>
          <input
            class="input"
            type="file"
            name="file"
            accept=".txt,.astm,.csv,text/plain,text/csv"
            onChange={readFile}
          />
        </label>
        <Field label={t('ws.content')} name="content" multiline value={content()} onChange={setContent} />
        <Field label={t('ws.codes')} name="codes" multiline value={codes()} onChange={setCodes} />
        <Toggle label={t('ws.skipUnknown')} checked={skipUnknown()} onChange={setSkipUnknown} />
        <div class="form-actions">
          <Button type="submit" variant="primary" loading={busy()} disabled={!content().trim()}>
            {t('ws.import')}
          </Button>
        </div>
      </form>
      <Show when={problems().length > 0}>
        <ul class="alert alert-danger" role="alert">
          <For each={problems()}>{(p) => <li>{p}</li>}</For>
        </ul>
      </Show>
    </Card>
  );
}
