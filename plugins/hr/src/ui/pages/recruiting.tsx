import {
  Button,
  Card,
  createForm,
  Field,
  Form,
  Modal,
  NumberInput,
  PageHeader,
  ResourceList,
  SelectField,
  StatusBadge,
  statusOptions,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { A, useNavigate } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { useRT } from '../recruiting-messages.ts';
import { OPENING_STATUSES } from '../statuses.ts';
import type { Opening, Person } from '../types.ts';

/** Openings with their pipeline counts; a new opening in a dialog; the link to the pipeline stages. */
export default function Recruiting() {
  const t = useRT();
  const i18n = useI18n();
  const navigate = useNavigate();
  const { tenant, api, can } = useTenant();
  const base = () => `/t/${tenant().slug}/hr/recruiting`;
  const [open, setOpen] = createSignal(false);
  const [people] = createResource(open, () => api<{ items: Person[] }>('/hr/employees?status=active&limit=200'));
  const form = createForm({
    initial: { title: '', department: '', position: '', managerId: '', headcount: '1', contractType: 'hpp' },
    onSubmit: async (v) => {
      const body = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== ''));
      const o = await api<Opening>('/hr/recruiting/openings', {
        method: 'POST',
        body: { ...body, headcount: Number(v.headcount) },
      });
      setOpen(false);
      navigate(`${base()}/openings/${o.id}`);
    },
  });
  const actions = () => (
    <div class="row">
      <Show when={can('hr.recruiting.manage')}>
        <A class="btn btn-secondary" href={`${base()}/stages`}>
          {t('stages')}
        </A>
        <Button variant="primary" onClick={() => setOpen(true)}>
          {t('newOpening')}
        </Button>
      </Show>
    </div>
  );
  return (
    <div class="page">
      <PageHeader title={t('recruiting')} description={t('recruitingSubtitle')} actions={actions()} />
      <Card padded={false}>
        <ResourceList<Opening>
          path="/hr/recruiting/openings"
          caption={t('openings')}
          search={t('searchOpenings')}
          defaultSort={{ key: 'createdAt', dir: 'desc' }}
          filters={[
            {
              name: 'status',
              label: t('status'),
              type: 'segmented',
              options: statusOptions(OPENING_STATUSES, i18n.text),
            },
          ]}
          empty={{ title: t('openingsEmpty'), description: t('openingsEmptyText') }}
          rowKey={(o) => o.id}
          rowLabel={(o) => o.title}
          rowHref={(o) => `${base()}/openings/${o.id}`}
          columns={[
            {
              header: t('title'),
              sort: 'title',
              cell: (o) => (
                <A class="cell-primary" href={`${base()}/openings/${o.id}`}>
                  {o.title}
                </A>
              ),
            },
            { header: t('department'), hideOnMobile: true, cell: (o) => o.department ?? '' },
            { header: t('inPipeline'), align: 'end', cell: (o) => o.active },
            { header: t('hired'), align: 'end', cell: (o) => `${o.hired} / ${o.headcount}` },
            { header: t('status'), cell: (o) => <StatusBadge status={o.status} statuses={OPENING_STATUSES} /> },
          ]}
        />
      </Card>
      <Modal open={open()} onOpenChange={setOpen} title={t('newOpening')}>
        <Form
          form={form}
          submitLabel={t('create')}
          actions={
            <Button variant="ghost" onClick={() => setOpen(false)}>
              {t('cancel')}
            </Button>
          }
        >
          <div class="form-grid">
            <Field label={t('title')} {...form.bind('title')} required />
            <Field label={t('department')} {...form.bind('department')} />
            <Field label={t('position')} {...form.bind('position')} />
            <SelectField
              label={t('manager')}
              {...form.bind('managerId')}
              options={[
                { value: '', label: t('none') },
                ...(people()?.items ?? []).map((p) => ({ value: p.id, label: p.name })),
              ]}
            />
            <NumberInput label={t('headcount')} {...form.bind('headcount')} decimals={0} />
            <SelectField
              label={t('contractType')}
              {...form.bind('contractType')}
              options={(['hpp', 'dpp', 'dpc'] as const).map((k) => ({ value: k, label: t(k) }))}
            />
          </div>
        </Form>
      </Modal>
    </div>
  );
}
