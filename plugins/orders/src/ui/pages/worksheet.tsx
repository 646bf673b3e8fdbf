import { Async, Badge, Card, DataTable, PageHeader, SelectField, StatusBadge, useTenant } from '@bureau/core/ui';
import { A, useSearchParams } from '@solidjs/router';
import { createResource } from 'solid-js';
import { useT } from '../messages.ts';
import { STATUSES } from '../statuses.ts';
import type { WorksheetRow } from '../types.ts';

const TONES = { full: 'success', partly: 'warning', none: 'danger' } as const;

/**
 * The fulfilment worksheet: every open order in queue order, fully, partly or not pickable now, and
 * what blocks it (lines short, a draft to confirm); filter by verdict.
 */
export default function Worksheet() {
  const t = useT();
  const { api, tenant } = useTenant();
  const [params, setParams] = useSearchParams<{ verdict?: string }>();
  const [sheet, { refetch }] = createResource(
    () => params.verdict ?? '',
    (verdict) =>
      api<{ items: WorksheetRow[]; summary: Record<WorksheetRow['verdict'], number> }>('/orders/worksheet', {
        query: verdict ? { verdict } : {},
      }),
  );
  const base = () => `/t/${tenant().slug}/orders`;
  const verdict = (v: WorksheetRow['verdict']) => t(`verdict_${v}` as 'verdict_full');
  const blocks = (r: WorksheetRow) =>
    r.blocks
      .map((b) =>
        b.code === 'not_confirmed'
          ? t('blockNotConfirmed')
          : t('blockShort', { sku: b.sku ?? '', short: b.short ?? 0 }),
      )
      .join('; ');
  return (
    <div class="page">
      <PageHeader title={t('worksheet')} description={t('worksheetText')} />
      <Async resource={sheet} refetch={refetch}>
        {(w) => (
          <div class="stack">
            <dl class="figures">
              {(['full', 'partly', 'none'] as const).map((v) => (
                <div class="figure">
                  <dt>{verdict(v)}</dt>
                  <dd data-testid={`worksheet-${v}`}>{w.summary[v]}</dd>
                </div>
              ))}
            </dl>
            <Card>
              <SelectField
                name="verdict"
                label={t('verdict')}
                value={params.verdict ?? ''}
                onChange={(v) => setParams({ verdict: v || undefined })}
                options={[
                  { value: '', label: t('all') },
                  ...(['full', 'partly', 'none'] as const).map((v) => ({ value: v, label: verdict(v) })),
                ]}
              />
            </Card>
            <Card padded={false}>
              <DataTable<WorksheetRow>
                caption={t('worksheet')}
                rows={w.items}
                rowKey={(r) => r.orderId}
                columns={[
                  {
                    header: t('number'),
                    cell: (r) => (
                      <A class="cell-primary mono" href={`${base()}/${r.orderId}`}>
                        {r.number}
                      </A>
                    ),
                  },
                  { header: t('customer'), cell: (r) => r.customer, hideOnMobile: true },
                  {
                    header: t('status'),
                    cell: (r) => <StatusBadge status={r.status} statuses={STATUSES} />,
                    hideOnMobile: true,
                  },
                  { header: t('verdict'), cell: (r) => <Badge tone={TONES[r.verdict]}>{verdict(r.verdict)}</Badge> },
                  { header: t('blocks'), cell: (r) => blocks(r) },
                ]}
              />
            </Card>
          </div>
        )}
      </Async>
    </div>
  );
}
