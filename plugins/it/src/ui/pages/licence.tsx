import {
  Async,
  createForm,
  DataTable,
  DateInput,
  DateText,
  DetailPage,
  Field,
  Form,
  Money,
  notify,
  StatusBadge,
  useTenant,
} from '@bureau/core/ui';
import { useParams } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import type { LicenceDetail, Seat } from '../../server/routes/licences.ts';
import { figure } from '../figure.tsx';
import { HolderPicker, holderBody } from '../holder-picker.tsx';
import { useST } from '../stock-messages.ts';
import { LICENCE_STATES, licenceState } from './licences.tsx';

/** One licence: seats used and free, give a seat (member, employee, device), release one, change seats or renew. */
export default function LicencePage() {
  const t = useST();
  const params = useParams<{ id: string }>();
  const { tenant, api, can } = useTenant();
  const [licence, { refetch, mutate }] = createResource(
    () => params.id,
    (id) => api<LicenceDetail>(`/it/licences/${id}`),
  );
  const done = (next: LicenceDetail) => {
    mutate(next);
    notify(t('saved'));
  };
  const seat = createForm({
    initial: { holderType: 'user', holderId: '' },
    validate: (v) => ({ holderId: v.holderId ? undefined : t('choose') }),
    onSubmit: async (v) => {
      done(
        await api<LicenceDetail>(`/it/licences/${params.id}/seats`, {
          method: 'POST',
          body: holderBody(v.holderType, v.holderId),
        }),
      );
      seat.set('holderId', '');
    },
  });
  const edit = createForm({
    initial: { seats: '', expiresOn: '' },
    onSubmit: async (v) => {
      const body: Record<string, unknown> = {};
      if (v.seats.trim()) body.seats = Number(v.seats.replace(/\s/g, ''));
      if (v.expiresOn) body.expiresOn = v.expiresOn;
      done(await api<LicenceDetail>(`/it/licences/${params.id}`, { method: 'PATCH', body }));
    },
  });
  const release = async (s: Seat) => {
    done(await api<LicenceDetail>(`/it/licences/${params.id}/seats/${s.id}/release`, { method: 'POST' }));
  };
  return (
    <Async resource={licence} refetch={refetch}>
      {(l) => (
        <DetailPage
          title={l.name}
          subtitle={l.vendor ?? undefined}
          status={<StatusBadge status={licenceState(l)} statuses={LICENCE_STATES} />}
          back={{ href: `/t/${tenant().slug}/it/licences`, label: t('licences') }}
          entity={{ type: 'it.licence', id: l.id }}
          tabs={[
            {
              id: 'overview',
              label: t('overview'),
              content: () => (
                <div class="stack">
                  <dl class="figures">
                    {figure(t('seats'), l.seats)}
                    {figure(t('seatsUsed'), l.seatsUsed)}
                    {figure(t('seatsFree'), l.seatsFree)}
                    {figure(t('expiresOn'), <DateText value={l.expiresOn} />)}
                    {figure(t('noticeDays'), l.noticeDays)}
                    <Show when={l.cost}>
                      {(c) => figure(t('cost'), <Money amount={c()} currency={l.currency ?? 'CZK'} />)}
                    </Show>
                  </dl>
                  <Show when={l.note}>
                    <p>{l.note}</p>
                  </Show>
                  <Show when={can('it.assets.assign') && l.seatsFree > 0}>
                    <h3>{t('assignSeat')}</h3>
                    <Form form={seat} submitLabel={t('assignSeat')}>
                      <div class="form-grid">
                        <HolderPicker
                          kinds={['user', 'employee', 'asset']}
                          kind={seat.bind('holderType')}
                          holder={seat.bind('holderId')}
                        />
                      </div>
                    </Form>
                  </Show>
                  <Show when={can('it.assets.manage')}>
                    <h3>{t('edit')}</h3>
                    <Form form={edit} submitLabel={t('save')}>
                      <div class="form-grid">
                        <Field label={t('seats')} {...edit.bind('seats')} inputmode="numeric" />
                        <DateInput label={t('expiresOn')} {...edit.bind('expiresOn')} />
                      </div>
                    </Form>
                  </Show>
                </div>
              ),
            },
            {
              id: 'seats',
              label: t('seatList'),
              content: () => (
                <Show when={licence()?.seatList.length} fallback={<p class="muted">{t('noSeats')}</p>}>
                  <DataTable<Seat>
                    rows={licence()?.seatList ?? []}
                    caption={t('seatList')}
                    rowKey={(s) => s.id}
                    columns={[
                      { header: t('holder'), cell: (s) => s.holder },
                      { header: t('assignedAt'), hideOnMobile: true, cell: (s) => <DateText value={s.assignedAt} /> },
                      {
                        header: t('released'),
                        cell: (s) => (
                          <Show
                            when={s.releasedAt}
                            fallback={
                              <Show when={can('it.assets.assign')}>
                                <button type="button" class="btn btn-secondary btn-sm" onClick={() => release(s)}>
                                  {t('release')}
                                </button>
                              </Show>
                            }
                          >
                            <DateText value={s.releasedAt} />
                          </Show>
                        ),
                      },
                    ]}
                  />
                </Show>
              ),
            },
          ]}
        />
      )}
    </Async>
  );
}
