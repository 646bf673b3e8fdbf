import {
  ApiError,
  Button,
  Card,
  DateInput,
  Field,
  FormError,
  notify,
  PageHeader,
  PartyPicker,
  PrintLabels,
  SelectField,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import type { CreatedOrder, Panel, Patient, Test } from '../types.ts';
import { pick, useBase, useT } from '../ui.tsx';

/**
 * Order entry: find or register the patient, tick panels and tests, set the priority; placing the
 * order shows its specimens with a button that prints their barcode labels.
 */
export default function OrderForm() {
  const t = useT();
  const i18n = useI18n();
  const base = useBase();
  const { api, can } = useTenant();
  const [query, setQuery] = createSignal('');
  const [patient, setPatient] = createSignal<Patient | null>(null);
  const [creating, setCreating] = createSignal(false);
  const [chosen, setChosen] = createSignal<string[]>([]);
  const [priority, setPriority] = createSignal('routine');
  const [note, setNote] = createSignal('');
  const [clinician, setClinician] = createSignal('');
  const [clinicName, setClinicName] = createSignal('');
  const [clinic, setClinic] = createSignal<{ id: string; name: string } | null>(null);
  const [error, setError] = createSignal<ApiError | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [created, setCreated] = createSignal<CreatedOrder | null>(null);

  const [catalogue] = createResource(async () => {
    const [tests, panels] = await Promise.all([
      api<{ tests: Test[] }>('/medical/tests'),
      api<{ panels: Panel[] }>('/medical/panels'),
    ]);
    return { tests: tests.tests.filter((x) => x.active), panels: panels.panels };
  });
  const [found] = createResource(query, async (q) =>
    q.trim().length < 2
      ? []
      : (await api<{ patients: Patient[] }>('/medical/patients', { query: { q, limit: 10 } })).patients,
  );

  const toggle = (code: string) =>
    setChosen((list) => (list.includes(code) ? list.filter((c) => c !== code) : [...list, code]));

  const submit = async (e: Event) => {
    e.preventDefault();
    const p = patient();
    if (!p) return;
    setBusy(true);
    setError(null);
    try {
      const order = await api<CreatedOrder>('/medical/orders', {
        method: 'POST',
        body: {
          patientId: p.id,
          tests: chosen(),
          priority: priority(),
          ...(note().trim() ? { clinicalNote: note() } : {}),
          ...(clinician().trim() ? { clinician: clinician() } : {}),
          ...(clinic() ? { clinicPartyId: clinic()?.id } : clinicName().trim() ? { clinicName: clinicName() } : {}),
        },
      });
      setCreated(order);
      notify(t('order.created', { number: order.number }));
    } catch (err) {
      setError(err instanceof ApiError ? err : null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="page">
      <PageHeader title={t('orders.new')} />
      <Show
        when={created()}
        fallback={
          <form class="form stack" onSubmit={submit}>
            <Card title={t('order.patient')}>
              <Show
                when={patient()}
                fallback={
                  <div class="stack">
                    <Field
                      label={t('order.findPatient')}
                      name="patient-search"
                      type="search"
                      value={query()}
                      onChange={setQuery}
                    />
                    <ul class="plain-list">
                      <For each={found() ?? []}>
                        {(p) => (
                          <li>
                            <button type="button" class="btn btn-ghost" onClick={() => setPatient(p)}>
                              {p.lastName} {p.firstName} · {i18n.date(p.birthDate)}
                            </button>
                          </li>
                        )}
                      </For>
                    </ul>
                    <Show
                      when={creating()}
                      fallback={<Button onClick={() => setCreating(true)}>{t('order.newPatient')}</Button>}
                    >
                      <NewPatient onCreated={setPatient} />
                    </Show>
                  </div>
                }
              >
                {(p) => (
                  <p>
                    <strong>
                      {p().lastName} {p().firstName}
                    </strong>{' '}
                    · {i18n.date(p().birthDate)} · {t(`sex.${p().sex}`)}{' '}
                    <button
                      type="button"
                      class="btn btn-ghost btn-sm"
                      aria-label={t('order.changePatient')}
                      onClick={() => setPatient(null)}
                    >
                      <span aria-hidden="true">×</span>
                    </button>
                  </p>
                )}
              </Show>
            </Card>
            <Card title={t('order.tests')}>
              <Show when={catalogue()}>
                {(c) => (
                  <div class="stack">
                    <fieldset class="med-chips">
                      <legend class="sr-only">{t('catalogue.panels')}</legend>
                      <For each={c().panels}>
                        {(p) => (
                          <button
                            type="button"
                            class="med-chip"
                            aria-pressed={chosen().includes(p.code)}
                            onClick={() => toggle(p.code)}
                          >
                            {pick(p.name, i18n.locale())}
                          </button>
                        )}
                      </For>
                    </fieldset>
                    <fieldset class="med-chips">
                      <legend class="sr-only">{t('order.tests')}</legend>
                      <For each={c().tests}>
                        {(x) => (
                          <button
                            type="button"
                            class="med-chip"
                            aria-pressed={chosen().includes(x.code)}
                            title={pick(x.name, i18n.locale())}
                            onClick={() => toggle(x.code)}
                          >
                            {x.code}
                          </button>
                        )}
                      </For>
                    </fieldset>
                    <Show when={chosen().length > 0}>
                      <p class="muted">{t('order.chosen', { list: chosen().join(', ') })}</p>
                    </Show>
                  </div>
                )}
              </Show>
            </Card>
            <Card>
              <div class="form-grid">
                <SelectField
                  label={t('orders.priority')}
                  name="priority"
                  value={priority()}
                  onChange={setPriority}
                  options={(['routine', 'urgent', 'stat'] as const).map((p) => ({
                    value: p,
                    label: t(`priority.${p}`),
                  }))}
                />
                <Show when={can('tenant.parties.read')}>
                  {/* biome-ignore lint/a11y/useValidAriaRole: the picker's role is an address-book role, not ARIA */}
                  <PartyPicker
                    label={t('order.clinicParty')}
                    description={t('order.clinicPartyHint')}
                    role="clinic"
                    value={clinic()}
                    error={error()?.field('clinicPartyId')}
                    onChange={(p) => setClinic(p ? { id: p.id, name: p.name } : null)}
                  />
                </Show>
                <Show when={!clinic()}>
                  <Field
                    label={t(can('tenant.parties.read') ? 'order.clinicNew' : 'order.clinicName')}
                    name="clinicName"
                    value={clinicName()}
                    onChange={setClinicName}
                    error={error()?.field('clinicName')}
                  />
                </Show>
                <Field label={t('order.clinician')} name="clinician" value={clinician()} onChange={setClinician} />
                <Field label={t('order.note')} name="note" value={note()} onChange={setNote} multiline />
              </div>
              <FormError error={error()} />
              <div class="form-actions">
                <Button type="submit" variant="primary" loading={busy()} disabled={!patient() || chosen().length === 0}>
                  {t('order.submit')}
                </Button>
              </div>
            </Card>
          </form>
        }
      >
        {(order) => (
          <Card title={t('order.created', { number: order().number })}>
            <ul class="plain-list">
              <For each={order().specimens}>
                {(s) => (
                  <li>
                    <span class="mono">{s.barcode}</span> · {s.container ?? s.specimenType} · {s.tests.join(', ')}
                  </li>
                )}
              </For>
            </ul>
            <div class="form-actions">
              <PrintLabels
                variant="primary"
                items={order().specimens.map((s) => ({
                  code: s.barcode,
                  title: `${patient()?.lastName ?? ''} ${patient()?.firstName ?? ''}`.trim(),
                  subtitle: `${s.container ?? s.specimenType} · ${s.tests.join(' ')}`.slice(0, 80),
                }))}
              >
                {t('order.labels')}
              </PrintLabels>
              <A class="btn btn-secondary btn-sm" href={`${base()}/orders/${order().id}`}>
                {t('order.open', { number: order().number })}
              </A>
            </div>
          </Card>
        )}
      </Show>
    </div>
  );
}

function NewPatient(props: { onCreated: (p: Patient) => void }) {
  const t = useT();
  const { api } = useTenant();
  const [v, setV] = createSignal({
    firstName: '',
    lastName: '',
    birthDate: '',
    sex: 'female',
    birthNumber: '',
    insurer: '',
  });
  const [error, setError] = createSignal<ApiError | null>(null);
  const [busy, setBusy] = createSignal(false);
  const set = (k: keyof ReturnType<typeof v>) => (value: string) => setV({ ...v(), [k]: value });
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const body = Object.fromEntries(Object.entries(v()).filter(([, x]) => x.trim() !== ''));
      props.onCreated(await api<Patient>('/medical/patients', { method: 'POST', body }));
    } catch (err) {
      setError(err instanceof ApiError ? err : null);
    } finally {
      setBusy(false);
    }
  };
  const err = (k: string) => error()?.field(k);
  return (
    <div class="form-grid">
      <Field
        label={t('patient.firstName')}
        name="firstName"
        value={v().firstName}
        onChange={set('firstName')}
        error={err('firstName')}
      />
      <Field
        label={t('patient.lastName')}
        name="lastName"
        value={v().lastName}
        onChange={set('lastName')}
        error={err('lastName')}
      />
      <DateInput
        label={t('patient.birthDate')}
        name="birthDate"
        value={v().birthDate}
        onChange={set('birthDate')}
        error={err('birthDate')}
      />
      <SelectField
        label={t('patient.sex')}
        name="sex"
        value={v().sex}
        onChange={set('sex')}
        options={(['female', 'male', 'other', 'unknown'] as const).map((s) => ({ value: s, label: t(`sex.${s}`) }))}
      />
      <Field
        label={t('patient.birthNumber')}
        name="birthNumber"
        value={v().birthNumber}
        onChange={set('birthNumber')}
        error={err('birthNumber')}
      />
      <Field
        label={t('patient.insurer')}
        name="insurer"
        value={v().insurer}
        onChange={set('insurer')}
        error={err('insurer')}
        inputmode="numeric"
      />
      <FormError error={error()} />
      <div class="form-actions">
        <Button variant="primary" loading={busy()} onClick={save}>
          {t('patient.create')}
        </Button>
      </div>
    </div>
  );
}
