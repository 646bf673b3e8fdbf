import { defineMessages } from '../i18n/messages.ts';

export const bm = defineMessages('billing', {
  not_entitled_module: {
    en: 'The {plan} plan does not include the {module} module',
    cs: 'Tarif {plan} modul {module} nezahrnuje',
  },
  addon_confirm: {
    en: 'The {module} module is an add-on to the {plan} plan for {price} a {period, select, year {year} other {month}}',
    cs: 'Modul {module} je k tarifu {plan} doplněk za {price} {period, select, year {ročně} other {měsíčně}}',
  },
  seat_cap: {
    en: 'The {plan} plan allows {max, plural, one {# user} other {# users}}',
    cs: 'Tarif {plan} dovoluje {max, plural, one {# uživatele} few {# uživatele} many {# uživatele} other {# uživatelů}}',
  },
  seat_confirm: {
    en: '{count, plural, one {Another user is} other {# more users are}} beyond the plan and cost {price} a {period, select, year {year} other {month}} each',
    cs: '{count, plural, one {Další uživatel je} few {# další uživatelé jsou} many {# dalšího uživatele je} other {# dalších uživatelů je}} nad rámec tarifu a stojí {price} {period, select, year {ročně} other {měsíčně}} za každého',
  },
  plan_not_found: { en: 'No such plan', cs: 'Takový tarif neexistuje' },
  not_offered: {
    en: 'The {plan} plan is not offered in {currency} {period, select, year {yearly} other {monthly}}',
    cs: 'Tarif {plan} se v {currency} {period, select, year {ročně} other {měsíčně}} nenabízí',
  },
  downgrade_blocked: {
    en: 'Moving to {plan} would lose modules or members; disable the modules and remove members first',
    cs: 'Přechodem na {plan} byste přišli o moduly nebo členy; nejdříve moduly vypněte a členy odeberte',
  },
  plan_confirm: {
    en: 'Moving to {plan} adds paid add-ons or users',
    cs: 'Přechod na {plan} přidá placené doplňky nebo uživatele',
  },
  already_canceled: { en: 'The subscription is already canceled', cs: 'Předplatné už je zrušené' },
  not_canceled: { en: 'The subscription is not canceled', cs: 'Předplatné není zrušené' },
  retention_expired: {
    en: 'The retention period is over; sign up again',
    cs: 'Doba uchování dat uplynula; zaregistrujte se znovu',
  },
  outstanding_balance: {
    en: 'Pay the overdue {count, plural, one {invoice} other {invoices}} first',
    cs: 'Nejdříve uhraďte {count, plural, one {fakturu po splatnosti} other {faktury po splatnosti}}',
  },
  invoice_not_found: { en: 'No such invoice', cs: 'Taková faktura neexistuje' },
  credit_out_of_range: { en: 'At most {max} can be credited', cs: 'Dobropisovat lze nejvýše {max}' },
  nothing_to_credit: { en: 'Nothing to credit', cs: 'Není co dobropisovat' },
  not_a_provider: {
    en: 'Only a provider can pay for clients',
    cs: 'Platit za klienty může jen poskytovatel služeb',
  },
  client_not_found: { en: 'No such client', cs: 'Takový klient neexistuje' },
  payer_exists: {
    en: 'This client already has a paying provider or an offer',
    cs: 'Za tohoto klienta už platí jiný poskytovatel, nebo má nabídku',
  },
  offer_not_found: { en: 'No offer to pay is waiting', cs: 'Žádná nabídka platby nečeká' },
  payer_not_found: { en: 'No provider pays for this workspace', cs: 'Za tento prostor neplatí žádný poskytovatel' },
  bank_tx_not_found: { en: 'No such bank line', cs: 'Takový bankovní pohyb neexistuje' },
  transaction_ignored: { en: 'This line was dismissed', cs: 'Tento pohyb byl vyřazen' },
  nothing_unapplied: { en: 'All of this payment is already applied', cs: 'Celá platba už je použita' },
  currency_mismatch: {
    en: 'The payment and the invoice differ in currency',
    cs: 'Platba a faktura jsou v různých měnách',
  },
  invoice_paid: { en: 'The invoice is already paid', cs: 'Faktura už je uhrazena' },
  amount_out_of_range: { en: 'At most {max} can be applied here', cs: 'Použít lze nejvýše {max}' },
  bad_amount: { en: 'Not an amount', cs: 'Neplatná částka' },
  price_twice: { en: 'Price for {key} given twice', cs: 'Cena pro {key} je uvedena dvakrát' },
  duplicate: { en: 'Given twice', cs: 'Uvedeno dvakrát' },
  money_format: { en: 'A non-negative decimal such as "990.00"', cs: 'Nezáporné číslo, například „990.00“' },
  profile_invalid: { en: 'The billing details are not valid', cs: 'Fakturační údaje nejsou platné' },
  statement_invalid: { en: 'The statement cannot be read: {reason}', cs: 'Výpis nelze přečíst: {reason}' },
  // E-mails
  invoice_mail_subject: { en: 'Invoice {number} from {seller}', cs: 'Faktura {number} od {seller}' },
  invoice_mail_text: {
    en: 'Hello,\n\nwe have issued invoice {number} for {total}, due on {due}.\nPlease pay by bank transfer to {iban}, reference (variable symbol) {vs}.\nThe invoice (PDF and ISDOC) is at {link}.',
    cs: 'Dobrý den,\n\nvystavili jsme fakturu {number} na {total}, splatnou {due}.\nPlaťte převodem na účet {iban}, variabilní symbol {vs}.\nFakturu (PDF a ISDOC) najdete na {link}.',
  },
  pay_line: {
    en: 'Amount {owed}, account {iban}, reference (variable symbol) {vs}.',
    cs: 'Částka {owed}, účet {iban}, variabilní symbol {vs}.',
  },
  reminder_subject: {
    en: 'Reminder: invoice {number} is {days, plural, one {# day} other {# days}} overdue',
    cs: 'Upomínka: faktura {number} je {days, plural, one {# den} few {# dny} many {# dne} other {# dní}} po splatnosti',
  },
  reminder_text: {
    en: 'Hello,\n\ninvoice {number} was due on {due} and is still unpaid.\n{pay}\nWithout payment the account becomes read-only {suspendDays, plural, one {# day} other {# days}} after the due date.',
    cs: 'Dobrý den,\n\nfaktura {number} byla splatná {due} a dosud není uhrazena.\n{pay}\nBez úhrady bude účet {suspendDays, plural, one {# den} few {# dny} many {# dne} other {# dní}} po splatnosti převeden do režimu jen pro čtení.',
  },
  suspend_subject: {
    en: 'Account suspended: invoice {number} unpaid',
    cs: 'Účet pozastaven: neuhrazená faktura {number}',
  },
  suspend_text: {
    en: 'Hello,\n\ninvoice {number} is {days, plural, one {# day} other {# days}} overdue, so the account is now read-only.\n{pay}\nIt is restored as soon as the payment arrives. Without payment the subscription is canceled {cancelDays, plural, one {# day} other {# days}} after the due date.',
    cs: 'Dobrý den,\n\nfaktura {number} je {days, plural, one {# den} few {# dny} many {# dne} other {# dní}} po splatnosti, účet je proto jen pro čtení.\n{pay}\nPo připsání platby se účet obnoví. Bez úhrady bude předplatné {cancelDays, plural, one {# den} few {# dny} many {# dne} other {# dní}} po splatnosti zrušeno.',
  },
  cancel_subject: {
    en: 'Subscription canceled: invoice {number} unpaid',
    cs: 'Předplatné zrušeno: neuhrazená faktura {number}',
  },
  cancel_text: {
    en: 'Hello,\n\nthe subscription was canceled because invoice {number} is unpaid. We keep the data for {retentionDays, plural, one {# day} other {# days}}; export still works.\n{pay}',
    cs: 'Dobrý den,\n\npředplatné bylo zrušeno pro neuhrazenou fakturu {number}. Data uchováváme {retentionDays, plural, one {# den} few {# dny} many {# dne} other {# dní}}; export je stále možný.\n{pay}',
  },
});
