import {
  apiFetch,
  Badge,
  Button,
  Card,
  DataTable,
  DateText,
  EmptyState,
  notify,
  PageHeader,
  Toggle,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { createResource, createSignal, For, Show } from 'solid-js';
import type { QueueItem, SpecimenView } from '../types.ts';
import { ErrorText, FlagBadge, pick, useT } from '../ui.tsx';

interface Clinic {
  tenant: { id: string; slug: string; name: string };
  summary: Record<string, Record<string, unknown>>;
}

interface ClinicQueue {
  clinic: Clinic;
  results: QueueItem[];
  specimens: SpecimenView[];
  failed: boolean;
}

type Row<T> = T & { clinic: Clinic };

const PRIORITY = { stat: 0, urgent: 1, routine: 2 } as const;
const critical = (r: QueueItem) => r.flag === 'HH' || r.flag === 'LL';

/** Every page of the provider console's clients engaged for the lab. */
async function clinicsOf(provider: string): Promise<Clinic[]> {
  const out: Clinic[] = [];
  let cursor: string | undefined;
  do {
    const page = await apiFetch<{ clients: Clinic[]; next: string | null }>(
      `/api/providers/${encodeURIComponent(provider)}/clients`,
      { query: { module: 'medical', limit: 100, cursor } },
    );
    out.push(...page.clients);
    cursor = page.next ?? undefined;
  } while (cursor);
  return out;
}

/** Runs `fn` over `items`, at most `limit` at a time (a provider may serve many clinics). */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * A lab provider's work across the clinics that engaged it for the lab: each clinic's open figures,
 * the results awaiting release (critical first, then STAT) and the tubes awaiting receipt. Every
 * list is read from the clinic's own tenant through the engagement, so the clinic's audit log
 * records each read and the clinic's local rules decide each release.
 */
export default function Clinics() {
  const t = useT();
  const i18n = useI18n();
  const { tenant } = useTenant();
  const [criticalOnly, setCriticalOnly] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal<string | null>(null);
  const [queues, { refetch }] = createResource(
    () => tenant().slug,
    async (slug) => {
      let clinics: Clinic[];
      try {
        clinics = await clinicsOf(slug);
      } catch {
        // Not a provider, or no right to its console: no clinics to show.
        return [];
      }
      return mapLimit(clinics, 4, async (clinic): Promise<ClinicQueue> => {
        const base = `/api/t/${encodeURIComponent(clinic.tenant.slug)}/medical`;
        try {
          const [results, specimens] = await Promise.all([
            apiFetch<{ results: QueueItem[] }>(`${base}/results`, { query: { status: 'entered', limit: 500 } }),
            apiFetch<{ specimens: SpecimenView[] }>(`${base}/specimens`, {
              query: { status: 'collected', limit: 500 },
            }),
          ]);
          return { clinic, results: results.results, specimens: specimens.specimens, failed: false };
        } catch {
          return { clinic, results: [], specimens: [], failed: true };
        }
      });
    },
  );

  const results = (): Row<QueueItem>[] =>
    (queues() ?? [])
      .flatMap((q) => q.results.map((r) => ({ ...r, clinic: q.clinic })))
      .filter((r) => !criticalOnly() || critical(r))
      .sort(
        (a, b) =>
          Number(critical(b)) - Number(critical(a)) ||
          PRIORITY[a.priority] - PRIORITY[b.priority] ||
          a.enteredAt.localeCompare(b.enteredAt),
      );
  const specimens = (): Row<SpecimenView>[] =>
    (queues() ?? []).flatMap((q) => q.specimens.map((s) => ({ ...s, clinic: q.clinic })));
  const figure = (q: ClinicQueue, key: string) => Number(q.clinic.summary.medical?.[key] ?? 0);
  const clinicBase = (c: Clinic) => `/t/${c.tenant.slug}/medical`;

  const release = async (r: Row<QueueItem>) => {
    setBusy(r.id);
    setError(null);
    try {
      await apiFetch(`/api/t/${encodeURIComponent(r.clinic.tenant.slug)}/medical/results/${r.id}/release`, {
        method: 'POST',
        body: {},
      });
      notify(t('release.released', { test: r.test }));
      refetch();
    } catch (e) {
      setError(`${r.clinic.tenant.name} · ${r.barcode} ${r.test}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div class="page">
      <PageHeader title={t('clinics.title')} description={t('clinics.subtitle')} />
      <Show when={queues.state === 'ready' && (queues() ?? []).length === 0}>
        <Card>
          <EmptyState title={t('clinics.none')} description={t('clinics.noneText')} />
        </Card>
      </Show>
      <Show when={(queues() ?? []).length > 0}>
        <Card title={t('clinics.figures')} padded={false}>
          <DataTable<ClinicQueue>
            rows={queues() ?? []}
            rowKey={(q) => q.clinic.tenant.id}
            caption={t('clinics.figures')}
            columns={[
              {
                header: t('clinics.clinic'),
                cell: (q) => (
                  <span class="stack">
                    <a class="cell-primary" href={`${clinicBase(q.clinic)}/release`}>
                      {q.clinic.tenant.name}
                    </a>
                    <Show when={q.failed}>
                      <Badge tone="danger">{t('clinics.unavailable')}</Badge>
                    </Show>
                  </span>
                ),
              },
              {
                header: t('clinics.awaitingReceipt'),
                align: 'end',
                cell: (q) => figure(q, 'specimensAwaitingReceipt'),
              },
              { header: t('clinics.awaitingRelease'), align: 'end', cell: (q) => figure(q, 'resultsAwaitingRelease') },
              {
                header: t('clinics.criticalOpen'),
                align: 'end',
                cell: (q) =>
                  figure(q, 'criticalOpen') ? (
                    <Badge tone="danger">{figure(q, 'criticalOpen')}</Badge>
                  ) : (
                    figure(q, 'criticalOpen')
                  ),
              },
              {
                header: t('clinics.tatBreaches'),
                align: 'end',
                hideOnMobile: true,
                cell: (q) =>
                  figure(q, 'tatBreaches') ? (
                    <Badge tone="warning">{figure(q, 'tatBreaches')}</Badge>
                  ) : (
                    figure(q, 'tatBreaches')
                  ),
              },
            ]}
          />
        </Card>
        <Card title={t('clinics.release')}>
          <Toggle label={t('release.criticalOnly')} checked={criticalOnly()} onChange={setCriticalOnly} />
          <ErrorText text={error()} />
        </Card>
        <Card padded={false}>
          <Show when={results().length > 0} fallback={<EmptyState title={t('release.empty')} />}>
            <DataTable<Row<QueueItem>>
              rows={results()}
              rowKey={(r) => `${r.clinic.tenant.id}:${r.id}`}
              caption={t('clinics.release')}
              columns={[
                {
                  header: t('clinics.clinic'),
                  cell: (r) => (
                    <span class="stack">
                      <span>{r.clinic.tenant.name}</span>
                      <a class="mono" href={`${clinicBase(r.clinic)}/orders/${r.orderId}`}>
                        {r.orderNumber}
                      </a>
                      <Show when={r.priority !== 'routine'}>
                        <Badge tone={r.priority === 'stat' ? 'danger' : 'warning'}>{t(`priority.${r.priority}`)}</Badge>
                      </Show>
                    </span>
                  ),
                },
                {
                  header: t('catalogue.name'),
                  cell: (r) => <span title={r.test}>{pick(r.testName, i18n.locale())}</span>,
                },
                {
                  header: t('nav.results'),
                  align: 'end',
                  cell: (r) => (
                    <span class="med-value">
                      {r.value === null ? (r.valueText ?? '') : i18n.number(r.value)} {r.unit}{' '}
                      <FlagBadge flag={r.flag} />
                    </span>
                  ),
                },
                {
                  header: t('release.entered'),
                  hideOnMobile: true,
                  cell: (r) => <DateText value={r.enteredAt} time />,
                },
                {
                  header: '',
                  align: 'end',
                  cell: (r) => (
                    <Show
                      when={!critical(r) || r.callbackAt}
                      fallback={
                        <a class="btn btn-secondary btn-sm" href={`${clinicBase(r.clinic)}/release`}>
                          {t('release.callback')}
                        </a>
                      }
                    >
                      <Button
                        size="sm"
                        variant="primary"
                        loading={busy() === r.id}
                        disabled={r.qcRejected}
                        onClick={() => void release(r)}
                        aria-label={`${t('release.release')} ${r.clinic.tenant.name} ${r.barcode} ${r.test}`}
                      >
                        {t('release.release')}
                      </Button>
                    </Show>
                  ),
                },
              ]}
            />
          </Show>
        </Card>
        <Card title={t('reception.waiting')} padded={false}>
          <Show when={specimens().length > 0} fallback={<EmptyState title={t('reception.none')} />}>
            <DataTable<Row<SpecimenView>>
              rows={specimens()}
              rowKey={(s) => `${s.clinic.tenant.id}:${s.id}`}
              caption={t('reception.waiting')}
              columns={[
                { header: t('clinics.clinic'), cell: (s) => s.clinic.tenant.name },
                {
                  header: t('reception.scan'),
                  cell: (s) => (
                    <a class="mono" href={`${clinicBase(s.clinic)}/orders/${s.orderId}`}>
                      {s.barcode}
                    </a>
                  ),
                },
                {
                  header: t('order.tests'),
                  hideOnMobile: true,
                  cell: (s) => <For each={s.tests}>{(code, i) => `${i() ? ', ' : ''}${code}`}</For>,
                },
              ]}
            />
          </Show>
        </Card>
      </Show>
    </div>
  );
}
