import {
  Async,
  Button,
  Card,
  ConfirmDialog,
  DataTable,
  DateText,
  EmptyState,
  notify,
  PageHeader,
  StackedCell,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { A, useParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { client } from '../../api/client.ts';
import { subjectText } from './format.ts';
import { useRecordsT } from './messages.ts';
import { RequestState } from './requests.tsx';

type Plan = Awaited<ReturnType<typeof loadPlan>>;
type PlanItem = Plan['erase'][number];
type KeepReason =
  | { kind: 'retention'; recordClass: string; keepUntil: string | null; sources: string[] }
  | { kind: 'hold'; holdId: string; reason: string };

const loadPlan = async (p: { tenant: string; id: string }) =>
  unwrap(client.api.t[':tenant'].records.requests[':id'].erasure.$get({ param: p }));

const itemKey = (i: { recordClass: string; id: string }) => `${i.recordClass}\n${i.id}`;

/** One data-subject request: the export, what an erasure would remove and keep (and why), erase, close. */
export default function SubjectRequestPage() {
  const t = useRecordsT();
  const i18n = useI18n();
  const params = useParams<{ id: string }>();
  const { tenant } = useTenant();
  const param = () => ({ tenant: tenant().slug, id: params.id });
  const [request, { refetch }] = createResource(param, async (p) =>
    unwrap(client.api.t[':tenant'].records.requests[':id'].$get({ param: p })),
  );
  const [plan, { refetch: refetchPlan }] = createResource(param, loadPlan);
  const [chosen, setChosen] = createSignal<ReadonlySet<string> | null>(null);
  const [confirm, setConfirm] = createSignal<'erase' | 'complete' | null>(null);
  const selected = () => chosen() ?? new Set((plan()?.erase ?? []).map(itemKey));
  const toggle = (key: string, on: boolean) => {
    const next = new Set(selected());
    if (on) next.add(key);
    else next.delete(key);
    setChosen(next);
  };
  const dataUrl = (format: 'json' | 'pdf') =>
    `/api/t/${encodeURIComponent(tenant().slug)}/records/requests/${encodeURIComponent(params.id)}/data?format=${format}`;
  const reasonText = (r: KeepReason) =>
    r.kind === 'hold'
      ? t('keptByHold', { reason: r.reason })
      : r.keepUntil
        ? t('keptByDuty', { date: i18n.date(r.keepUntil), sources: r.sources.join('; ') })
        : t('keptByDutyOpen', { sources: r.sources.join('; ') });

  return (
    <Async resource={request} refetch={refetch}>
      {(r) => (
        <div class="stack">
          <A href={`/t/${tenant().slug}/settings/records/requests`}>← {t('back')}</A>
          <PageHeader
            title={t('requestTitle', { kind: t(`kind_${r.kind}`), name: subjectText(r.subject) })}
            description={
              <>
                {t('receivedOn')} <DateText value={r.receivedOn} /> · {t('dueOn')} <DateText value={r.dueOn} />{' '}
                <RequestState request={r} />
              </>
            }
            actions={
              <>
                <a class="btn btn-secondary" href={dataUrl('json')} download="">
                  {t('exportJson')}
                </a>
                <a class="btn btn-secondary" href={dataUrl('pdf')} target="_blank" rel="noopener">
                  {t('exportPdf')}
                </a>
                <Show when={r.status === 'open'}>
                  <Button onClick={() => setConfirm('complete')}>{t('complete')}</Button>
                </Show>
              </>
            }
          />
          <Show when={r.note}>
            <p>{r.note}</p>
          </Show>
          <Show when={r.status === 'done' && r.outcome}>
            <Card title={t('outcome')}>
              <ul class="plain-list">
                <For each={(r.outcome?.erased ?? []) as { recordClass: string; count: number }[]}>
                  {(e) => <li>{t('erasedCount', { class: e.recordClass, count: e.count })}</li>}
                </For>
                <Show when={r.outcome?.note}>
                  <li>{String(r.outcome?.note)}</li>
                </Show>
              </ul>
            </Card>
          </Show>
          <Show when={r.status === 'open'}>
            <Async resource={plan} refetch={refetchPlan}>
              {(p) => (
                <>
                  <Show when={p.withheld.length > 0}>
                    <p class="alert alert-warning" role="note">
                      {t('withheld', { modules: p.withheldTitles.map((w) => w[i18n.locale()]).join(', ') })}
                    </p>
                  </Show>
                  <Card
                    title={t('willErase')}
                    actions={
                      <Show when={p.erase.length > 0}>
                        <Button variant="danger" disabled={selected().size === 0} onClick={() => setConfirm('erase')}>
                          {t('erase', { count: selected().size })}
                        </Button>
                      </Show>
                    }
                  >
                    <Show when={p.erase.length > 0} fallback={<EmptyState title={t('nothingToErase')} />}>
                      <DataTable
                        caption={t('willErase')}
                        rows={p.erase}
                        rowKey={itemKey}
                        columns={[
                          {
                            header: <span class="sr-only">{t('erase', { count: selected().size })}</span>,
                            cell: (i: PlanItem) => (
                              <input
                                type="checkbox"
                                aria-label={t('selectRecord', { label: i.label })}
                                checked={selected().has(itemKey(i))}
                                onChange={(e) => toggle(itemKey(i), e.currentTarget.checked)}
                              />
                            ),
                          },
                          {
                            header: t('record'),
                            cell: (i: PlanItem) => <StackedCell primary={i.label} secondary={i.recordClass} />,
                          },
                          { header: t('module'), cell: (i: PlanItem) => i.module, hideOnMobile: true },
                        ]}
                      />
                    </Show>
                  </Card>
                  <Show when={p.keep.length > 0}>
                    <Card title={t('willKeep')}>
                      <DataTable
                        caption={t('willKeep')}
                        rows={p.keep}
                        rowKey={itemKey}
                        columns={[
                          {
                            header: t('record'),
                            cell: (i) => <StackedCell primary={i.label} secondary={i.recordClass} />,
                          },
                          { header: t('reason'), cell: (i) => reasonText(i.reason as KeepReason) },
                        ]}
                      />
                    </Card>
                  </Show>
                </>
              )}
            </Async>
          </Show>
          <ConfirmDialog
            open={confirm() === 'erase'}
            onOpenChange={(o) => !o && setConfirm(null)}
            title={t('eraseTitle')}
            description={t('eraseText')}
            danger
            confirmLabel={t('erase', { count: selected().size })}
            onConfirm={async () => {
              const items = (plan()?.erase ?? [])
                .filter((i) => selected().has(itemKey(i)))
                .map((i) => ({ recordClass: i.recordClass, id: i.id }));
              await unwrap(
                client.api.t[':tenant'].records.requests[':id'].erase.$post({ param: param(), json: { items } }),
              );
              notify(t('erased'));
              refetch();
            }}
          />
          <ConfirmDialog
            open={confirm() === 'complete'}
            onOpenChange={(o) => !o && setConfirm(null)}
            title={t('completeTitle')}
            description={t('completeText')}
            confirmLabel={t('complete')}
            onConfirm={async () => {
              await unwrap(
                client.api.t[':tenant'].records.requests[':id'].complete.$post({ param: param(), json: {} }),
              );
              notify(t('completed'));
              refetch();
            }}
          />
        </div>
      )}
    </Async>
  );
}
