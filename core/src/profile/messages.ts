import { defineMessages } from '../i18n/messages.ts';

export const pm = defineMessages('profile', {
  invalid: { en: 'The company details have errors', cs: 'Údaje o firmě obsahují chyby' },
  dic_required: { en: 'A VAT payer needs a DIČ', cs: 'Plátce DPH musí mít DIČ' },
  period_required: {
    en: 'Choose whether VAT is filed monthly or quarterly',
    cs: 'Zvolte, zda se DPH přiznává měsíčně, nebo čtvrtletně',
  },
  logo_type: { en: 'The logo must be a PNG or JPEG image', cs: 'Logo musí být obrázek PNG nebo JPEG' },
  logo_size: {
    en: 'The logo may be at most {kb} kB',
    cs: 'Logo může mít nejvýše {kb} kB',
  },
  no_logo: { en: 'The firm has no logo', cs: 'Firma nemá logo' },
});
