/** Small pieces the lab pages share: messages, the base path, a flag badge. */
import { Badge, defineStatuses, useMessages, useTenant } from '@bureau/core/ui';
import { Show } from 'solid-js';
import { cs, en } from './messages.ts';
import './medical.css';

export const useT = () => useMessages({ en, cs });
export type MessageKey = keyof typeof en;

/** `/t/<tenant>/medical` */
export function useBase(): () => string {
  const { tenant } = useTenant();
  return () => `/t/${tenant().slug}/medical`;
}

/** H / L in amber, HH / LL (critical) in red. */
export function FlagBadge(props: { flag: string | null | undefined }) {
  return (
    <Show when={props.flag}>
      <Badge tone={props.flag === 'HH' || props.flag === 'LL' ? 'danger' : 'warning'}>{props.flag}</Badge>
    </Show>
  );
}

/** A localized name `{ en, cs }` in the page's language. */
export const pick = (name: { en: string; cs: string }, locale: string) => (locale === 'cs' ? name.cs : name.en);

/** A result's status, as the result workflow names it. */
export const RESULT_STATUSES = defineStatuses({
  entered: { tone: 'warning', label: { en: 'Awaiting release', cs: 'Čeká na uvolnění' } },
  released: { tone: 'success', label: { en: 'Released', cs: 'Uvolněno' } },
  superseded: { tone: 'neutral', label: { en: 'Superseded', cs: 'Nahrazeno' } },
  withdrawn: { tone: 'neutral', label: { en: 'Withdrawn', cs: 'Staženo' } },
});

/** A specimen's status, as the specimen workflow names it. */
export const SPECIMEN_STATUSES = defineStatuses({
  collected: { tone: 'neutral', label: { en: 'Collected', cs: 'Odebráno' } },
  received: { tone: 'info', label: { en: 'Received', cs: 'Přijato' } },
  in_analysis: { tone: 'accent', label: { en: 'In analysis', cs: 'V analýze' } },
  done: { tone: 'success', label: { en: 'Done', cs: 'Hotovo' } },
  rejected: { tone: 'danger', label: { en: 'Rejected', cs: 'Odmítnuto' } },
});

/** A refusal or failure in words, under the form it belongs to (nothing when there is none). */
export function ErrorText(props: { text: string | null | undefined }) {
  return (
    <Show when={props.text}>
      {(text) => (
        <p class="alert alert-danger" role="alert">
          {text()}
        </p>
      )}
    </Show>
  );
}
