import {
  Async,
  Button,
  Card,
  DataTable,
  DateText,
  DetailPage,
  notify,
  Toggle,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { useParams } from '@solidjs/router';
import { createEffect, createResource, createSignal, Show } from 'solid-js';
import { useOT } from '../onboarding-messages.ts';
import type { Attendee, Session } from '../types.ts';

/** One training session: its attendees, ticking who attended issues their certificates. */
export default function SessionPage() {
  const t = useOT();
  const i18n = useI18n();
  const params = useParams<{ id: string }>();
  const { tenant, api, can } = useTenant();
  const [session, { refetch }] = createResource(
    () => params.id,
    (id) => api<Session>(`/hr/training/sessions/${id}`),
  );
  const [attended, setAttended] = createSignal<Set<string>>(new Set());
  createEffect(() => {
    const s = session();
    if (s) setAttended(new Set(s.attendees.filter((a) => a.attended).map((a) => a.employeeId)));
  });
  const toggle = (id: string, on: boolean) => {
    const next = new Set(attended());
    if (on) next.add(id);
    else next.delete(id);
    setAttended(next);
  };
  const save = async () => {
    await api(`/hr/training/sessions/${params.id}/attendance`, { method: 'POST', body: { attended: [...attended()] } });
    notify(t('attendanceSaved'));
    void refetch();
  };
  return (
    <Async resource={session} refetch={refetch}>
      {(s) => (
        <DetailPage
          title={`${s.courseName} · ${i18n.date(s.heldOn)}`}
          back={{ href: `/t/${tenant().slug}/hr/training`, label: t('training') }}
          tabs={[
            {
              id: 'attendees',
              label: t('attendees'),
              content: () => (
                <div class="stack">
                  <dl class="figures">
                    <div class="figure">
                      <dt>{t('heldOn')}</dt>
                      <dd>
                        <DateText value={s.heldOn} />
                      </dd>
                    </div>
                    <div class="figure">
                      <dt>{t('place')}</dt>
                      <dd>{s.place ?? '—'}</dd>
                    </div>
                  </dl>
                  <Card padded={false}>
                    <DataTable<Attendee>
                      caption={t('attendees')}
                      rows={s.attendees}
                      rowKey={(a) => a.employeeId}
                      columns={[
                        {
                          header: t('attendees'),
                          cell: (a) => (
                            <Toggle
                              label={t('attendedLabel', { name: a.name })}
                              checked={attended().has(a.employeeId)}
                              disabled={Boolean(a.trainingId) || !can('hr.people.manage')}
                              onChange={(on) => toggle(a.employeeId, on)}
                            />
                          ),
                        },
                        { header: t('certificate'), hideOnMobile: true, cell: (a) => a.certificate ?? '—' },
                        {
                          header: t('expiresOn'),
                          cell: (a) => (a.expiresOn ? <DateText value={a.expiresOn} /> : '—'),
                        },
                      ]}
                    />
                  </Card>
                  <Show when={can('hr.people.manage')}>
                    <div>
                      <Button variant="primary" onClick={() => void save()}>
                        {t('recordAttendance')}
                      </Button>
                    </div>
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
