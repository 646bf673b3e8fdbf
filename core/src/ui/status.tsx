import { Badge } from './components.tsx';
import { useI18n } from './i18n.tsx';
import type { LocalizedText } from './types.ts';

export type Tone = 'neutral' | 'success' | 'warning' | 'danger' | 'info' | 'accent';

/** How each status of an entity looks: its tone and its words. */
export type StatusMap<S extends string = string> = Record<S, { tone: Tone; label: LocalizedText }>;

/** Declares an entity's statuses once, for its badges, filters and workflow buttons. */
export function defineStatuses<const S extends string>(map: StatusMap<S>): StatusMap<S> {
  return map;
}

/** The options of a status filter (`ResourceList` filters, selects), in the current language. */
export function statusOptions<S extends string>(map: StatusMap<S>, text: (l: LocalizedText) => string) {
  return (Object.keys(map) as S[]).map((value) => ({ value, label: text(map[value].label) }));
}

/**
 * A status as a coloured badge, from an entity's status map (`status` + `statuses`) or from a
 * workflow state as the API sends it (`state`: label and tone). Unknown statuses show as themselves.
 */
export function StatusBadge(
  props:
    | { status: string; statuses: StatusMap<string>; state?: never }
    | { state: { label: LocalizedText; tone: Tone; key?: string }; status?: never; statuses?: never },
) {
  const i18n = useI18n();
  const entry = () => props.state ?? (props.statuses as StatusMap<string> | undefined)?.[props.status ?? ''];
  const key = () => props.state?.key ?? props.status;
  return (
    <span data-state={key()} data-status={key()}>
      <Badge tone={entry()?.tone ?? 'neutral'}>{entry() ? i18n.text(entry()?.label) : key()}</Badge>
    </span>
  );
}
