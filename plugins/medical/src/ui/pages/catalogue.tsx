import {
  ApiError,
  AsyncTable,
  Button,
  Card,
  EmptyState,
  Field,
  FormError,
  Modal,
  notify,
  PageHeader,
  SelectField,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { createResource, createSignal, For, Show } from 'solid-js';
import type { Test } from '../types.ts';
import { pick, useT } from '../ui.tsx';

const YEAR = 365.25;

/** The catalogue: every analyte with its unit, LOINC, ranges by sex and age (with their sources). */
export default function Catalogue() {
  const t = useT();
  const i18n = useI18n();
  const { api, can } = useTenant();
  const [open, setOpen] = createSignal(false);
  const [tests, { refetch }] = createResource(async () => (await api<{ tests: Test[] }>('/medical/tests')).tests);
  const years = (d: number | null) => (d === null ? null : Math.round(d / YEAR));
  const band = (r: Test['referenceRanges'][number]) => {
    const from = years(r.ageFromDays);
    const to = years(r.ageToDays);
    const sex = r.sex ? t(`sex.${r.sex}`) : t('catalogue.allSexes');
    const age =
      to !== null ? t('catalogue.years', { from: from ?? 0, to }) : from ? t('catalogue.yearsFrom', { from }) : '';
    const lim = `${r.low === null ? '' : i18n.number(r.low)}–${r.high === null ? '' : i18n.number(r.high)}`;
    return `${sex}${age ? `, ${age}` : ''}: ${lim}`;
  };
  return (
    <div class="page">
      <PageHeader
        title={t('catalogue.title')}
        description={t('catalogue.subtitle')}
        actions={
          <Show when={can('medical.catalogue')}>
            <Button variant="primary" onClick={() => setOpen(true)}>
              {t('catalogue.add')}
            </Button>
          </Show>
        }
      />
      <Card padded={false}>
        <AsyncTable
          resource={tests}
          refetch={refetch}
          caption={t('catalogue.title')}
          rowKey={(x) => x.id}
          empty={<EmptyState title={t('catalogue.title')} />}
          columns={[
            { header: t('catalogue.code'), cell: (x) => <span class="mono cell-primary">{x.code}</span> },
            { header: t('catalogue.name'), cell: (x) => pick(x.name, i18n.locale()) },
            { header: t('catalogue.unitShort'), cell: (x) => x.unit },
            { header: t('catalogue.loinc'), hideOnMobile: true, cell: (x) => x.loinc ?? t('common.none') },
            {
              header: t('catalogue.ranges'),
              hideOnMobile: true,
              cell: (x) => (
                <ul class="med-ranges">
                  <For each={x.referenceRanges}>{(r) => <li title={r.source ?? ''}>{band(r)}</li>}</For>
                  <Show when={x.formula}>
                    <li>
                      {t('catalogue.formula')}: <span class="mono">{x.formula}</span>
                    </li>
                  </Show>
                </ul>
              ),
            },
            {
              header: t('catalogue.critical'),
              hideOnMobile: true,
              cell: (x) =>
                x.criticalLow || x.criticalHigh
                  ? `${x.criticalLow ? `≤ ${i18n.number(x.criticalLow)}` : ''} ${x.criticalHigh ? `≥ ${i18n.number(x.criticalHigh)}` : ''}`
                  : t('common.none'),
            },
          ]}
        />
      </Card>
      <Modal open={open()} onOpenChange={setOpen} title={t('catalogue.add')}>
        <NewTest
          onCreated={(x) => {
            setOpen(false);
            notify(t('catalogue.added', { code: x.code }));
            refetch();
          }}
        />
      </Modal>
    </div>
  );
}

function NewTest(props: { onCreated: (t: Test) => void }) {
  const t = useT();
  const { api } = useTenant();
  const [v, setV] = createSignal({
    code: '',
    nameEn: '',
    nameCs: '',
    unit: '',
    loinc: '',
    specimenType: 'serum',
    container: '',
    discipline: 'biochemistry',
    decimals: '1',
    low: '',
    high: '',
    criticalLow: '',
    criticalHigh: '',
  });
  const [error, setError] = createSignal<ApiError | null>(null);
  const [busy, setBusy] = createSignal(false);
  const set = (k: keyof ReturnType<typeof v>) => (value: string) => setV({ ...v(), [k]: value });
  const opt = (s: string) => (s.trim() ? s.trim() : undefined);
  const save = async (e: Event) => {
    e.preventDefault();
    const x = v();
    setBusy(true);
    setError(null);
    try {
      const range = opt(x.low) || opt(x.high) ? [{ low: opt(x.low), high: opt(x.high) }] : [];
      const body = {
        code: x.code.trim(),
        name: { en: x.nameEn.trim(), cs: x.nameCs.trim() || x.nameEn.trim() },
        unit: x.unit.trim(),
        loinc: opt(x.loinc),
        specimenType: x.specimenType,
        container: opt(x.container),
        discipline: x.discipline,
        decimals: Number(x.decimals),
        referenceRanges: range,
        criticalLow: opt(x.criticalLow),
        criticalHigh: opt(x.criticalHigh),
      };
      props.onCreated(await api<Test>('/medical/tests', { method: 'POST', body }));
    } catch (err) {
      setError(err instanceof ApiError ? err : null);
    } finally {
      setBusy(false);
    }
  };
  const err = (k: string) => error()?.field(k);
  return (
    <form class="form form-grid med-dialog-form" onSubmit={save}>
      <Field
        label={t('catalogue.code')}
        name="code"
        value={v().code}
        onChange={set('code')}
        error={err('code')}
        required
      />
      <Field
        label={t('catalogue.nameEn')}
        name="nameEn"
        value={v().nameEn}
        onChange={set('nameEn')}
        error={err('name.en')}
        required
      />
      <Field
        label={t('catalogue.nameCs')}
        name="nameCs"
        value={v().nameCs}
        onChange={set('nameCs')}
        error={err('name.cs')}
      />
      <Field
        label={t('catalogue.unit')}
        name="unit"
        value={v().unit}
        onChange={set('unit')}
        error={err('unit')}
        required
      />
      <Field label={t('catalogue.loinc')} name="loinc" value={v().loinc} onChange={set('loinc')} error={err('loinc')} />
      <SelectField
        label={t('catalogue.specimen')}
        name="specimenType"
        value={v().specimenType}
        onChange={set('specimenType')}
        options={(['serum', 'plasma', 'blood', 'urine'] as const).map((s) => ({ value: s, label: t(`specimen.${s}`) }))}
      />
      <Field label={t('catalogue.container')} name="container" value={v().container} onChange={set('container')} />
      <SelectField
        label={t('catalogue.discipline')}
        name="discipline"
        value={v().discipline}
        onChange={set('discipline')}
        options={(['biochemistry', 'haematology', 'immunology'] as const).map((s) => ({
          value: s,
          label: t(`discipline.${s}`),
        }))}
      />
      <Field
        label={t('catalogue.decimals')}
        name="decimals"
        value={v().decimals}
        onChange={set('decimals')}
        inputmode="numeric"
        error={err('decimals')}
      />
      <Field
        label={t('catalogue.low')}
        name="low"
        value={v().low}
        onChange={set('low')}
        inputmode="decimal"
        error={err('referenceRanges.0.low')}
      />
      <Field
        label={t('catalogue.high')}
        name="high"
        value={v().high}
        onChange={set('high')}
        inputmode="decimal"
        error={err('referenceRanges.0.high')}
      />
      <Field
        label={t('catalogue.criticalLow')}
        name="criticalLow"
        value={v().criticalLow}
        onChange={set('criticalLow')}
        inputmode="decimal"
        error={err('criticalLow')}
      />
      <Field
        label={t('catalogue.criticalHigh')}
        name="criticalHigh"
        value={v().criticalHigh}
        onChange={set('criticalHigh')}
        inputmode="decimal"
        error={err('criticalHigh')}
      />
      <FormError error={error()} />
      <div class="form-actions">
        <Button type="submit" variant="primary" loading={busy()}>
          {t('common.save')}
        </Button>
      </div>
    </form>
  );
}
