import { ApiError, Button, Card, Field, FormError, notify, PageHeader, useTenant } from '@bureau/core/ui';
import { createSignal } from 'solid-js';
import { useT } from '../messages.ts';

/**
 * Parcel carrier files: download Packeta's bulk-import CSV of the packed packages, and paste (or
 * open) the list of submitted packets Packeta gives back to read the tracking numbers in.
 */
export default function Shipping() {
  const t = useT();
  const { tenant, api } = useTenant();
  const [carrierId, setCarrierId] = createSignal('');
  const [answer, setAnswer] = createSignal('');
  const [error, setError] = createSignal<ApiError | null>(null);
  const [busy, setBusy] = createSignal(false);
  const exportHref = () => {
    const q = carrierId().trim() ? `?homeDeliveryCarrierId=${encodeURIComponent(carrierId().trim())}` : '';
    return `/api/t/${tenant().slug}/orders/shipping/packeta/export${q}`;
  };
  const readFile = async (e: Event) => {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    if (file) setAnswer(await file.text());
  };
  const importTracking = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await api<{ updated: unknown[] }>('/orders/shipping/packeta/tracking', {
        method: 'POST',
        body: { content: answer() },
      });
      notify(t('trackingRead', { count: res.updated.length }));
      setAnswer('');
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else throw err;
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="page">
      <PageHeader title={t('shipping')} description={t('shippingText')} />
      <Card>
        <div class="stack">
          <h2 class="section-title">{t('packetaExport')}</h2>
          <p>{t('packetaExportText')}</p>
          <Field
            name="homeDeliveryCarrierId"
            label={t('homeDeliveryCarrier')}
            description={t('homeDeliveryCarrierText')}
            value={carrierId()}
            onChange={setCarrierId}
            inputmode="numeric"
          />
          <div>
            <a class="btn btn-primary" href={exportHref()} download="packeta-import.csv">
              {t('downloadCsv')}
            </a>
          </div>
        </div>
      </Card>
      <Card>
        <form class="stack" onSubmit={importTracking}>
          <h2 class="section-title">{t('packetaTracking')}</h2>
          <p>{t('packetaTrackingText')}</p>
          <FormError error={error()} />
          <input type="file" accept=".csv,text/csv" aria-label={t('openFile')} onChange={(e) => void readFile(e)} />
          <Field
            name="content"
            label={t('answerFile')}
            value={answer()}
            onChange={setAnswer}
            multiline
            required
            error={error()
              ?.fieldErrors.map((f) => f.message)
              .join(' · ')}
          />
          <div>
            <Button type="submit" variant="primary" loading={busy()}>
              {t('readTracking')}
            </Button>
          </div>
        </form>
      </Card>
    </div>
  );
}
