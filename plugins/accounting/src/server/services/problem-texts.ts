/**
 * Problem texts that several services share, each in English and Czech; the error handler renders
 * them in the reader's language. A pair is an ICU MessageFormat template, so a literal `{` or `<` in
 * one is quoted ('{ … }').
 */
export const pt = {
  dateInvalid: { en: 'The date is invalid', cs: 'Neplatné datum' },
  expectedDate: { en: 'Expected YYYY-MM-DD', cs: 'Očekáváno datum RRRR-MM-DD' },
  expectedADate: { en: 'Expected a date YYYY-MM-DD', cs: 'Očekáváno datum RRRR-MM-DD' },
  required: { en: 'Required', cs: 'Povinné' },
  notAnAmount: { en: 'Not an amount', cs: 'Není částka' },
  reservedSource: { en: 'Source types accounting.* are reserved', cs: 'Typy zdroje accounting.* jsou vyhrazené' },
  ownSourceType: { en: "Use '<your module>.<document>'", cs: "Použijte '<váš modul>.<doklad>'" },
  sourceInvalid: { en: 'The source is invalid', cs: 'Neplatný zdroj' },
  sourceShape: {
    en: `Expected '{ type: "<module>.<document>", id: "<up to 200 chars>" }'`,
    cs: `Očekáváno '{ type: "<modul>.<doklad>", id: "<nejvýše 200 znaků>" }'`,
  },
  noAccount: (code: string) => ({ en: `No account with code ${code}`, cs: `Účet ${code} neexistuje` }),
  inactiveAccount: (code: string) => ({ en: `Account ${code} is inactive`, cs: `Účet ${code} není aktivní` }),
  percentage: { en: 'A percentage from 0 to 100', cs: 'Procento od 0 do 100' },
  unknownPartner: (kind: 'customer' | 'vendor') =>
    kind === 'customer'
      ? { en: 'Unknown customer', cs: 'Neznámý odběratel' }
      : { en: 'Unknown vendor', cs: 'Neznámý dodavatel' },
  noSuchPartner: (kind: 'customer' | 'vendor') =>
    kind === 'customer'
      ? { en: 'No such customer', cs: 'Takový odběratel neexistuje' }
      : { en: 'No such vendor', cs: 'Takový dodavatel neexistuje' },
};
