import {
  AsyncTable,
  Badge,
  Button,
  businessToday,
  Card,
  ConfirmDialog,
  DataTable,
  DateInput,
  DateText,
  EmptyState,
  Field,
  notify,
  PageHeader,
  problemMessage,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { createResource, createSignal, Show } from 'solid-js';
import { useAccounting } from '../api.ts';
import { Amount, Icon, type MessageKey, useT } from '../ui.tsx';

type Preview = {
  date: string;
  currency: string;
  rows: { line: number; account: string; name: string | null; debit: string; credit: string; errors: string[] }[];
  debit: string;
  credit: string;
  balanced: boolean;
  valid: boolean;
};

/**
 * Year-end (uzávěrka): the fiscal years with a close or reopen each (the closing books to 710, 431
 * and 702 and the next year opens from 701), and the opening balances of a firm that starts its
 * books here, checked row by row from a CSV before they are posted.
 */
export default function YearEnd() {
  const t = useT();
  const i18n = useI18n();
  const api = useAccounting();
  const { tenant, can } = useTenant();
  const [years, { refetch }] = createResource(
    () => tenant().slug,
    async () => (await unwrap(api().years.$get())).years,
  );
  const [acting, setActing] = createSignal<{ year: number; close: boolean } | null>(null);
  const [date, setDate] = createSignal(businessToday());
  const [csv, setCsv] = createSignal('');
  const [preview, setPreview] = createSignal<Preview | null>(null);
  const [busy, setBusy] = createSignal(false);

  const send = async (dryRun: boolean) => {
    setBusy(true);
    try {
      const out = await unwrap(api()['opening-balances'].$post({ json: { date: date(), csv: csv(), dryRun } }));
      setPreview(out.preview);
      if (!dryRun) {
        notify(t('ye.imported'));
        setCsv('');
        refetch();
      }
    } catch (err) {
      notify(problemMessage(err, i18n.t), 'danger');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="page acc">
      <PageHeader title={t('ye.title')} description={t('ye.subtitle')} />
      <Card padded={false} title={t('ye.years')}>
        <AsyncTable
          resource={years}
          refetch={refetch}
          caption={t('ye.years')}
          rowKey={(y) => String(y.year)}
          empty={<EmptyState title={t('ye.noYears')} />}
          columns={[
            {
              header: t('ye.year'),
              cell: (y) => (
                <span>
                  <strong>{y.year}</strong>{' '}
                  <span class="muted">
                    <DateText value={y.from} /> – <DateText value={y.to} />
                  </span>
                </span>
              ),
            },
            { header: t('ye.entries'), align: 'end', hideOnMobile: true, cell: (y) => y.entries },
            {
              header: t('common.status'),
              cell: (y) => (
                <Badge tone={y.closed ? 'neutral' : 'info'}>{y.closed ? t('ye.closed') : t('ye.open')}</Badge>
              ),
            },
            {
              header: <span class="sr-only">{t('ye.action')}</span>,
              align: 'end',
              cell: (y) => (
                <Show when={can('accounting.admin')}>
                  <Button
                    size="sm"
                    variant={y.closed ? 'ghost' : 'secondary'}
                    data-testid={`ye-${y.closed ? 'reopen' : 'close'}-${y.year}`}
                    onClick={() => setActing({ year: y.year, close: !y.closed })}
                  >
                    {y.closed ? t('ye.reopen', { year: y.year }) : t('ye.close', { year: y.year })}
                  </Button>
                </Show>
              ),
            },
          ]}
        />
      </Card>
      <Show when={can('accounting.admin')}>
        <Card title={t('ye.opening')}>
          <p class="muted">{t('ye.openingHint')}</p>
          <div class="form-grid">
            <DateInput label={t('ye.openingDate')} name="openingDate" value={date()} onChange={setDate} />
            <Field
              label={t('ye.csv')}
              name="csv"
              multiline
              value={csv()}
              onChange={(v) => {
                setCsv(v);
                setPreview(null);
              }}
              placeholder={'účet;má dáti;dal\n221;150000,00;\n411;;150000,00'}
              description={t('ye.csvHint')}
            />
          </div>
          <div class="row">
            <Button variant="secondary" disabled={!csv().trim()} loading={busy()} onClick={() => send(true)}>
              <Icon name="check" />
              {t('ye.check')}
            </Button>
            <Button
              variant="primary"
              disabled={!preview()?.valid || busy()}
              onClick={() => send(false)}
              data-testid="ye-import"
            >
              {t('ye.import')}
            </Button>
          </div>
          <Show when={preview()}>
            {(p) => (
              <>
                <p data-testid="ye-totals">
                  <Badge tone={p().valid ? 'success' : 'danger'}>{p().valid ? t('ye.valid') : t('ye.invalid')}</Badge>{' '}
                  {t('ye.totals')} <Amount value={p().debit} currency={p().currency} /> /{' '}
                  <Amount value={p().credit} currency={p().currency} />
                </p>
                <DataTable
                  caption={t('ye.rows')}
                  rows={p().rows}
                  rowKey={(r) => String(r.line)}
                  columns={[
                    { header: t('ye.line'), cell: (r) => r.line, hideOnMobile: true },
                    {
                      header: t('ye.account'),
                      cell: (r) => (
                        <span>
                          <span class="mono">{r.account}</span> {r.name ?? ''}
                        </span>
                      ),
                    },
                    {
                      header: t('ye.debit'),
                      align: 'end',
                      cell: (r) => <Amount value={r.debit} currency={p().currency} />,
                    },
                    {
                      header: t('ye.credit'),
                      align: 'end',
                      cell: (r) => <Amount value={r.credit} currency={p().currency} />,
                    },
                    {
                      header: t('ye.errors'),
                      cell: (r) => (
                        <span class="text-danger">
                          {r.errors.map((e) => t(`ye.error.${e}` as MessageKey)).join(', ')}
                        </span>
                      ),
                    },
                  ]}
                />
              </>
            )}
          </Show>
        </Card>
      </Show>
      <ConfirmDialog
        open={acting() !== null}
        onOpenChange={(open) => !open && setActing(null)}
        title={
          acting()?.close
            ? t('ye.closeTitle', { year: acting()?.year ?? 0 })
            : t('ye.reopenTitle', { year: acting()?.year ?? 0 })
        }
        description={acting()?.close ? t('ye.closeText') : t('ye.reopenText')}
        confirmLabel={
          acting()?.close ? t('ye.close', { year: acting()?.year ?? 0 }) : t('ye.reopen', { year: acting()?.year ?? 0 })
        }
        danger={!acting()?.close}
        onConfirm={async () => {
          const a = acting();
          if (!a) return;
          const param = { year: String(a.year) };
          if (a.close) await unwrap(api().years[':year'].close.$post({ param }));
          else await unwrap(api().years[':year'].reopen.$post({ param }));
          notify(a.close ? t('ye.closedToast', { year: a.year }) : t('ye.reopenedToast', { year: a.year }));
          setActing(null);
          refetch();
        }}
      />
    </div>
  );
}
