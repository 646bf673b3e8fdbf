import {
  Async,
  Card,
  createForm,
  DateInput,
  DateText,
  DetailPage,
  EmptyState,
  Field,
  Form,
  Money,
  NumberInput,
  notify,
  SelectField,
  StatusBadge,
  useI18n,
  useTenant,
  WorkflowPanel,
} from '@bureau/core/ui';
import { A, useParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { Figure } from '../figure.tsx';
import { useRT } from '../recruiting-messages.ts';
import { CANDIDATE_STATUSES } from '../statuses.ts';
import type { Candidate, Interview, Person, Stage } from '../types.ts';

type Detail = Candidate & { interviews: Interview[] };

/** One candidate: contact and offer (when permitted), stage, workflow, interviews with scorecards. */
export default function CandidatePage() {
  const t = useRT();
  const i18n = useI18n();
  const params = useParams<{ id: string }>();
  const { tenant, api, can } = useTenant();
  const base = () => `/t/${tenant().slug}/hr`;
  const [candidate, { refetch }] = createResource(
    () => params.id,
    (id) => api<Detail>(`/hr/recruiting/candidates/${id}`),
  );
  const [stages] = createResource(() => api<{ items: Stage[] }>('/hr/recruiting/stages'));
  const [people] = createResource(
    () => can('hr.recruiting.manage'),
    (ok) => (ok ? api<{ items: Person[] }>('/hr/employees?status=active&limit=200') : { items: [] as Person[] }),
  );
  const stageLabel = (id: string) => {
    const s = stages()?.items.find((x) => x.id === id);
    return s ? i18n.text(s.label) : '…';
  };
  const move = async (stageId: string) => {
    try {
      await api(`/hr/recruiting/candidates/${params.id}/stage`, { method: 'POST', body: { stageId } });
      void refetch();
    } catch (e) {
      notify(e instanceof Error ? e.message : String(e), 'danger');
    }
  };
  const text = (v: string | null | undefined) => v || t('none');

  const schedule = createForm({
    initial: { date: '', time: '10:00', durationMinutes: '60', kind: 'onsite', location: '', first: '', second: '' },
    onSubmit: async (v) => {
      const startsAt = new Date(`${v.date}T${v.time}`);
      await api(`/hr/recruiting/candidates/${params.id}/interviews`, {
        method: 'POST',
        body: {
          startsAt: Number.isNaN(startsAt.getTime()) ? v.date : startsAt.toISOString(),
          durationMinutes: Number(v.durationMinutes || 60),
          kind: v.kind,
          ...(v.location ? { location: v.location } : {}),
          interviewerIds: [v.first, v.second].filter(Boolean),
        },
      });
      schedule.set({ date: '', location: '', second: '' });
      void refetch();
    },
  });

  return (
    <Async resource={candidate} refetch={refetch}>
      {(c) => (
        <DetailPage
          title={c.name}
          subtitle={
            <A href={`${base()}/recruiting/openings/${c.openingId}`} class="muted">
              {c.openingTitle}
            </A>
          }
          status={<StatusBadge status={c.status} statuses={CANDIDATE_STATUSES} />}
          back={{ href: `${base()}/recruiting/openings/${c.openingId}`, label: c.openingTitle }}
          entity={{ type: 'hr.candidate', id: c.id }}
          tabs={[
            {
              id: 'overview',
              label: t('overview'),
              content: () => (
                <div class="stack">
                  <Show when={c.anonymised}>
                    <p class="muted">{t('anonymised')}</p>
                  </Show>
                  <Show when={c.masked && !c.anonymised}>
                    <p class="muted">{t('masked')}</p>
                  </Show>
                  <dl class="figures">
                    <Figure label={t('stage')}>
                      <Show
                        when={c.status === 'active' && can('hr.recruiting.manage')}
                        fallback={stageLabel(c.stageId)}
                      >
                        <SelectField
                          label={t('moveTo', { name: c.name })}
                          hideLabel
                          name="stage"
                          value={c.stageId}
                          options={(stages()?.items ?? []).map((s) => ({ value: s.id, label: i18n.text(s.label) }))}
                          onChange={(v) => void move(v)}
                        />
                      </Show>
                    </Figure>
                    <Show when={!c.masked}>
                      <Figure label={t('email')}>{text(c.email)}</Figure>
                      <Figure label={t('phone')}>{text(c.phone)}</Figure>
                      <Figure label={t('source')}>{text(c.source)}</Figure>
                      <Figure label={t('consentUntil')}>
                        <DateText value={c.consentUntil} />
                      </Figure>
                    </Show>
                    <Figure label={t('lastContact')}>
                      <DateText value={c.lastContact} />
                    </Figure>
                    <Show when={c.closedOn}>
                      <Figure label={t('closedOn')}>
                        <DateText value={c.closedOn} />
                      </Figure>
                    </Show>
                    <Show when={c.offer}>
                      {(o) => (
                        <>
                          <Figure label={t('offer')}>{t(o().contractType)}</Figure>
                          <Figure label={t('startDate')}>
                            <DateText value={o().startDate} />
                          </Figure>
                          <Figure label={o().monthlySalary ? t('monthlySalary') : t('hourlyRate')}>
                            <Money amount={(o().monthlySalary ?? o().hourlyRate)!} currency="CZK" />
                          </Figure>
                        </>
                      )}
                    </Show>
                    <Show when={c.employeeId}>
                      <Figure label={t('employee')}>
                        <A href={`${base()}/employees/${c.employeeId}`}>{t('openEmployee')}</A>
                      </Figure>
                    </Show>
                  </dl>
                  <Show when={c.note}>
                    <p style={{ 'white-space': 'pre-wrap' }}>{c.note}</p>
                  </Show>
                  <WorkflowPanel path={`/hr/recruiting/candidates/${c.id}`} onChange={() => void refetch()} />
                </div>
              ),
            },
            {
              id: 'interviews',
              label: `${t('interviews')} (${c.interviews.length})`,
              content: () => (
                <div class="stack">
                  <Show
                    when={c.interviews.length}
                    fallback={<EmptyState title={t('noInterviews')} description={t('scheduleInterview')} />}
                  >
                    <For each={c.interviews}>
                      {(iv) => <InterviewCard interview={iv} onChange={() => void refetch()} />}
                    </For>
                  </Show>
                  <Show
                    when={
                      can('hr.recruiting.manage') && !c.anonymised && (c.status === 'active' || c.status === 'offered')
                    }
                  >
                    <Card title={t('scheduleInterview')}>
                      <Form form={schedule} submitLabel={t('scheduleInterview')}>
                        <div class="form-grid">
                          <DateInput label={t('startsAt')} {...schedule.bind('date')} required />
                          <Field label={t('time')} {...schedule.bind('time')} placeholder="10:00" required />
                          <NumberInput label={t('duration')} {...schedule.bind('durationMinutes')} decimals={0} />
                          <SelectField
                            label={t('kind')}
                            {...schedule.bind('kind')}
                            options={[
                              { value: 'onsite', label: t('onsite') },
                              { value: 'video', label: t('video') },
                              { value: 'phone', label: t('phoneCall') },
                            ]}
                          />
                          <Field label={t('location')} {...schedule.bind('location')} />
                          <SelectField
                            label={t('interviewer')}
                            {...schedule.bind('first')}
                            error={schedule.error('interviewerIds') ?? schedule.error('interviewerIds.0')}
                            options={[
                              { value: '', label: t('none') },
                              ...(people()?.items ?? []).map((p) => ({ value: p.id, label: p.name })),
                            ]}
                          />
                          <SelectField
                            label={`${t('interviewer')} 2`}
                            {...schedule.bind('second')}
                            options={[
                              { value: '', label: t('none') },
                              ...(people()?.items ?? []).map((p) => ({ value: p.id, label: p.name })),
                            ]}
                          />
                        </div>
                      </Form>
                    </Card>
                  </Show>
                </div>
              ),
            },
          ]}
        />
      )}
    </Async>
  );
}

/** One interview: when, how, who; its scorecards and, for an interviewer, the scorecard form. */
function InterviewCard(props: { interview: Interview; onChange: () => void }) {
  const t = useRT();
  const i18n = useI18n();
  const { api, can } = useTenant();
  const iv = () => props.interview;
  const kinds: Record<Interview['kind'], string> = { onsite: t('onsite'), video: t('video'), phone: t('phoneCall') };
  const pending = () => iv().interviewers.filter((p) => !iv().scorecards.some((s) => s.interviewerId === p.id));
  const form = createForm({
    initial: { interviewerId: pending()[0]?.id ?? '', rating: '3', recommendation: 'yes', notes: '' },
    onSubmit: async (v) => {
      await api(`/hr/recruiting/interviews/${iv().id}/scorecards`, {
        method: 'POST',
        body: {
          interviewerId: v.interviewerId,
          rating: Number(v.rating),
          recommendation: v.recommendation,
          ...(v.notes ? { notes: v.notes } : {}),
        },
      });
      form.set({ notes: '' });
      props.onChange();
    },
  });
  return (
    <Card
      title={
        <>
          {i18n.dateTime(iv().startsAt)} · {kinds[iv().kind]}
        </>
      }
    >
      <div class="stack">
        <p>
          {t('interviewers')}:{' '}
          {iv()
            .interviewers.map((p) => p.name)
            .join(', ')}
          <Show when={iv().location}> · {iv().location}</Show>
        </p>
        <Show when={iv().scorecards.length}>
          <ul class="hr-cards" aria-label={t('scorecards')}>
            <For each={iv().scorecards}>
              {(s) => (
                <li class="hr-card">
                  <strong>
                    {s.interviewerName}: {s.rating}/5 · {t(s.recommendation)}
                  </strong>
                  <Show when={s.notes}>
                    <span style={{ 'white-space': 'pre-wrap' }}>{s.notes}</span>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show when={can('hr.recruiting.interview') && pending().length}>
          <Form form={form} submitLabel={t('addScorecard')} label={t('addScorecard')}>
            <div class="form-grid">
              <SelectField
                label={t('interviewer')}
                {...form.bind('interviewerId')}
                options={pending().map((p) => ({ value: p.id, label: p.name }))}
              />
              <SelectField
                label={t('rating')}
                {...form.bind('rating')}
                options={['1', '2', '3', '4', '5'].map((r) => ({ value: r, label: r }))}
              />
              <SelectField
                label={t('recommendation')}
                {...form.bind('recommendation')}
                options={(['strong_no', 'no', 'yes', 'strong_yes'] as const).map((r) => ({ value: r, label: t(r) }))}
              />
              <Field label={t('notes')} {...form.bind('notes')} multiline />
            </div>
          </Form>
        </Show>
      </div>
    </Card>
  );
}
