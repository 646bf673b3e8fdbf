import { type BoundField, SelectField, useTenant } from '@bureau/core/ui';
import { createResource, Show } from 'solid-js';
import type { Asset } from '../server/routes/assets.ts';
import type { Employee } from '../server/routes/people.ts';
import { useST } from './stock-messages.ts';
import type { LocationRow, PersonRow } from './types.ts';

export type HolderKind = 'user' | 'employee' | 'location' | 'asset';

const FIELD: Record<HolderKind, string> = {
  user: 'userId',
  employee: 'employeeId',
  location: 'locationId',
  asset: 'assetId',
};

/** The API body for a chosen holder (`{ employeeId }` …), empty when none is chosen. */
export const holderBody = (kind: string, id: string): Record<string, string> =>
  id && kind in FIELD ? { [FIELD[kind as HolderKind]]: id } : {};

/**
 * Who something goes to: the kind (a member, an HR employee when HR is enabled, a location, a
 * device) and then the one holder of that kind. `none` offers "nobody in particular" (issuing).
 */
export function HolderPicker(props: {
  kinds: HolderKind[];
  kind: BoundField;
  holder: BoundField;
  none?: boolean;
  exclude?: string;
}) {
  const t = useST();
  const { api } = useTenant();
  const want = (k: HolderKind) => props.kinds.includes(k);
  const [people] = createResource(async () =>
    want('user') ? (await api<{ items: PersonRow[] }>('/it/people')).items : [],
  );
  const [employees] = createResource(async () =>
    want('employee')
      ? await api<{ enabled: boolean; items: Employee[] }>('/it/employees')
      : { enabled: false, items: [] },
  );
  const [locations] = createResource(async () =>
    want('location') ? (await api<{ items: LocationRow[] }>('/it/locations')).items : [],
  );
  const [assets] = createResource(async () =>
    want('asset') ? (await api<{ items: Asset[] }>('/it/assets?limit=200&sort=tag&dir=asc')).items : [],
  );
  const label: Record<HolderKind, string> = {
    user: t('toUser'),
    employee: t('toEmployee'),
    location: t('toLocation'),
    asset: t('toAsset'),
  };
  const kinds = () => props.kinds.filter((k) => k !== 'employee' || employees()?.enabled);
  const options = () => {
    const choose = { value: '', label: props.none ? t('nobody') : t('choose') };
    switch (props.kind.value) {
      case 'employee':
        return [
          choose,
          ...(employees()?.items ?? []).map((e) => ({
            value: e.id,
            label: e.department ? `${e.name} (${e.department})` : e.name,
          })),
        ];
      case 'location':
        return [choose, ...(locations() ?? []).map((l) => ({ value: l.id, label: l.name }))];
      case 'asset':
        return [
          choose,
          ...(assets() ?? [])
            .filter((a) => a.id !== props.exclude && a.status !== 'retired')
            .map((a) => ({ value: a.id, label: `${a.tag} ${a.name}` })),
        ];
      default:
        return [choose, ...(people() ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.email})` }))];
    }
  };
  const holderLabel = () =>
    ({ user: t('member'), employee: t('employee'), location: t('location'), asset: t('asset') })[
      props.kind.value as HolderKind
    ] ?? t('holder');
  return (
    <>
      <Show when={kinds().length > 1}>
        <SelectField
          label={t('to')}
          {...props.kind}
          onChange={(v) => {
            props.kind.onChange(v);
            props.holder.onChange('');
          }}
          options={kinds().map((k) => ({ value: k, label: label[k] }))}
        />
      </Show>
      <SelectField label={holderLabel()} {...props.holder} options={options()} />
    </>
  );
}
