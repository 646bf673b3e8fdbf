import { createSignal, createUniqueId, For, onCleanup, Show } from 'solid-js';
import { Button } from './components.tsx';
import { useKit } from './kit-messages.ts';
import type { ListPage } from './list.tsx';
import { useTenant } from './tenant.tsx';

/** A party as core's address book (`GET /api/t/:tenant/parties`) answers it. */
export interface AddressBookParty {
  id: string;
  type: 'company' | 'person';
  name: string;
  ico: string | null;
  dic: string | null;
  country: string;
  email: string | null;
  phone: string | null;
  web: string | null;
  note: string | null;
  addresses: {
    kind: 'billing' | 'shipping';
    street: string;
    city: string;
    zip: string;
    country: string;
    label: string | null;
  }[];
  contacts: { name: string; role: string | null; email: string | null; phone: string | null }[];
  bankAccounts: {
    iban: string;
    bic: string | null;
    accountNumber: string | null;
    currency: string;
    isDefault: boolean;
    label: string | null;
  }[];
  roles: string[];
  tags: string[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/**
 * Chooses a company or person from core's address book: type a name or an IČO, pick one of the
 * matches (server-side search), or clear the choice. Needs `tenant.parties.read`. `role` narrows the
 * matches to parties with that role (`clinic`, `vendor`…); leave it out to offer everyone.
 */
export function PartyPicker(props: {
  label: string;
  value: { id: string; name: string } | null;
  onChange: (party: AddressBookParty | null) => void;
  role?: string;
  description?: string;
  error?: string | undefined;
  disabled?: boolean;
}) {
  const t = useKit();
  const { api } = useTenant();
  const id = createUniqueId();
  const [text, setText] = createSignal('');
  const [matches, setMatches] = createSignal<AddressBookParty[] | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;
  onCleanup(() => clearTimeout(timer));

  const search = (q: string) => {
    setText(q);
    clearTimeout(timer);
    if (!q.trim()) {
      setMatches(null);
      return;
    }
    timer = setTimeout(async () => {
      const mine = ++asked;
      const query = new URLSearchParams({ q, limit: '8', active: 'true', ...(props.role ? { role: props.role } : {}) });
      const page = await api<ListPage<AddressBookParty>>(`/parties?${query}`).catch(() => null);
      if (mine === asked) setMatches(page?.items ?? []);
    }, 250);
  };
  const choose = (p: AddressBookParty | null) => {
    setText('');
    setMatches(null);
    props.onChange(p);
  };

  return (
    <div class="field party-picker" classList={{ invalid: Boolean(props.error) }}>
      <label class="field-label" for={id}>
        {props.label}
      </label>
      <Show
        when={props.value}
        fallback={
          <>
            <input
              id={id}
              class="input"
              type="search"
              autocomplete="off"
              aria-controls={`${id}-list`}
              placeholder={t('partySearch')}
              value={text()}
              disabled={props.disabled ?? false}
              onInput={(e) => search(e.currentTarget.value)}
            />
            <Show when={matches()}>
              {(list) => (
                <ul class="party-matches" id={`${id}-list`} aria-label={props.label}>
                  <For each={list()} fallback={<li class="muted">{t('partyNone')}</li>}>
                    {(p) => (
                      <li>
                        <button type="button" class="party-match" onClick={() => choose(p)}>
                          <span>{p.name}</span>
                          <Show when={p.ico}>
                            <span class="muted mono">{p.ico}</span>
                          </Show>
                        </button>
                      </li>
                    )}
                  </For>
                </ul>
              )}
            </Show>
          </>
        }
      >
        {(v) => (
          <div class="row party-chosen">
            <strong id={id}>{v().name}</strong>
            <Show when={!props.disabled}>
              <Button size="sm" variant="ghost" onClick={() => choose(null)}>
                {t('partyChange')}
              </Button>
            </Show>
          </div>
        )}
      </Show>
      <Show when={props.description && !props.error}>
        <p class="field-description">{props.description}</p>
      </Show>
      <Show when={props.error}>
        <p class="field-error" role="alert">
          {props.error}
        </p>
      </Show>
    </div>
  );
}
