import {
  AsyncTable,
  Badge,
  Button,
  businessToday,
  Card,
  DataTable,
  EmptyState,
  Field,
  notify,
  PageHeader,
  problemMessage,
  Toggle,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { createResource, createSignal, Show } from 'solid-js';
import { useAccounting, useAccountingUrl } from '../api.ts';
import { Amount, Icon, useT } from '../ui.tsx';

/**
 * Cost centres (střediska): the list with names in both languages (once a firm has any, postings
 * must use one of its active codes) and profit and loss by cost centre, a column per centre and one
 * for lines without a centre, with CSV and XLSX downloads.
 */
export default function CostCenters() {
  const t = useT();
  const i18n = useI18n();
  const api = useAccounting();
  const { tenant, can } = useTenant();
  const [list, { refetch }] = createResource(
    () => tenant().slug,
    async () => (await unwrap(api()['cost-centers'].$get({ query: {} }))).costCenters,
  );
  const [code, setCode] = createSignal('');
  const [nameCs, setNameCs] = createSignal('');
  const [nameEn, setNameEn] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const lang = () => (i18n.locale() === 'cs' ? 'cs' : 'en');

  const add = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const c = await unwrap(
        api()['cost-centers'].$post({ json: { code: code(), name: { cs: nameCs(), en: nameEn() } } }),
      );
      notify(t('cc.added', { code: c.code }));
      setCode('');
      setNameCs('');
      setNameEn('');
      refetch();
    } catch (err) {
      notify(problemMessage(err, i18n.t), 'danger');
    } finally {
      setBusy(false);
    }
  };
  const toggle = async (id: string, active: boolean) => {
    try {
      await unwrap(api()['cost-centers'][':id'].$patch({ param: { id }, json: { active } }));
      refetch();
    } catch (err) {
      notify(problemMessage(err, i18n.t), 'danger');
    }
  };

  return (
    <div class="page acc">
      <PageHeader title={t('cc.title')} description={t('cc.subtitle')} />
      <Card padded={false} title={t('cc.list')}>
        <AsyncTable
          resource={list}
          refetch={refetch}
          caption={t('cc.list')}
          rowKey={(c) => c.id}
          empty={<EmptyState title={t('cc.none')} />}
          columns={[
            { header: t('cc.code'), cell: (c) => <span class="mono">{c.code}</span> },
            { header: t('cc.name'), cell: (c) => c.name[lang()] },
            {
              header: t('common.status'),
              cell: (c) => (
                <Show
                  when={can('accounting.admin')}
                  fallback={
                    <Badge tone={c.active ? 'success' : 'neutral'}>
                      {c.active ? t('cc.active') : t('cc.inactive')}
                    </Badge>
                  }
                >
                  <Toggle
                    label={t('cc.activeOf', { code: c.code })}
                    hideLabel
                    checked={c.active}
                    onChange={(v) => toggle(c.id, v)}
                  />
                </Show>
              ),
            },
          ]}
        />
      </Card>
      <Show when={can('accounting.admin')}>
        <Card title={t('cc.new')}>
          <form onSubmit={add}>
            <div class="form-grid">
              <Field label={t('cc.code')} name="code" value={code()} onChange={setCode} required />
              <Field label={t('cc.nameCs')} name="nameCs" value={nameCs()} onChange={setNameCs} required />
              <Field label={t('cc.nameEn')} name="nameEn" value={nameEn()} onChange={setNameEn} required />
            </div>
            <div class="row">
              <Button type="submit" variant="primary" loading={busy()} data-testid="cc-add">
                <Icon name="plus" />
                {t('cc.add')}
              </Button>
            </div>
          </form>
        </Card>
      </Show>
      <ProfitByCentre />
    </div>
  );
}

function ProfitByCentre() {
  const t = useT();
  const api = useAccounting();
  const url = useAccountingUrl();
  const { tenant } = useTenant();
  const today = businessToday();
  const [from, setFrom] = createSignal(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = createSignal(today);
  const [report] = createResource(
    () => `${tenant().slug}:${from()}:${to()}`,
    async () => unwrap(api().reports['profit-and-loss-by-cost-center'].$get({ query: { from: from(), to: to() } })),
  );
  type Row = { key: string; account: string; name: string; amounts: string[]; total: string };
  const rows = (): Row[] => {
    const r = report();
    if (!r) return [];
    const line = (section: string, x: { account: string; name: string; amounts: string[]; total: string }) => ({
      key: `${section}-${x.account}`,
      ...x,
    });
    return [
      ...r.income.rows.map((x) => line('i', x)),
      { key: 'i-total', account: '', name: t('cc.income'), amounts: r.income.totals, total: r.income.total },
      ...r.expense.rows.map((x) => line('e', x)),
      { key: 'e-total', account: '', name: t('cc.expense'), amounts: r.expense.totals, total: r.expense.total },
      { key: 'result', account: '', name: t('cc.result'), amounts: r.result, total: r.total },
    ];
  };
  return (
    <Card padded={false} title={t('cc.report')}>
      <div class="toolbar">
        <label class="inline-field">
          <span>{t('common.from')}</span>
          <input class="input auto" type="date" value={from()} onChange={(e) => setFrom(e.currentTarget.value)} />
        </label>
        <label class="inline-field">
          <span>{t('common.to')}</span>
          <input class="input auto" type="date" value={to()} onChange={(e) => setTo(e.currentTarget.value)} />
        </label>
        <a
          class="btn btn-ghost btn-sm"
          href={url('/reports/profit-and-loss-by-cost-center/export', { format: 'xlsx', from: from(), to: to() })}
          download=""
          data-testid="cc-xlsx"
        >
          <Icon name="download" />
          XLSX
        </a>
        <a
          class="btn btn-ghost btn-sm"
          href={url('/reports/profit-and-loss-by-cost-center/export', { format: 'csv', from: from(), to: to() })}
          download=""
        >
          <Icon name="download" />
          CSV
        </a>
      </div>
      <Show when={report()}>
        {(r) => (
          <div data-testid="cc-report">
            <DataTable
              caption={t('cc.report')}
              rows={rows()}
              rowKey={(x) => x.key}
              columns={[
                {
                  header: t('cc.account'),
                  cell: (x) => (x.account ? `${x.account} ${x.name}` : <strong>{x.name}</strong>),
                },
                ...r().columns.map((c, i) => ({
                  header: c.code ?? t('cc.noCentre'),
                  align: 'end' as const,
                  cell: (x: Row) => <Amount value={x.amounts[i] ?? '0'} currency={r().currency} />,
                })),
                {
                  header: t('cc.total'),
                  align: 'end' as const,
                  cell: (x: Row) => <Amount value={x.total} currency={r().currency} />,
                },
              ]}
            />
          </div>
        )}
      </Show>
    </Card>
  );
}
