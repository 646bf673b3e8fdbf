import {
  Async,
  Button,
  createForm,
  DateInput,
  DateText,
  DetailPage,
  Field,
  Form,
  type FormState,
  Modal,
  notify,
  SelectField,
  StatusBadge,
  useI18n,
  useTenant,
  WorkflowPanel,
} from '@bureau/core/ui';
import { A, useParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import '../hr.css';
import { Figure } from '../figure.tsx';
import { useRT } from '../recruiting-messages.ts';
import { OPENING_STATUSES } from '../statuses.ts';
import type { Candidate, Opening, Stage } from '../types.ts';

type CandidateForm = {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  source: string;
  consentUntil: string;
  note: string;
};

interface Board {
  opening: Opening;
  columns: { id: string; stage: Stage | null; candidates: Candidate[] }[];
  closed: number;
}

/** Retention without consent, from the server's versioned data (data/recruiting.ts). */
const RETENTION_MONTHS = 6;

/** An opening: its pipeline board (a column per stage, then offered and hired), details and workflow. */
export default function OpeningPage() {
  const t = useRT();
  const i18n = useI18n();
  const params = useParams<{ id: string }>();
  const { tenant, api, can } = useTenant();
  const base = () => `/t/${tenant().slug}/hr/recruiting`;
  const [board, { refetch }] = createResource(
    () => params.id,
    (id) => api<Board>(`/hr/recruiting/openings/${id}/board`),
  );
  const [adding, setAdding] = createSignal(false);
  const form = createForm<CandidateForm>({
    initial: { firstName: '', lastName: '', email: '', phone: '', source: '', consentUntil: '', note: '' },
    onSubmit: async (v) => {
      const body = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== ''));
      await api('/hr/recruiting/candidates', { method: 'POST', body: { ...body, openingId: params.id } });
      form.set({ firstName: '', lastName: '', email: '', phone: '', source: '', consentUntil: '', note: '' });
      setAdding(false);
      void refetch();
    },
  });
  const stageOptions = (b: Board) =>
    b.columns.filter((c) => c.stage).map((c) => ({ value: c.id, label: i18n.text(c.stage!.label) }));
  const move = async (c: Candidate, stageId: string) => {
    try {
      await api(`/hr/recruiting/candidates/${c.id}/stage`, { method: 'POST', body: { stageId } });
      void refetch();
    } catch (e) {
      notify(e instanceof Error ? e.message : String(e), 'danger');
    }
  };
  const heading = (col: Board['columns'][number]) =>
    col.stage ? i18n.text(col.stage.label) : col.id === 'offered' ? t('offered') : t('hired');
  return (
    <>
      <Async resource={board} refetch={refetch}>
        {(b) => (
          <DetailPage
            title={b.opening.title}
            subtitle={[b.opening.department, b.opening.position].filter(Boolean).join(' · ')}
            status={<StatusBadge status={b.opening.status} statuses={OPENING_STATUSES} />}
            back={{ href: base(), label: t('openings') }}
            entity={{ type: 'hr.opening', id: b.opening.id }}
            actions={
              <Show when={can('hr.recruiting.manage') && b.opening.status === 'open'}>
                <Button variant="primary" onClick={() => setAdding(true)}>
                  {t('addCandidate')}
                </Button>
              </Show>
            }
            tabs={[
              {
                id: 'board',
                label: t('board'),
                content: () => (
                  <div class="stack">
                    <Show when={b.columns.some((c) => c.candidates.some((x) => x.masked && !x.anonymised))}>
                      <p class="muted">{t('masked')}</p>
                    </Show>
                    <div class="hr-board" data-testid="board">
                      <For each={b.columns}>
                        {(col) => (
                          <section class="hr-col" aria-label={heading(col)} data-column={col.stage?.key ?? col.id}>
                            <h3 class="hr-col-title">
                              {heading(col)} <span class="muted">{col.candidates.length}</span>
                            </h3>
                            <Show when={col.candidates.length} fallback={<p class="muted">{t('noCandidates')}</p>}>
                              <ul class="hr-cards">
                                <For each={col.candidates}>
                                  {(c) => (
                                    <li class="hr-card">
                                      <A class="cell-primary" href={`${base()}/candidates/${c.id}`}>
                                        {c.name}
                                      </A>
                                      <span class="muted">
                                        {t('lastContact')}: <DateText value={c.lastContact} />
                                      </span>
                                      <Show when={c.status === 'active' && can('hr.recruiting.manage')}>
                                        <SelectField
                                          label={t('moveTo', { name: c.name })}
                                          hideLabel
                                          name={`move-${c.id}`}
                                          value={c.stageId}
                                          options={stageOptions(b)}
                                          onChange={(v) => void move(c, v)}
                                        />
                                      </Show>
                                    </li>
                                  )}
                                </For>
                              </ul>
                            </Show>
                          </section>
                        )}
                      </For>
                    </div>
                    <Show when={b.closed}>
                      <p class="muted">{t('closedCount', { count: b.closed })}</p>
                    </Show>
                  </div>
                ),
              },
              {
                id: 'overview',
                label: t('overview'),
                content: () => (
                  <div class="stack">
                    <dl class="figures">
                      <Figure label={t('department')}>{b.opening.department ?? t('none')}</Figure>
                      <Figure label={t('position')}>{b.opening.position ?? t('none')}</Figure>
                      <Figure label={t('manager')}>{b.opening.managerName ?? t('none')}</Figure>
                      <Figure label={t('headcount')}>{`${b.opening.hired} / ${b.opening.headcount}`}</Figure>
                      <Figure label={t('contractType')}>
                        {b.opening.contractType ? t(b.opening.contractType) : t('none')}
                      </Figure>
                    </dl>
                    <Show when={b.opening.description}>
                      <p style={{ 'white-space': 'pre-wrap' }}>{b.opening.description}</p>
                    </Show>
                    <WorkflowPanel path={`/hr/recruiting/openings/${b.opening.id}`} onChange={() => void refetch()} />
                  </div>
                ),
              },
            ]}
          />
        )}
      </Async>
      <Modal open={adding()} onOpenChange={setAdding} title={t('addCandidate')}>
        <Form
          form={form}
          submitLabel={t('addCandidate')}
          actions={
            <Button variant="ghost" onClick={() => setAdding(false)}>
              {t('cancel')}
            </Button>
          }
        >
          <CandidateFields form={form} />
        </Form>
      </Modal>
    </>
  );
}

/** The candidate fields: name, contact, source, consent to longer keeping, note. */
function CandidateFields(props: { form: FormState<CandidateForm> }) {
  const t = useRT();
  const f = props.form;
  return (
    <div class="form-grid">
      <Field label={t('firstName')} {...f.bind('firstName')} required />
      <Field label={t('lastName')} {...f.bind('lastName')} required />
      <Field label={t('email')} {...f.bind('email')} type="email" />
      <Field label={t('phone')} {...f.bind('phone')} type="tel" />
      <Field label={t('source')} {...f.bind('source')} />
      <DateInput
        label={t('consentUntil')}
        {...f.bind('consentUntil')}
        description={t('consentHint', { count: RETENTION_MONTHS })}
      />
      <Field label={t('note')} {...f.bind('note')} multiline />
    </div>
  );
}
