import {
  Async,
  Button,
  Card,
  DateText,
  DetailPage,
  Field,
  FormError,
  notify,
  SelectField,
  StatusBadge,
  Toggle,
  useI18n,
  useTenant,
  WorkflowPanel,
} from '@bureau/core/ui';
import { A, useParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import type { CannedResponse } from '../../server/routes/canned-responses.ts';
import type { Ticket, TicketMessage } from '../../server/routes/tickets.ts';
import { useDT } from '../desk-messages.ts';
import { useT } from '../messages.ts';
import { PRIORITY_LABELS, SLA_STATES, TICKET_STATUSES } from '../statuses.ts';

/**
 * One ticket: SLA figures and badge, the workflow (assign, start, wait, resolve, close, reopen),
 * the conversation with public replies and internal notes (IT), and the requester's rating.
 */
export default function TicketPage() {
  const t = useT();
  const dt = useDT();
  const i18n = useI18n();
  const params = useParams<{ id: string }>();
  const { tenant, api, can } = useTenant();
  const staff = () => can('it.helpdesk');
  const [ticket, { refetch }] = createResource(
    () => params.id,
    (id) => api<Ticket>(`/it/tickets/${id}`),
  );
  const [messages, { refetch: refetchMessages }] = createResource(
    () => params.id,
    async (id) => (await api<{ items: TicketMessage[] }>(`/it/tickets/${id}/messages`)).items,
  );
  const [canned] = createResource(staff, async (yes) =>
    yes ? (await api<{ items: CannedResponse[] }>('/it/canned-responses')).items : [],
  );
  const [body, setBody] = createSignal('');
  /** Inserts a canned response, its placeholders filled from this ticket, after what is typed. */
  const insertCanned = async (id: string) => {
    if (!id) return;
    try {
      const filled = await api<{ body: string }>(`/it/tickets/${params.id}/canned-responses/${id}`);
      setBody((b) => (b.trim() ? `${b.trimEnd()}\n\n${filled.body}` : filled.body));
    } catch (e) {
      setError(e);
    }
  };
  const [internal, setInternal] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>(null);
  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      await api(`/it/tickets/${params.id}/messages`, { method: 'POST', body: { body: body(), internal: internal() } });
      setBody('');
      void refetchMessages();
      void refetch();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const rate = async (rating: number) => {
    try {
      await api(`/it/tickets/${params.id}/rate`, { method: 'POST', body: { rating } });
      notify(t('rating'));
      void refetch();
    } catch (e) {
      setError(e);
    }
  };
  const back = () => (staff() ? `/t/${tenant().slug}/it/tickets` : `/t/${tenant().slug}/it/my/tickets`);
  return (
    <Async resource={ticket} refetch={refetch}>
      {(x) => (
        <DetailPage
          title={x.title}
          subtitle={<span class="mono">{x.number}</span>}
          status={
            <>
              <StatusBadge status={x.status} statuses={TICKET_STATUSES} />{' '}
              <StatusBadge status={x.sla} statuses={SLA_STATES} />
            </>
          }
          back={{ href: back(), label: staff() ? t('tickets') : t('myTickets') }}
          entity={staff() ? { type: 'it.ticket', id: x.id } : undefined}
          tabs={[
            {
              id: 'overview',
              label: t('overview'),
              content: () => (
                <div class="stack">
                  <dl class="figures">
                    <div class="figure">
                      <dt>{t('priority')}</dt>
                      <dd>
                        <StatusBadge status={x.priority} statuses={PRIORITY_LABELS} />
                      </dd>
                    </div>
                    <div class="figure">
                      <dt>{t('requester')}</dt>
                      <dd>{x.requester}</dd>
                    </div>
                    <div class="figure">
                      <dt>{t('assignee')}</dt>
                      <dd>{x.assignee ?? '—'}</dd>
                    </div>
                    <Show when={x.team}>
                      <div class="figure">
                        <dt>{dt('team')}</dt>
                        <dd>{x.team}</dd>
                      </div>
                    </Show>
                    <div class="figure">
                      <dt>{t('respondBy')}</dt>
                      <dd>
                        <DateText value={x.responseDueAt} time />
                      </dd>
                    </div>
                    <div class="figure">
                      <dt>{t('firstResponse')}</dt>
                      <dd>
                        <DateText value={x.firstResponseAt} time />
                      </dd>
                    </div>
                    <div class="figure">
                      <dt>{t('resolveBy')}</dt>
                      <dd>
                        <DateText value={x.resolutionDueAt} time />
                      </dd>
                    </div>
                    <Show when={x.category}>
                      {(c) => (
                        <div class="figure">
                          <dt>{dt('category')}</dt>
                          <dd>{i18n.text(c())}</dd>
                        </div>
                      )}
                    </Show>
                    <Show when={x.mergedIntoId}>
                      <div class="figure">
                        <dt>{dt('mergedInto')}</dt>
                        <dd class="mono">
                          <Show when={staff()} fallback={x.mergedIntoNumber}>
                            <A href={`/t/${tenant().slug}/it/tickets/${x.mergedIntoId}`}>{x.mergedIntoNumber}</A>
                          </Show>
                        </dd>
                      </div>
                    </Show>
                    <Show when={x.assetId}>
                      <div class="figure">
                        <dt>{t('ticketAsset')}</dt>
                        <dd>
                          <Show when={staff()} fallback={x.assetTag}>
                            <A href={`/t/${tenant().slug}/it/assets/${x.assetId}`}>{x.assetTag}</A>
                          </Show>{' '}
                          {x.assetName}
                        </dd>
                      </div>
                    </Show>
                    <Show when={x.rating}>
                      <div class="figure">
                        <dt>{t('rating')}</dt>
                        <dd>{'★'.repeat(x.rating ?? 0)}</dd>
                      </div>
                    </Show>
                  </dl>
                  <Show when={x.pausedMinutes > 0}>
                    <p class="muted">{t('pausedFor', { count: x.pausedMinutes })}</p>
                  </Show>
                  <p style={{ 'white-space': 'pre-wrap' }}>{x.description}</p>
                  <Show when={staff()}>
                    <WorkflowPanel path={`/it/tickets/${x.id}`} onChange={() => void refetch()} />
                  </Show>
                  <Show when={!staff() && !x.rating && (x.status === 'resolved' || x.status === 'closed')}>
                    <Card>
                      <p>{t('rate')}</p>
                      <div class="row">
                        <For each={[1, 2, 3, 4, 5]}>
                          {(n) => (
                            <Button size="sm" onClick={() => void rate(n)} aria-label={`${t('rating')} ${n}`}>
                              {'★'.repeat(n)}
                            </Button>
                          )}
                        </For>
                      </div>
                    </Card>
                  </Show>
                </div>
              ),
            },
            {
              id: 'conversation',
              label: t('conversation'),
              content: () => (
                <div class="stack">
                  <For each={messages() ?? []}>
                    {(msg) => (
                      <Card>
                        <p class="muted">
                          {msg.author} · <DateText value={msg.createdAt} time />
                          <Show when={msg.internal}> · {t('internal')}</Show>
                        </p>
                        <p style={{ 'white-space': 'pre-wrap' }}>{msg.body}</p>
                      </Card>
                    )}
                  </For>
                  <Show when={staff() && (canned() ?? []).length}>
                    <SelectField
                      label={dt('insertCanned')}
                      name="canned"
                      value=""
                      onChange={(id) => void insertCanned(id)}
                      options={[
                        { value: '', label: dt('chooseCanned') },
                        ...(canned() ?? []).map((c) => ({ value: c.id, label: c.title })),
                      ]}
                    />
                  </Show>
                  <Field label={t('reply')} name="reply" value={body()} onChange={setBody} multiline />
                  <Show when={staff()}>
                    <Toggle label={t('internalNote')} checked={internal()} onChange={setInternal} />
                  </Show>
                  <FormError error={error() as never} />
                  <div>
                    <Button variant="primary" loading={busy()} disabled={!body().trim()} onClick={() => void send()}>
                      {t('send')}
                    </Button>
                  </div>
                </div>
              ),
            },
          ]}
        />
      )}
    </Async>
  );
}
