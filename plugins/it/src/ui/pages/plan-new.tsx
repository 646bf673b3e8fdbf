import {
  Card,
  createForm,
  DateInput,
  Field,
  Form,
  PageHeader,
  Segmented,
  SelectField,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { useNavigate, useSearchParams } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import type { Asset } from '../../server/routes/assets.ts';
import type { Plan } from '../../server/routes/maintenance.ts';
import { useMT } from '../maintenance-messages.ts';
import { PRIORITY_LABELS } from '../statuses.ts';
import type { CategoryRow } from '../types.ts';

type Interval = 'days' | 'months' | 'meter';

const int = (v: string) => (v.trim() === '' ? undefined : Number(v.replace(/\s/g, '')));

/**
 * A maintenance plan: for one asset (`?asset=` from its card) or a category; every N days or
 * months (fixed calendar or from the last completion) or by a meter; first due date, the shift off
 * days off, lead days and the checklist. The server's field errors show under each field.
 */
export default function PlanNew() {
  const t = useMT();
  const i18n = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams<{ asset?: string }>();
  const { tenant, api } = useTenant();
  const [assets] = createResource(() => api<{ items: Asset[] }>('/it/assets?limit=200&sort=tag&dir=asc'));
  const [categories] = createResource(() => api<{ items: CategoryRow[] }>('/it/categories'));
  const form = createForm({
    initial: {
      title: '',
      target: 'asset',
      assetId: params.asset ?? '',
      categoryId: '',
      interval: 'months' as Interval,
      every: '3',
      meter: 'km',
      meterStart: '',
      leadMeter: '',
      basis: 'fixed',
      startsOn: '',
      shift: 'after',
      leadDays: '7',
      checklist: '',
      priority: 'normal',
      estimatedMinutes: '',
      instructions: '',
    },
    onSubmit: async (v) => {
      const meter = v.interval === 'meter';
      const body = {
        title: v.title,
        ...(v.target === 'asset' ? { assetId: v.assetId || undefined } : { categoryId: v.categoryId || undefined }),
        [v.interval === 'days' ? 'everyDays' : v.interval === 'months' ? 'everyMonths' : 'everyMeter']: int(v.every),
        ...(meter ? { meter: v.meter, meterStart: int(v.meterStart), leadMeter: int(v.leadMeter) } : {}),
        ...(meter
          ? {}
          : { basis: v.basis, shift: v.shift, startsOn: v.startsOn || undefined, leadDays: int(v.leadDays) }),
        checklist: v.checklist
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
        priority: v.priority,
        estimatedMinutes: int(v.estimatedMinutes),
        instructions: v.instructions || undefined,
      };
      const created = await api<Plan>('/it/maintenance/plans', { method: 'POST', body });
      navigate(`/t/${tenant().slug}/it/maintenance/plans/${created.id}`);
    },
  });
  // Server errors name the API's fields; show them on the form's.
  const err = (...paths: string[]) => paths.map((p) => form.error(p)).find(Boolean);
  return (
    <div class="page">
      <PageHeader title={t('newPlan')} />
      <Card>
        <Form form={form} submitLabel={t('createPlan')}>
          <Field label={t('planTitle')} {...form.bind('title')} required autofocus />
          <Segmented
            label={t('target')}
            value={form.values.target}
            options={[
              { value: 'asset', label: t('targetAsset') },
              { value: 'category', label: t('targetCategory') },
            ]}
            onChange={(v) => form.set('target', v)}
          />
          <div class="form-grid">
            <Show
              when={form.values.target === 'asset'}
              fallback={
                <SelectField
                  label={t('category')}
                  {...form.bind('categoryId')}
                  error={err('categoryId', 'assetId')}
                  options={[
                    { value: '', label: t('choose') },
                    ...(categories()?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
                  ]}
                />
              }
            >
              <SelectField
                label={t('asset')}
                {...form.bind('assetId')}
                options={[
                  { value: '', label: t('choose') },
                  ...(assets()?.items ?? []).map((a) => ({ value: a.id, label: `${a.tag} ${a.name}` })),
                ]}
              />
            </Show>
            <SelectField
              label={t('interval')}
              {...form.bind('interval')}
              options={[
                { value: 'days', label: t('byDays') },
                { value: 'months', label: t('byMonths') },
                { value: 'meter', label: t('byMeter') },
              ]}
            />
            <Field
              label={t('every')}
              {...form.bind('every')}
              inputmode="numeric"
              error={err('every', 'everyDays', 'everyMonths', 'everyMeter')}
              required
            />
            <Show
              when={form.values.interval === 'meter'}
              fallback={
                <>
                  <SelectField
                    label={t('basis')}
                    {...form.bind('basis')}
                    options={[
                      { value: 'fixed', label: t('fixed') },
                      { value: 'floating', label: t('floating') },
                    ]}
                  />
                  <DateInput label={t('startsOn')} {...form.bind('startsOn')} description={t('startsOnHint')} />
                  <SelectField
                    label={t('shift')}
                    {...form.bind('shift')}
                    options={[
                      { value: 'none', label: t('shiftNone') },
                      { value: 'before', label: t('shiftBefore') },
                      { value: 'after', label: t('shiftAfter') },
                    ]}
                  />
                  <Field label={t('leadDays')} {...form.bind('leadDays')} inputmode="numeric" />
                </>
              }
            >
              <SelectField
                label={t('meter')}
                {...form.bind('meter')}
                options={(['km', 'hours', 'pages', 'cycles'] as const).map((m) => ({ value: m, label: t(m) }))}
              />
              <Field label={t('meterStart')} {...form.bind('meterStart')} inputmode="numeric" />
              <Field label={t('leadMeter')} {...form.bind('leadMeter')} inputmode="numeric" />
            </Show>
            <SelectField
              label={t('priority')}
              {...form.bind('priority')}
              options={(['low', 'normal', 'high', 'urgent'] as const).map((p) => ({
                value: p,
                label: i18n.text(PRIORITY_LABELS[p].label),
              }))}
            />
            <Field label={t('estimatedMinutes')} {...form.bind('estimatedMinutes')} inputmode="numeric" />
          </div>
          <Field
            label={t('checklist')}
            {...form.bind('checklist')}
            error={err('checklist', 'checklist.0')}
            description={t('checklistHint')}
            multiline
            required
          />
          <Field label={t('instructions')} {...form.bind('instructions')} multiline />
        </Form>
      </Card>
    </div>
  );
}
