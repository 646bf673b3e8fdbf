import {
  AsyncTable,
  Badge,
  Button,
  Card,
  DateText,
  EmptyState,
  Field,
  notify,
  PageHeader,
  useTenant,
} from '@bureau/core/ui';
import { A, useNavigate } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import type { Worksheet } from '../types.ts';
import { ErrorText, useBase, useT } from '../ui.tsx';

/** Worksheets (analytical runs per instrument): open a new one, or continue one. */
export default function Worksheets() {
  const t = useT();
  const base = useBase();
  const navigate = useNavigate();
  const { api } = useTenant();
  const [instrument, setInstrument] = createSignal('');
  const [discipline, setDiscipline] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [list, { refetch }] = createResource(
    async () => (await api<{ worksheets: Worksheet[] }>('/medical/worksheets')).worksheets,
  );
  const create = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const ws = await api<Worksheet>('/medical/worksheets', {
        method: 'POST',
        body: { instrument: instrument().trim(), ...(discipline().trim() ? { discipline: discipline().trim() } : {}) },
      });
      notify(t('ws.created', { number: ws.number }));
      navigate(`${base()}/worksheets/${ws.id}`);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="page">
      <PageHeader title={t('ws.title')} description={t('ws.subtitle')} />
      <Card title={t('ws.create')}>
        <form class="form-grid" onSubmit={create}>
          <Field label={t('ws.instrument')} name="instrument" required value={instrument()} onChange={setInstrument} />
          <Field label={t('ws.discipline')} name="discipline" value={discipline()} onChange={setDiscipline} />
          <div class="form-actions">
            <Button type="submit" variant="primary" loading={busy()} disabled={!instrument().trim()}>
              {t('ws.create')}
            </Button>
          </div>
        </form>
        <ErrorText text={error()} />
      </Card>
      <Card padded={false}>
        <AsyncTable
          resource={list}
          refetch={refetch}
          caption={t('ws.title')}
          rowKey={(w) => w.id}
          empty={<EmptyState title={t('ws.empty')} />}
          columns={[
            {
              header: t('ws.number'),
              cell: (w) => (
                <A class="mono cell-primary" href={`${base()}/worksheets/${w.id}`}>
                  {w.number}
                </A>
              ),
            },
            { header: t('ws.instrument'), cell: (w) => w.instrument },
            { header: t('ws.discipline'), hideOnMobile: true, cell: (w) => w.discipline ?? t('common.none') },
            { header: t('orders.orderedAt'), hideOnMobile: true, cell: (w) => <DateText value={w.createdAt} /> },
            {
              header: t('ws.results'),
              align: 'end',
              cell: (w) => (
                <>
                  {w.results}{' '}
                  <Show when={w.qcRejected}>
                    <Badge tone="danger">{t('ws.qcRejected')}</Badge>
                  </Show>
                </>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
