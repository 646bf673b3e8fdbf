import { AsyncTable, Card, DateText, EmptyState, Field, PageHeader, useTenant } from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { createResource, createSignal } from 'solid-js';
import type { Patient } from '../types.ts';
import { useBase, useT } from '../ui.tsx';

/** Patients by name or birth number; each listing is recorded in the audit log (health data). */
export default function Patients() {
  const t = useT();
  const base = useBase();
  const { api } = useTenant();
  const [q, setQ] = createSignal('');
  // The source is an object: Solid skips the fetch for a falsy source, and '' (no query) lists everyone.
  const [patients, { refetch }] = createResource(
    () => ({ q: q() }),
    async ({ q: query }) =>
      (await api<{ patients: Patient[] }>('/medical/patients', { query: { q: query.trim() || undefined } })).patients,
  );
  return (
    <div class="page">
      <PageHeader
        title={t('patients.title')}
        description={t('patients.subtitle')}
        actions={
          <A class="btn btn-primary" href={`${base()}/orders/new`}>
            {t('orders.new')}
          </A>
        }
      />
      <Card>
        <Field label={t('order.findPatient')} name="q" type="search" value={q()} onChange={setQ} />
      </Card>
      <Card padded={false}>
        <AsyncTable
          resource={patients}
          refetch={refetch}
          caption={t('patients.title')}
          rowKey={(p) => p.id}
          empty={<EmptyState title={t('patients.empty')} />}
          columns={[
            {
              header: t('patient.lastName'),
              cell: (p) => (
                <A class="cell-primary" href={`${base()}/patients/${p.id}`}>
                  {p.lastName}
                </A>
              ),
            },
            { header: t('patient.firstName'), cell: (p) => p.firstName },
            { header: t('patient.birthDate'), cell: (p) => <DateText value={p.birthDate} /> },
            { header: t('patient.sex'), hideOnMobile: true, cell: (p) => t(`sex.${p.sex}`) },
            { header: t('patient.birthNumber'), hideOnMobile: true, cell: (p) => p.birthNumber ?? t('common.none') },
          ]}
        />
      </Card>
    </div>
  );
}
