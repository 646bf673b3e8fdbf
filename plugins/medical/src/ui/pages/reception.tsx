import { AsyncTable, Card, EmptyState, Field, PageHeader, ScanInput, useTenant } from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import type { SpecimenView } from '../types.ts';
import { useBase, useT } from '../ui.tsx';

/**
 * Reception: scan a tube (a keyboard-wedge scanner types the barcode and Enter) and it is received
 * at the chosen location; the list shows what is still waiting.
 */
export default function Reception() {
  const t = useT();
  const base = useBase();
  const { api } = useTenant();
  const [location, setLocation] = createSignal('');
  const [message, setMessage] = createSignal<{ tone: 'success' | 'danger'; text: string } | null>(null);
  const [waiting, { refetch }] = createResource(
    async () =>
      (await api<{ specimens: SpecimenView[] }>('/medical/specimens', { query: { status: 'collected' } })).specimens,
  );

  const receive = async (raw: string) => {
    const code = raw.trim().toUpperCase();
    if (!code) return;
    const found = (await api<{ specimens: SpecimenView[] }>('/medical/specimens', { query: { barcode: code } }))
      .specimens;
    const specimen = found[0];
    if (!specimen) {
      setMessage({ tone: 'danger', text: t('reception.notFound', { code }) });
      return;
    }
    try {
      await api(`/medical/specimens/${specimen.id}/receive`, {
        method: 'POST',
        body: location().trim() ? { location: location().trim() } : {},
      });
      // The status line below the scanner says it (and is announced); no toast repeating it.
      setMessage({ tone: 'success', text: t('reception.received', { code }) });
      refetch();
    } catch (e) {
      setMessage({ tone: 'danger', text: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <div class="page">
      <PageHeader title={t('reception.title')} description={t('reception.subtitle')} />
      <Card>
        <div class="form-grid">
          <ScanInput label={t('reception.scan')} name="barcode" autofocus onScan={receive} onSubmit={receive} />
          <Field label={t('reception.location')} name="location" value={location()} onChange={setLocation} />
        </div>
        <Show when={message()}>
          {(msg) => (
            <p class={`alert alert-${msg().tone}`} role="status">
              {msg().text}
            </p>
          )}
        </Show>
      </Card>
      <Card title={t('reception.waiting')} padded={false}>
        <AsyncTable
          resource={waiting}
          refetch={refetch}
          caption={t('reception.waiting')}
          rowKey={(s) => s.id}
          empty={<EmptyState title={t('reception.none')} />}
          columns={[
            {
              header: t('reception.scan'),
              cell: (s) => (
                <A class="mono" href={`${base()}/orders/${s.orderId}`}>
                  {s.barcode}
                </A>
              ),
            },
            { header: t('catalogue.container'), cell: (s) => s.container ?? s.specimenType },
            { header: t('order.tests'), hideOnMobile: true, cell: (s) => s.tests.join(', ') },
          ]}
        />
      </Card>
    </div>
  );
}
