import { defineMessages } from '@bureau/core';

/** What the IT department tells people, in both languages (problems, field errors, stored texts). */
export const m = defineMessages('it', {
  tag_taken: { en: 'Asset tag {tag} is taken already', cs: 'Inventární štítek {tag} už je použitý' },
  serial_taken: {
    en: 'Serial number {serial} belongs to asset {tag} already',
    cs: 'Sériové číslo {serial} už má majetek {tag}',
  },
  serial_in_use: {
    en: 'Serial number {serial} belongs to another asset already',
    cs: 'Sériové číslo {serial} už má jiný majetek',
  },
  import_empty: {
    en: 'The file has no assets: a heading line and at least one row are needed',
    cs: 'Soubor neobsahuje žádný majetek: je třeba řádek záhlaví a alespoň jeden řádek',
  },
  import_too_large: {
    en: 'One file may bring at most {max} assets',
    cs: 'Jeden soubor může přinést nejvýše {max} položek majetku',
  },
  import_unknown_column: { en: 'Unknown column “{column}”', cs: 'Neznámý sloupec „{column}“' },
  import_missing_column: { en: 'The file needs a column “{column}”', cs: 'Soubor potřebuje sloupec „{column}“' },
  import_duplicate: {
    en: 'Line {line} of the file brings this asset already',
    cs: 'Tento majetek přináší už řádek {line} souboru',
  },
  import_rejected: {
    en: '{count, plural, one {# row is} other {# rows are}} not valid; nothing was imported',
    cs: '{count, plural, one {# řádek není platný} few {# řádky nejsou platné} many {# řádku není platného} other {# řádků není platných}}; nic nebylo importováno',
  },
  asset_not_found: { en: 'No such asset', cs: 'Takový majetek neexistuje' },
  asset_retired: { en: 'Asset {tag} is retired', cs: 'Majetek {tag} je vyřazen' },
  vendor_not_found: { en: 'No such vendor in the address book', cs: 'Takový dodavatel v adresáři není' },
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
  hr_not_enabled: {
    en: 'Check-out to an employee needs the HR module; enable it or check out to a member',
    cs: 'Vydání zaměstnanci potřebuje modul HR; zapněte ho, nebo vydejte členovi',
  },
  employee_not_found: { en: 'No such employee in HR', cs: 'Takový zaměstnanec v HR není' },
  employee_left: { en: 'This employee has left the firm', cs: 'Tento zaměstnanec už ve firmě nepracuje' },
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
  team_not_engaged: {
    en: 'No provider team works tickets in the firm under this id',
    cs: 'Žádný tým poskytovatele s tímto identifikátorem ve firmě tikety neřeší',
  },
  assignee_or_team: {
    en: 'A category’s default is a member or a provider’s team, not both',
    cs: 'Výchozím řešitelem kategorie je člen, nebo tým poskytovatele, ne obojí',
  },
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
  stock_item_taken: { en: 'An item named {name} exists already', cs: 'Položka {name} už existuje' },
  stock_item_not_found: {
    en: 'No such accessory or consumable',
    cs: 'Takové příslušenství ani spotřební materiál neexistuje',
  },
  insufficient_stock: {
    en: 'Not enough {name}: {available} {unit} available',
    cs: 'Nedostatek položky {name}: k dispozici {available} {unit}',
  },
  only_accessories: {
    en: 'Only accessories are checked out and back; consumables are issued',
    cs: 'Vydávat a vracet lze jen příslušenství; spotřební materiál se vydává ze skladu',
  },
  below_on_loan: {
    en: 'The count cannot be below what is on loan ({onLoan})',
    cs: 'Stav nemůže být nižší než to, co je vypůjčeno ({onLoan})',
  },
  loan_not_found: { en: 'No such loan', cs: 'Taková výpůjčka neexistuje' },
  loan_returned: { en: 'This loan was returned already', cs: 'Tato výpůjčka už byla vrácena' },
  licence_taken: { en: 'A licence named {name} exists already', cs: 'Licence {name} už existuje' },
  licence_not_found: { en: 'No such licence', cs: 'Taková licence neexistuje' },
  no_free_seats: {
    en: 'All {seats, plural, one {# seat} other {# seats}} of {name} are taken',
    cs: 'Licence {name} má obsazena všechna místa ({seats, plural, one {# místo} few {# místa} many {# místa} other {# míst}})',
  },
  seats_in_use: {
    en: '{used, plural, one {# seat is} other {# seats are}} in use; release seats first',
    cs: 'Používá se {used, plural, one {# místo} few {# místa} many {# místa} other {# míst}}; nejdřív místa uvolněte',
  },
  seat_taken: { en: '{holder} has a seat of this licence already', cs: '{holder} už místo v této licenci má' },
  seat_not_found: { en: 'No such seat', cs: 'Takové místo neexistuje' },
  seat_released: { en: 'This seat was released already', cs: 'Toto místo už bylo uvolněno' },
  sla_warning: {
    en: 'Ticket {number}: {clock} due soon',
    cs: 'Tiket {number}: blíží se lhůta pro {clock}',
  },
  sla_warning_body: {
    en: '“{title}”: the {clock} is due by {due}.',
    cs: '„{title}“: lhůta pro {clock} vyprší {due}.',
  },
  sla_breached: {
    en: 'Ticket {number} breached its {clock} SLA',
    cs: 'Tiket {number} překročil lhůtu SLA pro {clock}',
  },
  sla_breached_body: {
    en: '“{title}”: the {clock} was due by {due}.',
    cs: '„{title}“: lhůta pro {clock} vypršela {due}.',
  },
  maintenance_due_soon: {
    en: '{count, plural, one {# maintenance work order is} other {# maintenance work orders are}} due soon',
    cs: '{count, plural, one {Blíží se termín # pracovního příkazu údržby} other {Blíží se termín # pracovních příkazů údržby}}',
  },
  maintenance_overdue: {
    en: '{count, plural, one {# maintenance work order is} other {# maintenance work orders are}} overdue',
    cs: '{count, plural, one {# pracovní příkaz údržby je po termínu} few {# pracovní příkazy údržby jsou po termínu} other {# pracovních příkazů údržby je po termínu}}',
  },
  maintenance_list: { en: '{items}', cs: '{items}' },
  stock_low: {
    en: 'Low stock: {name}',
    cs: 'Dochází zásoba: {name}',
  },
  stock_low_body: {
    en: '{available} {unit} left (minimum {min})',
    cs: 'Zbývá {available} {unit} (minimum {min})',
  },
  licence_expiring: { en: 'Licence {name} expires on {date}', cs: 'Licence {name} vyprší {date}' },
  licence_expiring_body: {
    en: '{seats, plural, one {# seat} other {# seats}} in use; renew it or let it lapse',
    cs: 'Používá se {seats, plural, one {# místo} few {# místa} many {# místa} other {# míst}}; obnovte ji, nebo ji nechte vypršet',
  },
  hire_ticket_title: { en: 'Equipment for {name}', cs: 'Vybavení pro: {name}' },
  hire_ticket_body: {
    en: '{name} starts on {date} (department {department}, position {position}). Prepare their equipment and accounts and check it out to them.',
    cs: '{name} nastupuje {date} (oddělení {department}, pozice {position}). Připravte vybavení a účty a vydejte je.',
  },
  leaver_returns: {
    en: '{name} leaves on {date}: equipment to return',
    cs: '{name} odchází {date}: vybavení k vrácení',
  },
  leaver_returns_body: {
    en: '{count, plural, one {# item} other {# items}} to take back',
    cs: '{count, plural, one {# položka} few {# položky} many {# položky} other {# položek}} k převzetí',
  },
  returns_not_found: { en: 'No such return checklist', cs: 'Takový seznam k vrácení neexistuje' },
  returns_outstanding: {
    en: '{outstanding, plural, one {# item is} other {# items are}} still to return',
    cs: 'Ještě {outstanding, plural, one {zbývá vrátit # položku} few {zbývá vrátit # položky} many {zbývá vrátit # položky} other {zbývá vrátit # položek}}',
  },
  health_asset_unknown: {
    en: 'No asset has tag or serial number {device}',
    cs: 'Žádný majetek nemá štítek ani sériové číslo {device}',
  },
  health_device_missing: {
    en: 'A tag or a serial number is needed to find the device',
    cs: 'K nalezení zařízení je třeba štítek nebo sériové číslo',
  },
  health_date_in_future: { en: 'The date {date} is in the future', cs: 'Datum {date} je v budoucnosti' },
  health_patch_state: {
    en: 'Unknown patch state “{value}” (up to date, updates pending, unsupported)',
    cs: 'Neznámý stav aktualizací „{value}“ (aktuální, čekají aktualizace, nepodporováno)',
  },
  health_rejected: {
    en: '{count, plural, one {# report is} other {# reports are}} not valid; nothing was recorded',
    cs: '{count, plural, one {# hlášení není platné} few {# hlášení nejsou platná} many {# hlášení není platného} other {# hlášení není platných}}; nic nebylo zaznamenáno',
  },
  ticket_category_not_found: { en: 'No such ticket category', cs: 'Taková kategorie tiketů neexistuje' },
  ticket_category_archived: {
    en: 'Ticket category {name} is archived',
    cs: 'Kategorie tiketů {name} je archivovaná',
  },
  ticket_category_taken: { en: 'Ticket category {name} exists already', cs: 'Kategorie tiketů {name} už existuje' },
  ticket_category_in_use: {
    en: '{count, plural, one {# ticket is} other {# tickets are}} filed under {name}; archive the category instead',
    cs: 'V kategorii {name} {count, plural, one {je # tiket} few {jsou # tikety} many {je # tiketu} other {je # tiketů}}; kategorii místo smazání archivujte',
  },
  canned_response_not_found: { en: 'No such canned response', cs: 'Taková připravená odpověď neexistuje' },
  canned_response_taken: {
    en: 'A canned response titled {title} exists already',
    cs: 'Připravená odpověď s názvem {title} už existuje',
  },
  merge_into_self: { en: 'A ticket cannot be merged into itself', cs: 'Tiket nelze sloučit sám se sebou' },
  merge_target_not_found: { en: 'No ticket {number} here', cs: 'Tiket {number} tu není' },
  merge_target_closed: {
    en: 'Ticket {number} is closed; reopen it to merge into it',
    cs: 'Tiket {number} je uzavřený; pro sloučení ho nejprve znovu otevřete',
  },
  merged_into_note: {
    en: 'This ticket was merged into {number} ({title}); the conversation continues there.',
    cs: 'Tento tiket byl sloučen do tiketu {number} ({title}); konverzace pokračuje tam.',
  },
  merged_from_note: {
    en: 'Merged from {number} ({title}), reported by {requester}:\n\n{description}',
    cs: 'Sloučeno z tiketu {number} ({title}), nahlásil(a) {requester}:\n\n{description}',
  },
  merged_stays_closed: {
    en: 'A merged ticket stays closed; the work continues on the ticket it was merged into',
    cs: 'Sloučený tiket zůstává uzavřený; práce pokračuje na tiketu, do kterého byl sloučen',
  },
  ticket_merged: { en: 'Your ticket {number} was merged', cs: 'Váš tiket {number} byl sloučen' },
  ticket_merged_body: {
    en: 'It is a duplicate of {target}: {title}. IT continues there.',
    cs: 'Jde o duplicitu tiketu {target}: {title}. IT pokračuje tam.',
  },
});
