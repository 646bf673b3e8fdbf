import {
  Async,
  AsyncTable,
  Badge,
  Button,
  Card,
  ConfirmDialog,
  DataTable,
  DateText,
  EmptyState,
  notify,
  StackedCell,
  type Tone,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { client } from '../../api/client.ts';
import { useRecordsT } from './messages.ts';

type Proposal = Awaited<ReturnType<typeof loadProposals>>[number];
type Approval = { recordClass: string } | { itemIds: string[] };

const loadProposals = async (tenant: string) =>
  (
    await unwrap(
      client.api.t[':tenant'].records.disposal.proposals.$get({ param: { tenant }, query: { status: 'proposed' } }),
    )
  ).items;

const RUN_TONE: Record<string, Tone> = { queued: 'neutral', running: 'info', done: 'success', failed: 'danger' };

/** Disposal review: proposals per class with approval per class or per record, and the runs with their log. */
export default function Disposal() {
  const t = useRecordsT();
  const i18n = useI18n();
  const { tenant, can } = useTenant();
  const [proposals, { refetch }] = createResource(() => tenant().slug, loadProposals);
  const [schedule] = createResource(
    () => tenant().slug,
    async (slug) => unwrap(client.api.t[':tenant'].records.schedule.$get({ param: { tenant: slug } })),
  );
  const [runs, { refetch: refetchRuns }] = createResource(
    () => tenant().slug,
    async (slug) =>
      (await unwrap(client.api.t[':tenant'].records.disposal.runs.$get({ param: { tenant: slug } }))).runs,
  );
  const [selected, setSelected] = createSignal<ReadonlySet<string>>(new Set());
  const [approving, setApproving] = createSignal<Approval | null>(null);
  const [busy, setBusy] = createSignal(false);
  const dispose = () => can('tenant.records.dispose');
  const classLabel = (key: string) => {
    const c = schedule()?.classes.find((x) => x.key === key);
    return c ? i18n.text(c.label) : key;
  };
  const byClass = createMemo(() => {
    const groups = new Map<string, Proposal[]>();
    for (const p of proposals() ?? []) groups.set(p.recordClass, [...(groups.get(p.recordClass) ?? []), p]);
    return [...groups.entries()];
  });
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const refresh = async () => {
    setBusy(true);
    try {
      const r = await unwrap(
        client.api.t[':tenant'].records.disposal.proposals.refresh.$post({ param: { tenant: tenant().slug } }),
      );
      notify(t('refreshed', { count: r.proposed }));
      refetch();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="stack">
      <p class="muted">{t('disposalIntro')}</p>
      <Card
        title={t('proposals')}
        actions={
          <Show when={dispose()}>
            <Button onClick={refresh} loading={busy()}>
              {t('refresh')}
            </Button>
            <Show when={selected().size > 0}>
              <Button variant="danger" onClick={() => setApproving({ itemIds: [...selected()] })}>
                {t('approveSelected', { count: selected().size })}
              </Button>
            </Show>
          </Show>
        }
      >
        <Async
          resource={proposals}
          refetch={refetch}
          isEmpty={(l) => l.length === 0}
          empty={<EmptyState title={t('noProposalsTitle')} description={t('noProposalsText')} />}
        >
          {() => (
            <div class="stack">
              <For each={byClass()}>
                {([key, items]) => (
                  <section class="stack" aria-label={classLabel(key)}>
                    <div class="row">
                      <h3 class="section-title">
                        {classLabel(key)} <span class="muted">{t('recordsCount', { count: items.length })}</span>
                      </h3>
                      <span class="spacer" />
                      <Show when={dispose()}>
                        <Button size="sm" variant="danger" onClick={() => setApproving({ recordClass: key })}>
                          {t('approveClass', { count: items.length })}
                        </Button>
                      </Show>
                    </div>
                    <DataTable
                      caption={classLabel(key)}
                      rows={items}
                      rowKey={(p) => p.id}
                      columns={[
                        ...(dispose()
                          ? [
                              {
                                header: <span class="sr-only">{t('approveSelected', { count: selected().size })}</span>,
                                cell: (p: Proposal) => (
                                  <input
                                    type="checkbox"
                                    aria-label={t('selectRecord', { label: p.label })}
                                    checked={selected().has(p.id)}
                                    onChange={(e) => toggle(p.id, e.currentTarget.checked)}
                                  />
                                ),
                              },
                            ]
                          : []),
                        { header: t('record'), cell: (p: Proposal) => p.label },
                        {
                          header: t('trigger'),
                          cell: (p: Proposal) => <DateText value={p.triggerDate} />,
                          hideOnMobile: true,
                        },
                        { header: t('keepUntil'), cell: (p: Proposal) => <DateText value={p.keepUntil} /> },
                      ]}
                    />
                  </section>
                )}
              </For>
            </div>
          )}
        </Async>
      </Card>
      <Card title={t('runs')}>
        <AsyncTable
          resource={runs}
          refetch={refetchRuns}
          caption={t('runs')}
          rowKey={(r) => r.id}
          empty={<EmptyState title={t('noRunsTitle')} description={t('noRunsText')} />}
          columns={[
            {
              header: t('approvedBy'),
              cell: (r) => <StackedCell primary={<DateText value={r.approvedAt} time />} secondary={r.approvedBy} />,
            },
            {
              header: t('runStatus'),
              cell: (r) => (
                <Badge tone={RUN_TONE[r.status] ?? 'neutral'}>{t(`status_${r.status}` as `status_done`)}</Badge>
              ),
            },
            {
              header: t('progress'),
              align: 'end',
              cell: (r) => <span class="num">{t('progressOf', { done: r.done, total: r.total })}</span>,
            },
            {
              header: t('log'),
              hideOnMobile: true,
              cell: (r) => (
                <ul class="plain-list">
                  <For each={r.log}>
                    {(l) => (
                      <li>
                        {classLabel(l.recordClass)}: {t(`disposal_${l.disposal}` as `disposal_delete`)} ·{' '}
                        {t('recordsCount', { count: l.count })}
                      </li>
                    )}
                  </For>
                </ul>
              ),
            },
          ]}
        />
      </Card>
      <ConfirmDialog
        open={approving() !== null}
        onOpenChange={(o) => !o && setApproving(null)}
        title={t('approveTitle')}
        description={t('approveText')}
        danger
        confirmLabel={t('approveTitle')}
        onConfirm={async () => {
          const json = approving();
          if (!json) return;
          await unwrap(
            client.api.t[':tenant'].records.disposal.approve.$post({ param: { tenant: tenant().slug }, json }),
          );
          notify(t('approved'));
          setSelected(new Set<string>());
          refetch();
          refetchRuns();
        }}
      />
    </div>
  );
}
