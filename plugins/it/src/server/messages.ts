import { defineMessages } from '@bureau/core';

/** What the IT department tells people, in both languages (problems, field errors, stored texts). */
export const m = defineMessages('it', {
  tag_taken: { en: 'Asset tag {tag} is taken already', cs: 'Inventární štítek {tag} už je použitý' },
  serial_taken: {
    en: 'Serial number {serial} belongs to asset {tag} already',
    cs: 'Sériové číslo {serial} už má majetek {tag}',
  },
  asset_not_found: { en: 'No such asset', cs: 'Takový majetek neexistuje' },
  category_not_found: { en: 'No such category', cs: 'Taková kategorie neexistuje' },
  category_taken: { en: 'Category {name} exists already', cs: 'Kategorie {name} už existuje' },
  location_not_found: { en: 'No such location', cs: 'Takové umístění neexistuje' },
  location_taken: { en: 'Location {name} exists already', cs: 'Umístění {name} už existuje' },
  invalid_custom: { en: 'Some custom fields are not valid', cs: 'Některá vlastní pole nejsou platná' },
  custom_required: { en: '{field} is required for this category', cs: 'Pole {field} je u této kategorie povinné' },
  custom_number: { en: '{field} must be a number', cs: 'Pole {field} musí být číslo' },
  custom_date: { en: '{field} must be a date (YYYY-MM-DD)', cs: 'Pole {field} musí být datum (RRRR-MM-DD)' },
  custom_unknown: { en: 'This category has no field {field}', cs: 'Tato kategorie nemá pole {field}' },
  one_holder: {
    en: 'Give exactly one holder: a member, an employee, a location or an asset',
    cs: 'Uveďte právě jednoho držitele: člena, zaměstnance, umístění nebo majetek',
  },
  holder_not_member: { en: 'This person is not a member of the firm', cs: 'Tato osoba není členem firmy' },
  holder_self: { en: 'An asset cannot be checked out to itself', cs: 'Majetek nelze vydat sám sobě' },
  employees_unavailable: {
    en: "Check-out to an HR employee needs the HR module's people service, which this installation does not have yet; check out to a member",
    cs: 'Vydání zaměstnanci z HR potřebuje službu lidí modulu HR, kterou tato instalace zatím nemá; vydejte majetek členovi',
  },
  already_checked_out: {
    en: 'Asset {tag} is checked out to {holder} already',
    cs: 'Majetek {tag} už je vydán: {holder}',
  },
  not_checked_out: { en: 'Asset {tag} is not checked out', cs: 'Majetek {tag} není vydán' },
  not_holder: {
    en: 'Only the person the asset is checked out to can acknowledge it',
    cs: 'Převzetí může potvrdit jen ten, komu byl majetek vydán',
  },
  only_requester: { en: 'Only the requester answers here', cs: 'Tady odpovídá jen zadavatel' },
  ticket_not_found: { en: 'No such ticket', cs: 'Takový tiket neexistuje' },
  assignee_not_member: { en: 'The assignee is not a member of the firm', cs: 'Řešitel není členem firmy' },
  internal_staff_only: { en: 'Only IT staff write internal notes', cs: 'Interní poznámky píše jen IT' },
  rate_requester_only: {
    en: 'Only the requester rates a resolved ticket',
    cs: 'Vyřešený tiket hodnotí jen zadavatel',
  },
  not_resolved: { en: 'Ticket {number} is not resolved yet', cs: 'Tiket {number} ještě není vyřešený' },
  impossible_hours: { en: 'These business hours are impossible', cs: 'Taková pracovní doba není možná' },
  bad_time: { en: 'Not a time (HH:MM)', cs: 'Neplatný čas (HH:MM)' },
  empty_window: { en: 'The day must end after it starts', cs: 'Konec dne musí být po jeho začátku' },
  no_weekdays: { en: 'Choose at least one working day', cs: 'Vyberte alespoň jeden pracovní den' },
  bad_weekday: { en: 'Weekdays are 1 (Monday) to 7 (Sunday)', cs: 'Dny v týdnu jsou 1 (pondělí) až 7 (neděle)' },
  bad_time_zone: { en: 'Unknown time zone', cs: 'Neznámé časové pásmo' },
  resolution_before_response: {
    en: 'The resolution target must not be shorter than the response target',
    cs: 'Lhůta vyřešení nesmí být kratší než lhůta reakce',
  },
  meter_backwards: {
    en: 'A meter reading cannot go backwards: the last reading is {last}, this one {value}',
    cs: 'Stav počítadla nemůže klesnout: poslední stav je {last}, tento {value}',
  },
  plan_target: {
    en: 'Give exactly one target: an asset or a category',
    cs: 'Uveďte právě jeden cíl: majetek, nebo kategorii',
  },
  plan_interval: {
    en: 'Give exactly one interval: every N days, every N months or every N meter units',
    cs: 'Uveďte právě jeden interval: každých N dní, každých N měsíců, nebo každých N jednotek počítadla',
  },
  meter_required: { en: 'Say which meter the plan counts', cs: 'Uveďte, které počítadlo plán počítá' },
  meter_only: {
    en: 'A meter belongs only to a plan counted by a meter',
    cs: 'Počítadlo patří jen k plánu podle počítadla',
  },
  starts_in_past: {
    en: 'The first due date cannot be in the past',
    cs: 'První termín nemůže být v minulosti',
  },
  plan_not_found: { en: 'No such maintenance plan', cs: 'Takový plán údržby neexistuje' },
  work_order_not_found: { en: 'No such work order', cs: 'Takový pracovní příkaz neexistuje' },
  work_order_closed: {
    en: 'Work order {number} is closed already',
    cs: 'Pracovní příkaz {number} je už uzavřený',
  },
  checklist_length: {
    en: 'Tick each of the {count} checklist items (done or not)',
    cs: 'Označte každou z {count} položek kontrolního seznamu (hotovo, nebo ne)',
  },
  bad_amount: { en: 'Not an amount', cs: 'Neplatná částka' },
});
