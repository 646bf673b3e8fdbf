import {
  Async,
  Button,
  Card,
  createForm,
  EmptyState,
  FormError,
  notify,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { createEffect, createResource, For, Show } from 'solid-js';
import { client } from '../../api/client.ts';
import { Icon } from '../../icons.tsx';

interface RuleRow {
  retentionClass: string;
  years: string;
  months: string;
  days: string;
}

const toInt = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : Number.NaN);

/** Settings → Records: how long each retention class of attachments must be kept before it may be deleted. */
export default function Records() {
  const i18n = useI18n();
  const { tenant, can } = useTenant();
  const manage = () => can('tenant.records.manage');
  const [rules, { refetch }] = createResource(
    () => ({ tenant: tenant().slug }),
    async (p) => (await unwrap(client.api.t[':tenant'].records.retention.$get({ param: p }))).rules,
  );
  const form = createForm({
    initial: { rules: [] as RuleRow[] },
    validate: (v) => {
      const errors: Record<string, string | undefined> = {};
      v.rules.forEach((r, i) => {
        if (!/^[a-z][a-z0-9_-]*$/.test(r.retentionClass.trim()))
          errors[`rules.${i}.retentionClass`] = i18n.t('records.classInvalid');
        for (const k of ['years', 'months', 'days'] as const)
          if (Number.isNaN(toInt(r[k] || '0'))) errors[`rules.${i}.${k}`] = i18n.t('records.wholeNumber');
      });
      return errors;
    },
    onSubmit: async (v) => {
      const res = await unwrap(
        client.api.t[':tenant'].records.retention.$put({
          param: { tenant: tenant().slug },
          json: {
            rules: v.rules.map((r) => ({
              retentionClass: r.retentionClass.trim(),
              years: toInt(r.years || '0'),
              months: toInt(r.months || '0'),
              days: toInt(r.days || '0'),
            })),
          },
        }),
      );
      load(res.rules);
      notify(i18n.t('records.saved'));
    },
  });
  const load = (list: { retentionClass: string; years: number; months: number; days: number }[]) =>
    form.set(
      'rules',
      list.map((r) => ({
        retentionClass: r.retentionClass,
        years: String(r.years),
        months: String(r.months),
        days: String(r.days),
      })),
    );
  createEffect(() => {
    const list = rules.latest;
    if (list) load(list);
  });

  const cell = (i: number, k: keyof RuleRow, label: string, numeric: boolean) => (
    <label class="field">
      <span class="sr-only">{label}</span>
      <input
        class="input input-sm"
        classList={{ num: numeric }}
        name={`rules.${i}.${k}`}
        inputmode={numeric ? 'numeric' : 'text'}
        value={form.values.rules[i]?.[k] ?? ''}
        disabled={!manage()}
        aria-invalid={form.error(`rules.${i}.${k}`) ? 'true' : undefined}
        onInput={(e) => form.set('rules', i, k, e.currentTarget.value)}
      />
      <Show when={form.error(`rules.${i}.${k}`)}>
        <span class="field-error" role="alert">
          {form.error(`rules.${i}.${k}`)}
        </span>
      </Show>
    </label>
  );

  return (
    <div class="stack">
      <p class="muted">{i18n.t('records.intro')}</p>
      <Card title={i18n.t('records.title')}>
        <Async resource={rules} refetch={refetch}>
          {() => (
            <form onSubmit={form.submit} noValidate class="stack">
              <Show
                when={form.values.rules.length > 0}
                fallback={<EmptyState title={i18n.t('records.noneTitle')} description={i18n.t('records.noneText')} />}
              >
                <div class="table-wrap">
                  <table class="table">
                    <caption class="sr-only">{i18n.t('records.title')}</caption>
                    <thead>
                      <tr>
                        <th>{i18n.t('records.class')}</th>
                        <th>{i18n.t('records.years')}</th>
                        <th>{i18n.t('records.months')}</th>
                        <th>{i18n.t('records.days')}</th>
                        <th>
                          <span class="sr-only">{i18n.t('common.actions')}</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={form.values.rules}>
                        {(_, i) => (
                          <tr>
                            <td>{cell(i(), 'retentionClass', i18n.t('records.class'), false)}</td>
                            <td>{cell(i(), 'years', i18n.t('records.years'), true)}</td>
                            <td>{cell(i(), 'months', i18n.t('records.months'), true)}</td>
                            <td>{cell(i(), 'days', i18n.t('records.days'), true)}</td>
                            <td class="end">
                              <Show when={manage()}>
                                <Button
                                  size="sm"
                                  variant="ghost"
                                  aria-label={i18n.t('records.removeRule', {
                                    class: form.values.rules[i()]?.retentionClass ?? '',
                                  })}
                                  onClick={() => form.set('rules', (l) => l.filter((_r, j) => j !== i()))}
                                >
                                  <Icon name="trash" />
                                </Button>
                              </Show>
                            </td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
              </Show>
              <Show when={form.error('rules')}>
                <p class="field-error" role="alert">
                  {form.error('rules')}
                </p>
              </Show>
              <FormError error={form.failure()} />
              <Show when={manage()}>
                <div class="row end-row">
                  <Button
                    onClick={() =>
                      form.set('rules', (l) => [...l, { retentionClass: '', years: '0', months: '0', days: '0' }])
                    }
                  >
                    <Icon name="plus" />
                    {i18n.t('records.addRule')}
                  </Button>
                  <Button type="submit" variant="primary" loading={form.submitting()}>
                    {i18n.t('common.save')}
                  </Button>
                </div>
              </Show>
            </form>
          )}
        </Async>
      </Card>
    </div>
  );
}
