import {
  Async,
  DateText,
  DetailPage,
  Money,
  PrintLabels,
  StatusBadge,
  useTenant,
  WorkflowPanel,
} from '@bureau/core/ui';
import { useParams } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import type { Employee } from '../../server/routes.ts';
import { useT } from '../messages.ts';
import { STATUSES } from '../statuses.ts';

/** One employee: overview with its workflow buttons, then its attachments and history (core's tabs). */
export default function Detail() {
  const t = useT();
  const params = useParams<{ id: string }>();
  const { tenant, api } = useTenant();
  const [item, { refetch }] = createResource(
    () => params.id,
    (id) => api<Employee>(`/hr/employees/${id}`),
  );
  return (
    <Async resource={item} refetch={refetch}>
      {(i) => (
        <DetailPage
          title={i.name}
          subtitle={<span class="mono">{i.code}</span>}
          status={<StatusBadge status={i.status} statuses={STATUSES} />}
          back={{ href: `/t/${tenant().slug}/hr`, label: t('title') }}
          actions={<PrintLabels items={[{ code: i.code, title: i.name }]}>{t('labels')}</PrintLabels>}
          entity={{ type: 'hr.employee', id: i.id }}
          tabs={[
            {
              id: 'overview',
              label: t('overview'),
              content: () => (
                <div class="stack">
                  <dl class="figures">
                    <div class="figure">
                      <dt>{t('dueDate')}</dt>
                      <dd>
                        <DateText value={i.dueDate} />
                      </dd>
                    </div>
                    <Show when={i.amount}>
                      {(a) => (
                        <div class="figure">
                          <dt>{t('amount')}</dt>
                          <dd>
                            <Money amount={a()} currency={i.currency ?? 'CZK'} />
                          </dd>
                        </div>
                      )}
                    </Show>
                    <div class="figure">
                      <dt>{t('created')}</dt>
                      <dd>
                        <DateText value={i.createdAt} time />
                      </dd>
                    </div>
                  </dl>
                  <Show when={i.note}>
                    <p>{i.note}</p>
                  </Show>
                  <WorkflowPanel path={`/hr/employees/${i.id}`} onChange={() => void refetch()} />
                </div>
              ),
            },
          ]}
        />
      )}
    </Async>
  );
}
