import {
  Async,
  Badge,
  Button,
  Card,
  ConfirmDialog,
  DataTable,
  DateText,
  notify,
  PageHeader,
  unwrap,
  useTenant,
} from '@bureau/core/ui';
import { A, useNavigate, useParams } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { useAccounting } from '../api.ts';
import { Amount, BackLink, Icon, useBase, useGuard, useT } from '../ui.tsx';
import { sourceLabel } from './journal.tsx';

/** One journal entry with its lines; reversal (the only correction of a posted entry). */
export default function Entry() {
  const t = useT();
  const api = useAccounting();
  const base = useBase();
  const params = useParams();
  const navigate = useNavigate();
  const { can } = useTenant();
  const [entry, { refetch }] = createResource(
    () => params.id,
    (id) => unwrap(api().journal[':id'].$get({ param: { id } })),
  );
  const [reversing, setReversing] = createSignal(false);
  const guard = useGuard();

  return (
    <div class="page acc">
      <BackLink href={base()}>{t('journal.title')}</BackLink>
      <Async resource={entry} refetch={refetch}>
        {(e) => (
          <>
            <PageHeader
              title={
                <span class="title-row">
                  {t('entry.title', { number: e.number })}
                  <Show when={e.reversesId}>
                    <Badge tone="warning">{t('journal.reversal')}</Badge>
                  </Show>
                  <Show when={e.reversedById}>
                    <Badge>{t('journal.reversed')}</Badge>
                  </Show>
                </span>
              }
              description={e.memo || t('journal.noMemo')}
              actions={
                <Show when={can('accounting.post') && !e.reversedById}>
                  <Button onClick={() => setReversing(true)} data-testid="reverse-entry">
                    <Icon name="undo" />
                    {t('entry.reverse')}
                  </Button>
                </Show>
              }
            />
            <div class="facts">
              <div class="fact">
                <span class="fact-label">{t('common.date')}</span>
                <span class="fact-value">
                  <DateText value={e.date} />
                </span>
              </div>
              <div class="fact">
                <span class="fact-label">{t('journal.total')}</span>
                <span class="fact-value">
                  <Amount value={e.total} currency={e.currency} />
                </span>
              </div>
              <div class="fact">
                <span class="fact-label">{t('entry.fiscalYear')}</span>
                <span class="fact-value num">{e.fiscalYear}</span>
              </div>
              <div class="fact">
                <span class="fact-label">{t('entry.postedAt')}</span>
                <span class="fact-value">
                  <DateText value={e.createdAt} time />
                </span>
              </div>
              <Show when={e.source}>
                {(s) => (
                  <div class="fact">
                    <span class="fact-label">{t('entry.source')}</span>
                    <span class="fact-value">{sourceLabel(s().type, t)}</span>
                  </div>
                )}
              </Show>
              <Show when={e.reversesId}>
                {(id) => (
                  <div class="fact">
                    <span class="fact-label">{t('entry.reverses')}</span>
                    <A class="fact-value" href={`${base()}/journal/${id()}`}>
                      {t('entry.openOriginal')}
                    </A>
                  </div>
                )}
              </Show>
              <Show when={e.reversedById}>
                {(id) => (
                  <div class="fact">
                    <span class="fact-label">{t('entry.reversedBy')}</span>
                    <A class="fact-value" href={`${base()}/journal/${id()}`}>
                      {t('entry.openReversal')}
                    </A>
                  </div>
                )}
              </Show>
            </div>
            <Card title={t('entry.lines')} padded={false}>
              <DataTable
                caption={t('entry.lines')}
                rows={e.lines}
                rowKey={(l) => String(l.lineNo)}
                columns={[
                  {
                    header: t('entry.account'),
                    cell: (l) => (
                      <div>
                        <div class="cell-primary">
                          <span class="mono">{l.account}</span> {l.accountName}
                        </div>
                        <Show when={l.memo || l.counterparty}>
                          <div class="cell-secondary">{[l.counterparty, l.memo].filter(Boolean).join(' · ')}</div>
                        </Show>
                      </div>
                    ),
                  },
                  {
                    header: t('entry.foreign'),
                    hideOnMobile: true,
                    cell: (l) => (
                      <Show when={l.currency !== e.currency} fallback={<span class="muted">—</span>}>
                        <span class="num">
                          <Amount value={l.amount} currency={l.currency} /> × {l.rate}
                        </span>
                      </Show>
                    ),
                  },
                  {
                    header: t('entry.debit'),
                    align: 'end',
                    cell: (l) => <Amount value={l.debit} currency={e.currency} />,
                  },
                  {
                    header: t('entry.credit'),
                    align: 'end',
                    cell: (l) => <Amount value={l.credit} currency={e.currency} />,
                  },
                ]}
              />
              <div class="balance-bar is-balanced">
                <span class="balance-state">
                  <Icon name="check" />
                  {t('entry.balancedTotal')}
                </span>
                <span class="num strong">
                  <Amount value={e.total} currency={e.currency} />
                </span>
              </div>
            </Card>
            <ConfirmDialog
              open={reversing()}
              onOpenChange={setReversing}
              title={t('entry.reverseTitle', { number: e.number })}
              description={t('entry.reverseText')}
              confirmLabel={t('entry.reverse')}
              danger
              onConfirm={guard(async () => {
                const r = await unwrap(api().journal[':id'].reverse.$post({ param: { id: e.id }, json: {} }));
                notify(t('entry.reversedOk', { number: r.number }));
                navigate(`${base()}/journal/${r.id}`);
              })}
            />
          </>
        )}
      </Async>
    </div>
  );
}
