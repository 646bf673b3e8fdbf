import {
  ApiError,
  AsyncTable,
  Button,
  Card,
  ConfirmDialog,
  EmptyState,
  Field,
  FormError,
  Modal,
  notify,
  PageHeader,
  SelectField,
  Toggle,
  useTenant,
} from '@bureau/core/ui';
import { createResource, createSignal, Show } from 'solid-js';
import type { RuleView, Test } from '../types.ts';
import { type MessageKey, useT } from '../ui.tsx';

const DISCIPLINES = ['biochemistry', 'haematology', 'immunology'] as const;
const KINDS = ['normal', 'abnormal', 'critical'] as const;
type Permission = RuleView['normal'];
interface Rules {
  rules: RuleView[];
  fallback: RuleView;
  settings: { fourEyes: boolean };
}

/**
 * Local rules: who releases normal, flagged and critical results of a test or a discipline, and
 * four-eyes (the tenant's default and a rule's own). Listed for readers; added, edited in place and
 * deleted by holders of medical.catalogue.
 */
export default function LocalRules() {
  const t = useT();
  const { api, can } = useTenant();
  const load = () => api<Rules>('/medical/rules');
  const [rules, { refetch }] = createResource(async () => (await load()).rules);
  const [settings, { mutate }] = createResource(async () => (await load()).settings);
  const [editing, setEditing] = createSignal<RuleView | 'new' | null>(null);
  const [deleting, setDeleting] = createSignal<RuleView | null>(null);
  const who = (p: Permission) => t(p === 'medical.release' ? 'rules.technician' : 'rules.authorised');
  const target = (r: RuleView) => r.test ?? t(`discipline.${r.discipline}` as MessageKey);
  const fourEyes = (r: RuleView) =>
    t(r.fourEyes === null ? 'rules.fourEyesDefault' : r.fourEyes ? 'rules.fourEyesOn' : 'rules.fourEyesOff');
  const setDefault = async (on: boolean) => {
    await api('/medical/settings', { method: 'PUT', body: { fourEyes: on } });
    mutate({ fourEyes: on });
    notify(t(on ? 'rules.fourEyesTurnedOn' : 'rules.fourEyesTurnedOff'));
  };
  return (
    <div class="page">
      <PageHeader
        title={t('rules.title')}
        description={t('rules.subtitle')}
        actions={
          <Show when={can('medical.catalogue')}>
            <Button variant="primary" onClick={() => setEditing('new')}>
              {t('rules.add')}
            </Button>
          </Show>
        }
      />
      <Card>
        <Show when={settings()}>
          {(current) => (
            <Toggle
              checked={current().fourEyes}
              onChange={setDefault}
              disabled={!can('medical.catalogue')}
              label={t('rules.fourEyesTenant')}
            />
          )}
        </Show>
        <p class="muted">{t('rules.fallback')}</p>
      </Card>
      <Card padded={false}>
        <AsyncTable
          resource={rules}
          refetch={refetch}
          caption={t('rules.title')}
          rowKey={(r) => r.id ?? ''}
          empty={<EmptyState title={t('rules.empty')} />}
          columns={[
            { header: t('rules.appliesTo'), cell: (r) => <span class="cell-primary">{target(r)}</span> },
            ...KINDS.map((k) => ({ header: t(`rules.${k}`), cell: (r: RuleView) => who(r[k]) })),
            { header: t('rules.fourEyes'), hideOnMobile: true, cell: fourEyes },
            { header: t('rules.note'), hideOnMobile: true, cell: (r) => r.note ?? t('common.none') },
            {
              // Visible: an sr-only header escapes the table's scroll box and widens a phone's page.
              header: t('rules.actions'),
              cell: (r) => (
                <Show when={can('medical.catalogue')}>
                  <div class="row">
                    <Button
                      size="sm"
                      onClick={() => setEditing(r)}
                      aria-label={t('rules.editOf', { target: target(r) })}
                    >
                      {t('rules.edit')}
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => setDeleting(r)}
                      aria-label={t('rules.deleteOf', { target: target(r) })}
                    >
                      {t('rules.delete')}
                    </Button>
                  </div>
                </Show>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={editing() !== null}
        onOpenChange={(open) => !open && setEditing(null)}
        title={t(editing() === 'new' ? 'rules.add' : 'rules.edit')}
      >
        <Show when={editing()} keyed>
          {(rule) => (
            <RuleForm
              rule={rule === 'new' ? null : rule}
              onSaved={(saved) => {
                setEditing(null);
                notify(t('rules.saved', { target: target(saved) }));
                refetch();
              }}
            />
          )}
        </Show>
      </Modal>
      <ConfirmDialog
        open={deleting() !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={t('rules.deleteTitle', { target: deleting() ? target(deleting() as RuleView) : '' })}
        description={t('rules.deleteText')}
        confirmLabel={t('rules.delete')}
        danger
        onConfirm={async () => {
          const r = deleting();
          if (!r?.id) return;
          await api(`/medical/rules/${r.id}`, { method: 'DELETE' });
          setDeleting(null);
          refetch();
        }}
      />
    </div>
  );
}

/** Adds a rule or edits one in place: its test or discipline, who releases each kind, four-eyes, a note. */
function RuleForm(props: { rule: RuleView | null; onSaved: (rule: RuleView) => void }) {
  const t = useT();
  const { api } = useTenant();
  const [tests] = createResource(async () => (await api<{ tests: Test[] }>('/medical/tests')).tests);
  const r = props.rule;
  const [v, setV] = createSignal({
    scope: r && !r.test ? 'discipline' : 'test',
    test: r?.test ?? '',
    discipline: r?.discipline ?? 'haematology',
    normal: r?.normal ?? 'medical.authorise',
    abnormal: r?.abnormal ?? 'medical.authorise',
    critical: r?.critical ?? 'medical.authorise',
    fourEyes: r?.fourEyes === null || !r ? 'default' : r.fourEyes ? 'on' : 'off',
    note: r?.note ?? '',
  });
  const [error, setError] = createSignal<ApiError | null>(null);
  const [busy, setBusy] = createSignal(false);
  const set = (k: keyof ReturnType<typeof v>) => (value: string) => setV({ ...v(), [k]: value });
  const permissions = [
    { value: 'medical.release', label: t('rules.technician') },
    { value: 'medical.authorise', label: t('rules.authorised') },
  ];
  const save = async (e: Event) => {
    e.preventDefault();
    const x = v();
    setBusy(true);
    setError(null);
    try {
      const body = {
        ...(x.scope === 'test' ? { test: x.test } : { discipline: x.discipline }),
        normal: x.normal,
        abnormal: x.abnormal,
        critical: x.critical,
        fourEyes: x.fourEyes === 'default' ? null : x.fourEyes === 'on',
        note: x.note.trim() || null,
      };
      const path = r?.id ? `/medical/rules/${r.id}` : '/medical/rules';
      props.onSaved(await api<RuleView>(path, { method: r?.id ? 'PUT' : 'POST', body }));
    } catch (err) {
      setError(err instanceof ApiError ? err : null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="form form-grid med-dialog-form" onSubmit={save}>
      <SelectField
        label={t('rules.scope')}
        name="scope"
        value={v().scope}
        onChange={set('scope')}
        options={[
          { value: 'test', label: t('rules.scopeTest') },
          { value: 'discipline', label: t('rules.scopeDiscipline') },
        ]}
      />
      <Show
        when={v().scope === 'test'}
        fallback={
          <SelectField
            label={t('catalogue.discipline')}
            name="discipline"
            value={v().discipline}
            onChange={set('discipline')}
            error={error()?.field('discipline')}
            options={DISCIPLINES.map((d) => ({ value: d, label: t(`discipline.${d}`) }))}
          />
        }
      >
        <SelectField
          label={t('rules.test')}
          name="test"
          value={v().test}
          onChange={set('test')}
          error={error()?.field('test')}
          options={[
            { value: '', label: t('rules.chooseTest') },
            ...(tests() ?? []).map((x) => ({ value: x.code, label: `${x.code} — ${x.name.en}` })),
          ]}
        />
      </Show>
      {KINDS.map((k) => (
        <SelectField label={t(`rules.${k}Who`)} name={k} value={v()[k]} onChange={set(k)} options={permissions} />
      ))}
      <SelectField
        label={t('rules.fourEyes')}
        name="fourEyes"
        value={v().fourEyes}
        onChange={set('fourEyes')}
        options={(['default', 'on', 'off'] as const).map((o) => ({
          value: o,
          label: t(o === 'default' ? 'rules.fourEyesDefault' : o === 'on' ? 'rules.fourEyesOn' : 'rules.fourEyesOff'),
        }))}
      />
      <Field
        label={t('rules.note')}
        name="note"
        value={v().note}
        onChange={set('note')}
        error={error()?.field('note')}
      />
      <FormError error={error()} />
      <div class="form-actions">
        <Button type="submit" variant="primary" loading={busy()}>
          {t('common.save')}
        </Button>
      </div>
    </form>
  );
}
