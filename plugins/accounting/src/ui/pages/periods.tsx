import {
  Async,
  Badge,
  Button,
  businessToday,
  Card,
  ConfirmDialog,
  DateText,
  notify,
  PageHeader,
  unwrap,
  useTenant,
} from '@bureau/core/ui';
import { useSearchParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { useAccounting } from '../api.ts';
import { useGuard, useT } from '../ui.tsx';

type Period = { period: string; locked: boolean; lockedAt: string | null; lockedBy: string | null; entries: number };

/**
 * Locking accounting periods: the months of a fiscal year with their entries and lock state. An admin
 * locks a month once its books and VAT are done: nothing can then be posted into it, and no document
 * can be issued into it by its tax date; unlocking is audited.
 */
export default function Periods() {
  const t = useT();
  const api = useAccounting();
  const guard = useGuard();
  const { tenant, can } = useTenant();
  const [params, setParams] = useSearchParams<{ year?: string }>();
  const year = () => Number(params.year) || Number(businessToday().slice(0, 4));
  const [periods, { refetch }] = createResource(
    () => ({ slug: tenant().slug, year: year() }),
    async ({ year }) => unwrap(api().periods.$get({ query: { year: String(year) } })),
  );
  const [target, setTarget] = createSignal<Period | null>(null);
  const run = guard(async () => {
    const p = target();
    if (!p) return;
    const param = { period: p.period };
    if (p.locked) await unwrap(api().periods[':period'].unlock.$post({ param }));
    else await unwrap(api().periods[':period'].lock.$post({ param }));
    notify(t(p.locked ? 'periods.unlockedOk' : 'periods.lockedOk', { period: p.period }));
    setTarget(null);
    void refetch();
  });
  return (
    <div class="page acc">
      <PageHeader title={t('periods.title')} description={t('periods.subtitle')} />
      <div class="report-controls">
        <label class="inline-field">
          <span>{t('periods.year')}</span>
          <input
            class="input auto"
            type="number"
            min="1900"
            max="2999"
            value={year()}
            onChange={(e) => /^\d{4}$/.test(e.currentTarget.value) && setParams({ year: e.currentTarget.value })}
          />
        </label>
      </div>
      <Async resource={periods} refetch={refetch}>
        {(d) => (
          <Card padded={false}>
            <div class="table-wrap">
              <table class="table" data-testid="periods">
                <caption class="sr-only">{t('periods.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('periods.month')}</th>
                    <th scope="col" class="num">
                      {t('periods.entries')}
                    </th>
                    <th scope="col">{t('common.status')}</th>
                    <th scope="col" class="end">
                      <span class="sr-only">{t('common.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={d.periods}>
                    {(p) => (
                      <tr data-period={p.period}>
                        <td class="mono">{p.period}</td>
                        <td class="num">{p.entries}</td>
                        <td>
                          <Show when={p.locked} fallback={<Badge tone="neutral">{t('periods.open')}</Badge>}>
                            <Badge tone="warning">{t('periods.locked')}</Badge>
                            <Show when={p.lockedAt}>
                              {(at) => (
                                <div class="cell-secondary">
                                  <DateText value={at()} /> {p.lockedBy ?? ''}
                                </div>
                              )}
                            </Show>
                          </Show>
                        </td>
                        <td class="end">
                          <Show when={can('accounting.admin')}>
                            <Button size="sm" onClick={() => setTarget(p)}>
                              {t(p.locked ? 'periods.unlock' : 'periods.lock')}
                              <span class="sr-only"> {p.period}</span>
                            </Button>
                          </Show>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Card>
        )}
      </Async>
      <p class="muted small">{t(can('accounting.admin') ? 'periods.who' : 'periods.whoReader')}</p>
      <ConfirmDialog
        open={target() !== null}
        onOpenChange={(o) => !o && setTarget(null)}
        title={t(target()?.locked ? 'periods.unlockTitle' : 'periods.lockTitle', { period: target()?.period ?? '' })}
        description={t(target()?.locked ? 'periods.unlockText' : 'periods.lockText')}
        confirmLabel={t(target()?.locked ? 'periods.unlock' : 'periods.lock')}
        danger={target()?.locked === true}
        onConfirm={run}
      />
    </div>
  );
}
