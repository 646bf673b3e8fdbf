import {
  Async,
  Badge,
  businessToday,
  Card,
  createForm,
  DateText,
  EmptyState,
  Field,
  Form,
  notify,
  PageHeader,
  Segmented,
  SelectField,
  unwrap,
} from '@bureau/core/ui';
import { useSearchParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { useAccounting, useAccountingUrl } from '../api.ts';
import { VatSummary } from '../components/vat-summary.tsx';
import { Amount, Icon, useT } from '../ui.tsx';

type Kind = 'month' | 'quarter';
const FORMS = ['dphdp3.xml', 'dphkh1.xml', 'dphshv.xml'] as const;
const SECTIONS = ['A.1', 'A.2', 'A.4', 'A.5', 'B.1', 'B.2', 'B.3'] as const;

/** The VAT period before today's: last month, or last quarter. */
function defaultPeriod(kind: Kind): string {
  const [y, m] = businessToday().split('-').map(Number) as [number, number];
  if (kind === 'month') {
    const d = new Date(Date.UTC(y, m - 2, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  }
  const q = Math.floor((m - 1) / 3);
  return q === 0 ? `${y - 1}-Q4` : `${y}-Q${q}`;
}

/**
 * The VAT filings of a month or quarter: the return's rows, the control statement's sections, the EC
 * sales list, the drafts that keep the period from being filed, and the Tax Portal's XML to download.
 */
export default function VatFilings() {
  const t = useT();
  const api = useAccounting();
  const url = useAccountingUrl();
  const [params, setParams] = useSearchParams<{ period?: string }>();
  const kind = (): Kind => (params.period?.includes('Q') ? 'quarter' : 'month');
  const period = () => params.period ?? defaultPeriod('month');
  const [filer, { mutate }] = createResource(async () => unwrap(api().vat.filer.$get()));
  // A non-payer (company profile) files nothing: the filings are not fetched nor offered.
  const payer = () => filer()?.vatPayer === true;
  const [filings] = createResource(
    () => payer() && period(),
    async (p) => unwrap(api().vat.filings[':period'].$get({ param: { period: p } })),
  );
  const monthValue = () => (kind() === 'month' ? period() : '');

  return (
    <div class="page acc">
      <PageHeader
        title={t('vat.title')}
        description={t('vat.subtitle')}
        actions={
          <Show when={payer()}>
            <div class="row">
              <For each={FORMS}>
                {(f) => (
                  <a
                    class="btn btn-secondary"
                    href={url(`/vat/filings/${period()}/${f}`)}
                    download=""
                    data-testid={`download-${f}`}
                  >
                    <Icon name="download" />
                    {t(`vat.form.${f}`)}
                  </a>
                )}
              </For>
            </div>
          </Show>
        }
      />
      <Show when={filer() && !payer()}>
        <Card>
          <EmptyState title={t('vat.notPayer')} description={t('vat.notPayerHint')} />
        </Card>
      </Show>
      <Show when={payer()}>
        <div class="report-controls">
          <Segmented
            label={t('vat.periodKind')}
            value={kind()}
            onChange={(k) => setParams({ period: defaultPeriod(k) })}
            options={[
              { value: 'month', label: t('vat.month') },
              { value: 'quarter', label: t('vat.quarter') },
            ]}
          />
          <Show
            when={kind() === 'month'}
            fallback={
              <label class="inline-field">
                <span>{t('vat.quarter')}</span>
                <input
                  class="input auto"
                  value={period()}
                  pattern="\d{4}-Q[1-4]"
                  onChange={(e) => {
                    if (/^\d{4}-Q[1-4]$/.test(e.currentTarget.value)) setParams({ period: e.currentTarget.value });
                  }}
                />
              </label>
            }
          >
            <label class="inline-field">
              <span>{t('vat.month')}</span>
              <input
                class="input auto"
                type="month"
                value={monthValue()}
                onChange={(e) => e.currentTarget.value && setParams({ period: e.currentTarget.value })}
              />
            </label>
          </Show>
        </div>
        <Async resource={filings}>
          {(f) => (
            <>
              <p class="muted">
                <DateText value={f.from} /> – <DateText value={f.to} /> · {t('vat.due')} <DateText value={f.due} />
              </p>
              <VatSummary from={f.from} to={f.to} />
              <Show when={f.unposted.length > 0}>
                <Card title={<Badge tone="warning">{t('vat.unposted', { count: f.unposted.length })}</Badge>}>
                  <ul>
                    <For each={f.unposted}>
                      {(d) => (
                        <li>
                          {d.partnerName} · <DateText value={d.taxDate} />
                        </li>
                      )}
                    </For>
                  </ul>
                </Card>
              </Show>
              <Card title={t('vat.return')} padded={false}>
                <Show when={f.vatReturn.cells.length > 0} fallback={<EmptyState title={t('vat.nothing')} />}>
                  <div class="table-wrap">
                    <table class="table">
                      <thead>
                        <tr>
                          <th scope="col">{t('vat.row')}</th>
                          <th scope="col">{t('vat.item')}</th>
                          <th scope="col" class="num">
                            {t('vat.exact')}
                          </th>
                          <th scope="col" class="num">
                            {t('vat.filed')}
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={f.vatReturn.cells}>
                          {(c) => (
                            <tr>
                              <td class="mono">{c.row}</td>
                              <td>
                                {c.label} <span class="muted mono">{c.attr}</span>
                              </td>
                              <td class="num">
                                <Amount value={c.exact} currency={f.currency} />
                              </td>
                              <td class="num mono">{c.filed}</td>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                  </div>
                </Show>
              </Card>
              <Card title={t('vat.control')} padded={false}>
                <div class="table-wrap">
                  <table class="table">
                    <thead>
                      <tr>
                        <th scope="col">{t('vat.section')}</th>
                        <th scope="col">{t('vat.document')}</th>
                        <th scope="col">{t('vat.partner')}</th>
                        <th scope="col" class="num">
                          {t('vat.base')}
                        </th>
                        <th scope="col" class="num">
                          {t('vat.vat')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={SECTIONS}>
                        {(s) => (
                          <For each={f.controlStatement.sections[s] ?? []}>
                            {(r) => (
                              <tr>
                                <td class="mono">{s}</td>
                                <td>
                                  {r.evidenceNumber === s ? t('vat.summed') : r.evidenceNumber}{' '}
                                  <Show when={r.date}>
                                    <span class="muted">
                                      <DateText value={r.date} />
                                    </span>
                                  </Show>
                                </td>
                                <td>
                                  {r.partnerName ?? ''} <span class="muted mono">{r.vatId ?? ''}</span>
                                </td>
                                <td class="num">
                                  <Amount value={r.base} currency={f.currency} />
                                </td>
                                <td class="num">
                                  <Amount value={r.vat} currency={f.currency} />
                                </td>
                              </tr>
                            )}
                          </For>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
              </Card>
              <Card title={t('vat.ecSales')} padded={false}>
                <Show when={f.ecSalesList.rows.length > 0} fallback={<EmptyState title={t('vat.nothing')} />}>
                  <div class="table-wrap">
                    <table class="table">
                      <thead>
                        <tr>
                          <th scope="col">{t('vat.vatId')}</th>
                          <th scope="col">{t('vat.code')}</th>
                          <th scope="col" class="num">
                            {t('vat.count')}
                          </th>
                          <th scope="col" class="num">
                            {t('vat.value')}
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={f.ecSalesList.rows}>
                          {(r) => (
                            <tr>
                              <td class="mono">
                                {r.country}
                                {r.vatId}
                              </td>
                              <td>{t(r.code === '0' ? 'vat.code0' : 'vat.code3')}</td>
                              <td class="num">{r.count}</td>
                              <td class="num mono">{r.value}</td>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                  </div>
                </Show>
              </Card>
            </>
          )}
        </Async>
      </Show>
      <Show when={payer() && filer()}>{(v) => <FilerForm initial={v()} onSaved={mutate} />}</Show>
    </div>
  );
}

type Filer = {
  vatId: string | null;
  name: string;
  street: string | null;
  city: string | null;
  postalCode: string | null;
  taxOffice: string | null;
  taxOfficeBranch: string | null;
  nace: string | null;
  kind: 'P' | 'F';
  vatPeriod: 'month' | 'quarter';
  vatPayer: boolean;
  coefficient: string | null;
  fromProfile: ('vatId' | 'name' | 'street' | 'city' | 'postalCode' | 'vatPeriod')[];
};

/** The filer's details the Tax Portal wants in every filing (VetaP). */
function FilerForm(props: { initial: Filer; onSaved: (f: Filer) => void }) {
  const t = useT();
  const api = useAccounting();
  const text = (v: string | null) => v ?? '';
  const orNull = (v: string) => (v.trim() ? v.trim() : null);
  type ProfileField = Filer['fromProfile'][number];
  const inherited = (field: ProfileField) => props.initial.fromProfile.includes(field);
  /** A field still showing the company profile's value stays empty here, so it follows the profile. */
  const own = (field: ProfileField, value: string | null) =>
    inherited(field) && value === (props.initial[field] ?? null) ? null : value;
  const hint = (field: ProfileField) => (inherited(field) ? t('vat.filerFromProfile') : undefined);
  const form = createForm({
    initial: {
      vatId: text(props.initial.vatId),
      name: props.initial.name,
      street: text(props.initial.street),
      city: text(props.initial.city),
      postalCode: text(props.initial.postalCode),
      taxOffice: text(props.initial.taxOffice),
      taxOfficeBranch: text(props.initial.taxOfficeBranch),
      nace: text(props.initial.nace),
      kind: props.initial.kind as string,
      vatPeriod: props.initial.vatPeriod as string,
    },
    validate: (v) => ({ name: v.name.trim() ? undefined : t('common.required') }),
    onSubmit: async (v) => {
      const saved = await unwrap(
        api().vat.filer.$patch({
          json: {
            vatId: own('vatId', orNull(v.vatId.toUpperCase())),
            ...(own('name', v.name.trim()) === null ? {} : { name: v.name.trim() }),
            street: own('street', orNull(v.street)),
            city: own('city', orNull(v.city)),
            postalCode: own('postalCode', orNull(v.postalCode.replace(/\s/g, ''))),
            taxOffice: orNull(v.taxOffice),
            taxOfficeBranch: orNull(v.taxOfficeBranch),
            nace: orNull(v.nace),
            kind: v.kind === 'F' ? 'F' : 'P',
            vatPeriod: own('vatPeriod', v.vatPeriod === 'quarter' ? 'quarter' : 'month') as 'month' | 'quarter' | null,
          },
        }),
      );
      props.onSaved(saved);
      notify(t('vat.filerSaved'));
    },
  });
  return (
    <Card title={t('vat.filer')}>
      <Form form={form} label={t('vat.filer')}>
        <div class="form-grid">
          <Field
            label={t('vat.filerVatId')}
            placeholder="CZ12345678"
            description={hint('vatId')}
            {...form.bind('vatId')}
          />
          <Field label={t('vat.filerName')} description={hint('name')} {...form.bind('name')} />
          <Field label={t('vat.filerStreet')} description={hint('street')} {...form.bind('street')} />
          <Field label={t('vat.filerCity')} description={hint('city')} {...form.bind('city')} />
          <Field label={t('vat.filerPostalCode')} description={hint('postalCode')} {...form.bind('postalCode')} />
          <Field
            label={t('vat.filerTaxOffice')}
            description={t('vat.filerTaxOfficeHint')}
            {...form.bind('taxOffice')}
          />
          <Field label={t('vat.filerBranch')} {...form.bind('taxOfficeBranch')} />
          <Field label={t('vat.filerNace')} {...form.bind('nace')} />
          <SelectField
            label={t('vat.filerKind')}
            {...form.bind('kind')}
            options={[
              { value: 'P', label: t('vat.filerKindP') },
              { value: 'F', label: t('vat.filerKindF') },
            ]}
          />
          <SelectField
            label={t('vat.filerPeriod')}
            description={hint('vatPeriod')}
            {...form.bind('vatPeriod')}
            options={[
              { value: 'month', label: t('vat.month') },
              { value: 'quarter', label: t('vat.quarter') },
            ]}
          />
        </div>
      </Form>
    </Card>
  );
}
