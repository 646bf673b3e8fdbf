import {
  AsyncTable,
  Badge,
  Button,
  Card,
  EmptyState,
  Field,
  notify,
  PageHeader,
  SelectField,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { createResource, createSignal, Show } from 'solid-js';
import { LineChart } from '../chart.tsx';
import type { ControlMaterial, QcPoint, Worksheet } from '../types.ts';
import { ErrorText, useT } from '../ui.tsx';

/**
 * Quality control: control materials (target mean and SD per level), recording a QC value (judged
 * by the Westgard rules on the server) and the material's Levey-Jennings chart (mean ± 1, 2, 3 SD).
 */
export default function Qc() {
  const t = useT();
  const i18n = useI18n();
  const { api, can } = useTenant();
  const [materials, { refetch }] = createResource(
    async () => (await api<{ materials: ControlMaterial[] }>('/medical/qc/materials')).materials,
  );
  const [worksheets] = createResource(
    async () => (await api<{ worksheets: Worksheet[] }>('/medical/worksheets')).worksheets,
  );
  const [selected, setSelected] = createSignal<string>('');
  const [chart, { refetch: refetchChart }] = createResource(selected, async (id) =>
    id ? await api<{ material: ControlMaterial; points: QcPoint[] }>(`/medical/qc/materials/${id}/chart`) : null,
  );
  const [value, setValue] = createSignal('');
  const [worksheet, setWorksheet] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);

  const record = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const qc = await api<QcPoint>('/medical/qc/values', {
        method: 'POST',
        body: { materialId: selected(), value: value().trim(), ...(worksheet() ? { worksheetId: worksheet() } : {}) },
      });
      notify(verdict(qc));
      setValue('');
      refetchChart();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const verdict = (q: QcPoint) =>
    q.status === 'accepted'
      ? t('qc.accepted')
      : t(q.status === 'warning' ? 'qc.warning' : 'qc.rejected', { rules: q.violations.join(', ') });

  return (
    <div class="page">
      <PageHeader title={t('qc.title')} description={t('qc.subtitle')} />
      <Card padded={false}>
        <AsyncTable
          resource={materials}
          refetch={refetch}
          caption={t('qc.material')}
          rowKey={(m) => m.id}
          empty={<EmptyState title={t('qc.empty')} />}
          columns={[
            {
              header: t('qc.material'),
              cell: (m) => (
                <button type="button" class="btn btn-ghost btn-sm" onClick={() => setSelected(m.id)}>
                  {m.name}
                </button>
              ),
            },
            { header: t('catalogue.code'), cell: (m) => <span class="mono">{m.test}</span> },
            { header: t('qc.lot'), hideOnMobile: true, cell: (m) => m.lot },
            { header: t('qc.level'), cell: (m) => m.level },
            { header: t('qc.mean'), align: 'end', cell: (m) => i18n.number(m.mean) },
            { header: t('qc.sd'), align: 'end', cell: (m) => i18n.number(m.sd) },
          ]}
        />
      </Card>
      <Show when={can('medical.catalogue')}>
        <MaterialForm onAdded={() => refetch()} />
      </Show>
      <Show when={chart()}>
        {(c) => (
          <Card
            title={`${t('qc.chart')} · ${c().material.name} (${c().material.test}, ${t('qc.level')} ${c().material.level})`}
          >
            <Show when={c().points.length > 0} fallback={<p class="muted">{t('qc.noPoints')}</p>}>
              <LineChart
                title={`${t('qc.chart')} ${c().material.test}`}
                points={c().points.map((p, i) => ({
                  x: i,
                  y: p.z,
                  label: `${i18n.dateTime(p.measuredAt)}: ${i18n.number(p.value)} (z ${p.z.toFixed(2)}) ${p.violations.join(', ')}`,
                  tone: p.status === 'rejected' ? 'danger' : p.status === 'warning' ? 'warning' : 'normal',
                }))}
                guides={[-3, -2, -1, 0, 1, 2, 3].map((k) => ({
                  y: k,
                  strong: k === 0 || Math.abs(k) === 3,
                  label: k === 0 ? 'x̄' : `${k > 0 ? '+' : ''}${k}s`,
                }))}
              />
              <p class="muted">
                {c()
                  .points.slice(-5)
                  .map(
                    (p) => `${i18n.number(p.value)} ${p.status === 'accepted' ? '✓' : `(${p.violations.join(', ')})`}`,
                  )
                  .join(' · ')}
              </p>
            </Show>
            <Show when={can('medical.result')}>
              <form class="form-grid" onSubmit={record}>
                <Field
                  label={t('qc.value')}
                  name="qcValue"
                  inputmode="decimal"
                  required
                  value={value()}
                  onChange={setValue}
                />
                <SelectField
                  label={t('qc.worksheet')}
                  name="worksheet"
                  value={worksheet()}
                  onChange={setWorksheet}
                  options={[
                    { value: '', label: t('common.none') },
                    ...(worksheets() ?? []).map((w) => ({ value: w.id, label: `${w.number} · ${w.instrument}` })),
                  ]}
                />
                <div class="form-actions">
                  <Button type="submit" variant="primary" disabled={!value().trim()}>
                    {t('qc.add')}
                  </Button>
                </div>
              </form>
            </Show>
            <Show when={c().points.some((p) => p.status === 'rejected')}>
              <Badge tone="danger">{t('ws.qcRejected')}</Badge>
            </Show>
            <ErrorText text={error()} />
          </Card>
        )}
      </Show>
    </div>
  );
}

/** A new control material: test code, name, lot, level, target mean and SD. */
function MaterialForm(props: { onAdded: () => void }) {
  const t = useT();
  const { api } = useTenant();
  const [f, setF] = createSignal({ test: '', name: '', lot: '', level: '1', mean: '', sd: '' });
  const [error, setError] = createSignal<string | null>(null);
  const set = (k: keyof ReturnType<typeof f>) => (v: string) => setF({ ...f(), [k]: v });
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      await api('/medical/qc/materials', { method: 'POST', body: { ...f(), level: Number(f().level) } });
      notify(t('qc.materialAdded'));
      setF({ test: '', name: '', lot: '', level: '1', mean: '', sd: '' });
      props.onAdded();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <Card title={t('qc.addMaterial')}>
      <form class="form-grid" onSubmit={submit}>
        <Field label={t('qc.test')} name="test" required value={f().test} onChange={set('test')} />
        <Field label={t('qc.name')} name="name" required value={f().name} onChange={set('name')} />
        <Field label={t('qc.lot')} name="lot" required value={f().lot} onChange={set('lot')} />
        <Field
          label={t('qc.level')}
          name="level"
          inputmode="numeric"
          required
          value={f().level}
          onChange={set('level')}
        />
        <Field label={t('qc.mean')} name="mean" inputmode="decimal" required value={f().mean} onChange={set('mean')} />
        <Field label={t('qc.sd')} name="sd" inputmode="decimal" required value={f().sd} onChange={set('sd')} />
        <div class="form-actions">
          <Button type="submit" variant="primary">
            {t('qc.addMaterial')}
          </Button>
        </div>
      </form>
      <ErrorText text={error()} />
    </Card>
  );
}
