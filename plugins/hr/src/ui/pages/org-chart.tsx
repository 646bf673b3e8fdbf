import { Async, Card, EmptyState, PageHeader, useTenant } from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import '../hr.css';
import { useOT } from '../onboarding-messages.ts';

interface Node {
  id: string;
  name: string;
  position: string | null;
  department: string | null;
  managerId: string | null;
}

/** Roots first (no active manager), then anyone a reporting cycle left out, each with their reports. */
function forest(nodes: Node[]) {
  const children = new Map<string, Node[]>();
  for (const n of nodes) if (n.managerId) children.set(n.managerId, [...(children.get(n.managerId) ?? []), n]);
  const roots = nodes.filter((n) => !n.managerId);
  const seen = new Set<string>();
  const walk = (n: Node) => {
    if (seen.has(n.id)) return;
    seen.add(n.id);
    for (const c of children.get(n.id) ?? []) walk(c);
  };
  roots.forEach(walk);
  for (const n of nodes) {
    if (seen.has(n.id)) continue;
    roots.push(n);
    walk(n);
  }
  return { roots, children };
}

/** The org chart: active employees nested under their managers. */
export default function OrgChart() {
  const t = useOT();
  const { tenant, api } = useTenant();
  const [data, { refetch }] = createResource(() => api<{ items: Node[] }>('/hr/org-chart'));
  return (
    <div class="page">
      <PageHeader title={t('orgChart')} description={t('orgChartSubtitle')} />
      <Async resource={data} refetch={refetch}>
        {(d) => {
          const { roots, children } = forest(d.items);
          const shown = new Set<string>();
          const Branch = (props: { node: Node }) => {
            const first = !shown.has(props.node.id);
            shown.add(props.node.id);
            const reports = first ? (children.get(props.node.id) ?? []) : [];
            return (
              <li>
                <A class="cell-primary" href={`/t/${tenant().slug}/hr/employees/${props.node.id}`}>
                  {props.node.name}
                </A>{' '}
                <span class="muted">
                  {[props.node.position, props.node.department].filter(Boolean).join(' · ')}
                  <Show when={reports.length}> · {t('reports', { count: reports.length })}</Show>
                </span>
                <Show when={reports.length}>
                  <ul>
                    <For each={reports}>{(r) => <Branch node={r} />}</For>
                  </ul>
                </Show>
              </li>
            );
          };
          return (
            <Card>
              <Show when={d.items.length} fallback={<EmptyState title={t('orgEmpty')} />}>
                <ul class="hr-org" aria-label={t('orgChart')} data-testid="org-chart">
                  <For each={roots}>{(n) => <Branch node={n} />}</For>
                </ul>
              </Show>
            </Card>
          );
        }}
      </Async>
    </div>
  );
}
