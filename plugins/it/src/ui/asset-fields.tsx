import { DateInput, Field, type FormState, MoneyInput, PartyPicker, SelectField, useTenant } from '@bureau/core/ui';
import { type Accessor, Show } from 'solid-js';
import { useT } from './messages.ts';
import type { LocationRow } from './types.ts';

/** The address book's role for those IT buys from (the picker offers only them). */
const VENDOR_ROLE = 'vendor';

export interface VendorChoice {
  id: string;
  name: string;
}

/**
 * The asset's own fields, shared by the new-asset and edit forms: serial, model, the vendor (a party
 * picked from the address book, or a new name typed), purchase, warranty and location.
 */
export function AssetFields(props: {
  form: FormState<any>;
  vendor: Accessor<VendorChoice | null>;
  setVendor: (v: VendorChoice | null) => void;
  locations: LocationRow[];
}) {
  const t = useT();
  const { can } = useTenant();
  return (
    <>
      <Field label={t('serialNumber')} {...props.form.bind('serialNumber')} />
      <Field label={t('model')} {...props.form.bind('model')} />
      <Show when={can('tenant.parties.read')}>
        <PartyPicker
          label={t('vendorPick')}
          description={t('vendorPickHint')}
          role={VENDOR_ROLE}
          value={props.vendor()}
          error={props.form.error('vendorId')}
          onChange={(p) => props.setVendor(p ? { id: p.id, name: p.name } : null)}
        />
      </Show>
      <Show when={!props.vendor()}>
        <Field label={can('tenant.parties.read') ? t('vendorNew') : t('vendor')} {...props.form.bind('vendor')} />
      </Show>
      <DateInput label={t('purchaseDate')} {...props.form.bind('purchaseDate')} />
      <MoneyInput label={t('purchasePrice')} currency="CZK" {...props.form.bind('purchasePrice')} />
      <Field label={t('invoiceRef')} {...props.form.bind('invoiceRef')} />
      <DateInput label={t('warrantyUntil')} {...props.form.bind('warrantyUntil')} />
      <SelectField
        label={t('location')}
        {...props.form.bind('locationId')}
        options={[
          { value: '', label: t('noLocation') },
          ...props.locations.map((l) => ({ value: l.id, label: l.name })),
        ]}
      />
    </>
  );
}
