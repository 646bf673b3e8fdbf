import { Button, Card, Field, type FormState, Toggle, useI18n } from '@bureau/core/ui';
import { For, Show } from 'solid-js';
import { Icon } from '../icons.tsx';

/** One bank account as a form holds it (blank strings for what is not filled in). */
export interface BankAccountRow {
  iban: string;
  accountNumber: string;
  bic: string;
  currency: string;
  label: string;
  isDefault: boolean;
}

export const blankAccount = (currency: string, isDefault = false): BankAccountRow => ({
  iban: '',
  accountNumber: '',
  bic: '',
  currency,
  label: '',
  isDefault,
});

const orNull = (s: string) => (s.trim() ? s.trim() : null);

/** The API's accounts as form rows. */
export const bankAccountRows = (
  accounts: readonly {
    iban: string;
    accountNumber: string | null;
    bic: string | null;
    currency: string;
    label: string | null;
    isDefault: boolean;
  }[],
): BankAccountRow[] =>
  accounts.map((a) => ({
    iban: a.iban,
    accountNumber: a.accountNumber ?? '',
    bic: a.bic ?? '',
    currency: a.currency,
    label: a.label ?? '',
    isDefault: a.isDefault,
  }));

/** The rows as the API takes them (the company profile and the address book alike). */
export const bankAccountsBody = (rows: readonly BankAccountRow[]) =>
  rows.map((a) => ({
    iban: orNull(a.iban),
    accountNumber: orNull(a.accountNumber),
    bic: orNull(a.bic),
    currency: a.currency,
    label: orNull(a.label),
    isDefault: a.isDefault,
  }));

/**
 * The bank accounts of a form (`bankAccounts`): add, remove, a Czech account number or an IBAN, BIC,
 * currency, label and the default per currency; the server's field errors under each field.
 */
export function BankAccountsEditor(props: { form: FormState<any>; currency: string; disabled?: boolean }) {
  const i18n = useI18n();
  const rows = (): BankAccountRow[] => props.form.values.bankAccounts;
  const set = props.form.set as (...args: unknown[]) => void;
  const text = (name: string, label: string, description?: string) => (
    <Field
      label={label}
      {...props.form.bind(name)}
      disabled={props.disabled ?? false}
      {...(description ? { description } : {})}
    />
  );
  return (
    <Card
      title={i18n.t('company.bankAccounts')}
      actions={
        <Show when={!props.disabled}>
          <Button
            size="sm"
            onClick={() =>
              set('bankAccounts', (l: BankAccountRow[]) => [...l, blankAccount(props.currency, l.length === 0)])
            }
          >
            <Icon name="plus" />
            {i18n.t('company.addAccount')}
          </Button>
        </Show>
      }
    >
      <Show when={rows().length > 0} fallback={<p class="muted">{i18n.t('company.noAccounts')}</p>}>
        <div class="stack">
          <For each={rows()}>
            {(_, i) => (
              <fieldset class="stack company-account">
                <legend>{i18n.t('company.accountN', { n: i() + 1 })}</legend>
                <div class="form-grid">
                  {text(
                    `bankAccounts.${i()}.accountNumber`,
                    i18n.t('company.accountNumber'),
                    i18n.t('company.accountHint'),
                  )}
                  {text(`bankAccounts.${i()}.iban`, 'IBAN')}
                  {text(`bankAccounts.${i()}.bic`, i18n.t('company.bic'))}
                  {text(`bankAccounts.${i()}.currency`, i18n.t('company.currency'))}
                  {text(`bankAccounts.${i()}.label`, i18n.t('company.accountLabel'))}
                </div>
                <div class="row">
                  <Toggle
                    checked={rows()[i()]?.isDefault ?? false}
                    onChange={(v) => set('bankAccounts', i(), 'isDefault', v)}
                    label={i18n.t('company.isDefault')}
                    disabled={props.disabled ?? false}
                  />
                  <Show when={props.form.error(`bankAccounts.${i()}.isDefault`)}>
                    <span class="field-error" role="alert">
                      {props.form.error(`bankAccounts.${i()}.isDefault`)}
                    </span>
                  </Show>
                  <Show when={!props.disabled}>
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => set('bankAccounts', (l: BankAccountRow[]) => l.filter((_a, j) => j !== i()))}
                    >
                      <Icon name="trash" />
                      {i18n.t('company.removeAccount')}
                    </Button>
                  </Show>
                </div>
              </fieldset>
            )}
          </For>
        </div>
      </Show>
    </Card>
  );
}
