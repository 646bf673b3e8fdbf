import { Async, Button, Card, createForm, Field, Form, notify, PageHeader, useI18n, useTenant } from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { createResource, For } from 'solid-js';
import { useRT } from '../recruiting-messages.ts';
import type { Stage } from '../types.ts';

type Row = { id?: string; name: string };

/** The pipeline stages: rename, reorder, add and remove; saved as one list. */
export default function Stages() {
  const t = useRT();
  const i18n = useI18n();
  const { tenant, api } = useTenant();
  const [stages, { refetch }] = createResource(() => api<{ items: Stage[] }>('/hr/recruiting/stages'));
  return (
    <div class="page">
      <PageHeader
        title={t('stages')}
        description={t('stagesHint')}
        actions={
          <A class="btn btn-secondary" href={`/t/${tenant().slug}/hr/recruiting`}>
            {t('recruiting')}
          </A>
        }
      />
      <Async resource={stages} refetch={refetch}>
        {(list) => {
          const form = createForm<{ stages: Row[] }>({
            initial: { stages: list.items.map((s) => ({ id: s.id, name: i18n.text(s.label) })) },
            onSubmit: async (v) => {
              const saved = await api<{ items: Stage[] }>('/hr/recruiting/stages', { method: 'PUT', body: v });
              form.set({ stages: saved.items.map((s) => ({ id: s.id, name: i18n.text(s.label) })) });
              notify(t('saved'));
            },
          });
          const rows = () => form.values.stages;
          const swap = (i: number, j: number) => {
            const next = [...rows()];
            [next[i], next[j]] = [next[j]!, next[i]!];
            form.set('stages', next);
          };
          return (
            <Card>
              <Form form={form} submitLabel={t('save')}>
                <ol class="stack" aria-label={t('stages')}>
                  <For each={rows()}>
                    {(row, i) => (
                      <li class="row">
                        <Field label={`${i() + 1}. ${t('stageName')}`} {...form.bind(`stages.${i()}.name`)} required />
                        <Button
                          size="sm"
                          variant="ghost"
                          disabled={i() === 0}
                          aria-label={t('moveUp', { name: row.name })}
                          onClick={() => swap(i(), i() - 1)}
                        >
                          ↑
                        </Button>
                        <Button
                          size="sm"
                          variant="ghost"
                          disabled={i() === rows().length - 1}
                          aria-label={t('moveDown', { name: row.name })}
                          onClick={() => swap(i(), i() + 1)}
                        >
                          ↓
                        </Button>
                        <Button
                          size="sm"
                          variant="ghost"
                          disabled={rows().length === 1}
                          aria-label={t('remove', { name: row.name })}
                          onClick={() =>
                            form.set(
                              'stages',
                              rows().filter((_, k) => k !== i()),
                            )
                          }
                        >
                          ×
                        </Button>
                      </li>
                    )}
                  </For>
                </ol>
                <Button variant="secondary" onClick={() => form.set('stages', [...rows(), { name: '' }])}>
                  {t('addStage')}
                </Button>
              </Form>
            </Card>
          );
        }}
      </Async>
    </div>
  );
}
