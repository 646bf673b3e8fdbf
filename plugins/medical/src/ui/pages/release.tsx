import {
  AsyncTable,
  Badge,
  Button,
  Card,
  DateText,
  EmptyState,
  Field,
  Modal,
  notify,
  PageHeader,
  Toggle,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import type { QueueItem } from '../types.ts';
import { ErrorText, FlagBadge, pick, useBase, useT } from '../ui.tsx';

/**
 * The release queue: results awaiting release (STAT first) with their flag, range, delta and QC
 * state; a critical value gets its call-back recorded here before it can be released. The server
 * decides who may release what (local rules, four-eyes) and says why when it refuses.
 */
export default function Release() {
  const t = useT();
  const i18n = useI18n();
  const base = useBase();
  const { api } = useTenant();
  const [criticalOnly, setCriticalOnly] = createSignal(false);
  // The source is an object: Solid skips the fetch for a falsy source (false would never load).
  const [queue, { refetch }] = createResource(
    () => ({ critical: criticalOnly() }),
    async ({ critical }) =>
      (
        await api<{ results: QueueItem[] }>('/medical/results', {
          query: { status: 'entered', ...(critical ? { critical: 'true' } : {}) },
        })
      ).results,
  );
  const [error, setError] = createSignal<string | null>(null);
  const [callbackFor, setCallbackFor] = createSignal<QueueItem | null>(null);
  const [callbackTo, setCallbackTo] = createSignal('');
  const [busy, setBusy] = createSignal<string | null>(null);

  const release = async (r: QueueItem) => {
    setBusy(r.id);
    setError(null);
    try {
      await api(`/medical/results/${r.id}/release`, { method: 'POST', body: {} });
      notify(t('release.released', { test: r.test }));
      refetch();
    } catch (e) {
      setError(`${r.barcode} ${r.test}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(null);
    }
  };
  const recordCallback = async (e: Event) => {
    e.preventDefault();
    const r = callbackFor();
    if (!r) return;
    try {
      await api(`/medical/results/${r.id}/callback`, { method: 'POST', body: { to: callbackTo().trim() } });
      notify(t('release.callbackDone', { to: callbackTo().trim() }));
      setCallbackFor(null);
      setCallbackTo('');
      refetch();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const critical = (r: QueueItem) => r.flag === 'HH' || r.flag === 'LL';

  return (
    <div class="page">
      <PageHeader title={t('release.title')} description={t('release.subtitle')} />
      <Card>
        <Toggle label={t('release.criticalOnly')} checked={criticalOnly()} onChange={setCriticalOnly} />
        <ErrorText text={error()} />
      </Card>
      <Card padded={false}>
        <AsyncTable
          resource={queue}
          refetch={refetch}
          caption={t('release.title')}
          rowKey={(r) => r.id}
          empty={<EmptyState title={t('release.empty')} />}
          columns={[
            {
              header: t('orders.number'),
              cell: (r) => (
                <span class="stack">
                  <A class="mono" href={`${base()}/orders/${r.orderId}`}>
                    {r.orderNumber}
                  </A>
                  <Show when={r.priority !== 'routine'}>
                    <Badge tone={r.priority === 'stat' ? 'danger' : 'warning'}>{t(`priority.${r.priority}`)}</Badge>
                  </Show>
                </span>
              ),
            },
            { header: t('orders.patient'), hideOnMobile: true, cell: (r) => r.patientName },
            {
              header: t('catalogue.name'),
              cell: (r) => (
                <span title={r.test}>
                  {pick(r.testName, i18n.locale())} <span class="muted mono">v{r.version}</span>
                </span>
              ),
            },
            {
              header: t('nav.results'),
              align: 'end',
              cell: (r) => (
                <span class="med-value">
                  {r.value === null ? (r.valueText ?? '') : i18n.number(r.value)} {r.unit} <FlagBadge flag={r.flag} />
                </span>
              ),
            },
            {
              header: t('catalogue.ranges'),
              hideOnMobile: true,
              cell: (r) =>
                `${r.refLow === null ? '' : i18n.number(r.refLow)}–${r.refHigh === null ? '' : i18n.number(r.refHigh)}`,
            },
            {
              header: '',
              hideOnMobile: true,
              cell: (r) => (
                <>
                  <Show when={r.deltaPercent !== null && Math.abs(r.deltaPercent ?? 0) >= 20}>
                    <Badge tone="warning">{t('release.delta', { delta: Math.round(r.deltaPercent ?? 0) })}</Badge>
                  </Show>
                  <Show when={r.qcRejected}>
                    <Badge tone="danger">{t('release.qcBlocked')}</Badge>
                  </Show>
                  <Show when={r.callbackTo}>
                    <span class="muted">{t('release.callbackDone', { to: r.callbackTo ?? '' })}</span>
                  </Show>
                </>
              ),
            },
            { header: t('release.entered'), hideOnMobile: true, cell: (r) => <DateText value={r.enteredAt} time /> },
            {
              header: '',
              align: 'end',
              cell: (r) => (
                <Show
                  when={!critical(r) || r.callbackAt}
                  fallback={
                    <Button size="sm" variant="secondary" onClick={() => setCallbackFor(r)}>
                      {t('release.callback')}
                    </Button>
                  }
                >
                  <Button
                    size="sm"
                    variant="primary"
                    loading={busy() === r.id}
                    disabled={r.qcRejected}
                    onClick={() => void release(r)}
                    aria-label={`${t('release.release')} ${r.barcode} ${r.test}`}
                  >
                    {t('release.release')}
                  </Button>
                </Show>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={callbackFor() !== null}
        onOpenChange={(open) => !open && setCallbackFor(null)}
        title={t('release.callbackTitle')}
        description={
          callbackFor()
            ? `${callbackFor()?.barcode} · ${callbackFor()?.test} ${callbackFor()?.value ?? ''} ${callbackFor()?.unit ?? ''}`
            : ''
        }
      >
        <form class="form-grid" onSubmit={recordCallback}>
          <Field
            label={t('release.callbackTo')}
            name="callbackTo"
            required
            autofocus
            value={callbackTo()}
            onChange={setCallbackTo}
          />
          <div class="form-actions">
            <Button type="submit" variant="primary" disabled={callbackTo().trim().length < 2}>
              {t('release.callback')}
            </Button>
          </div>
        </form>
      </Modal>
    </div>
  );
}
