import { defineMessages } from '@bureau/core';

/** What hr tells people, in both languages (problems, field errors, transition refusals). */
export const m = defineMessages('hr', {
  leave_waiting: {
    en: 'Leave request of {employee} waits for approval',
    cs: 'Žádost o nepřítomnost: {employee} čeká na schválení',
  },
  leave_waiting_body: {
    en: '{from} – {to}, {days, plural, one {# working day} other {# working days}}',
    cs: '{from} – {to}, {days, plural, one {# pracovní den} few {# pracovní dny} many {# pracovního dne} other {# pracovních dní}}',
  },
  number_taken: { en: 'Personal number {number} is taken already', cs: 'Osobní číslo {number} už je použité' },
  employee_not_found: { en: 'No such employee', cs: 'Takový zaměstnanec neexistuje' },
  contract_not_found: { en: 'No such contract', cs: 'Taková smlouva neexistuje' },
  invalid_birth_number: {
    en: 'Not a valid birth number (check digit or date)',
    cs: 'Neplatné rodné číslo (kontrolní číslice nebo datum)',
  },
  birth_date_mismatch: {
    en: 'The birth date does not match the birth number ({date})',
    cs: 'Datum narození neodpovídá rodnému číslu ({date})',
  },
  birth_date_future: { en: 'A birth date cannot be in the future', cs: 'Datum narození nemůže být v budoucnosti' },
  invalid_bank_account: {
    en: 'Not a valid IBAN or Czech account number',
    cs: 'Neplatný IBAN ani české číslo účtu',
  },
  manager_not_found: { en: 'No such manager', cs: 'Takový vedoucí neexistuje' },
  leave_not_own: {
    en: 'Only the employee can withdraw their own request',
    cs: 'Žádost může zrušit jen zaměstnanec, který o ni požádal',
  },
  leave_begun: {
    en: 'The approved leave has begun: ask HR to change it',
    cs: 'Schválené volno už začalo: o změnu požádejte personální oddělení',
  },
  not_linked: {
    en: 'Your account is not linked to an employee; ask HR',
    cs: 'Váš účet není propojen se zaměstnancem; obraťte se na personální oddělení',
  },
  user_not_member: { en: 'Not a member of this organisation', cs: 'Není členem této organizace' },
  user_linked: {
    en: 'This member is linked to another employee',
    cs: 'Tento člen je už propojen s jiným zaměstnancem',
  },
  session_not_found: { en: 'No such training session', cs: 'Takový termín školení neexistuje' },
  session_not_held: {
    en: 'The session is on {date}; record attendance from that day',
    cs: 'Školení je {date}; docházku zapište od toho dne',
  },
  not_on_session: { en: 'Not on the session’s list', cs: 'Není na seznamu účastníků' },
  training_due: { en: '{course} of {employee} expires on {date}', cs: '{course}: {employee} – platnost končí {date}' },
  training_expired: {
    en: '{course} of {employee} expired on {date}',
    cs: '{course}: {employee} – platnost skončila {date}',
  },
  training_reminder_body: {
    en: 'Plan a session before the certificate lapses.',
    cs: 'Naplánujte školení, než osvědčení pozbude platnosti.',
  },
  end_before_start: { en: 'The end is before the start', cs: 'Konec je před začátkem' },
  contract_overlaps: {
    en: 'The contract overlaps another contract of the employee ({from} – {to})',
    cs: 'Smlouva se překrývá s jinou smlouvou zaměstnance ({from} – {to})',
  },
  salary_required: {
    en: 'A monthly salary or an hourly rate is required',
    cs: 'Je třeba zadat měsíční mzdu nebo hodinovou sazbu',
  },
  monthly_salary_required: { en: 'A monthly salary is required', cs: 'Je třeba zadat měsíční mzdu' },
  hourly_rate_required: { en: 'An hourly rate is required', cs: 'Je třeba zadat hodinovou sazbu' },
  dpp_hpp_only_monthly: {
    en: 'A DPP is paid by the hour or as an agreed monthly reward',
    cs: 'DPP se odměňuje hodinovou sazbou nebo sjednanou měsíční odměnou',
  },
  change_not_first_of_month: {
    en: 'A change takes effect from the first day of a month',
    cs: 'Změna platí od prvního dne měsíce',
  },
  change_outside_contract: {
    en: 'The change is outside the contract ({from} – {to})',
    cs: 'Změna je mimo trvání smlouvy ({from} – {to})',
  },
  change_exists: {
    en: 'The contract has a change from {date} already',
    cs: 'Smlouva už má změnu od {date}',
  },
  change_empty: { en: 'Say what changes', cs: 'Uveďte, co se mění' },
  end_before_employee_start: {
    en: 'The end date is before the start of employment ({date})',
    cs: 'Datum ukončení je před nástupem ({date})',
  },
  run_not_found: { en: 'No such pay run', cs: 'Takové mzdové zpracování neexistuje' },
  run_exists: {
    en: 'The pay run for {period} exists already ({status})',
    cs: 'Mzdové zpracování za {period} už existuje ({status})',
  },
  missing_inputs: {
    en: 'Inputs are missing for: {names}',
    cs: 'Chybí podklady pro: {names}',
  },
  run_locked: {
    en: 'The pay run is {status}; its inputs cannot change',
    cs: 'Mzdové zpracování je ve stavu {status}; podklady už nelze měnit',
  },
  four_eyes: {
    en: 'Someone else must approve a run you calculated',
    cs: 'Zpracování, které jste spočítali, musí schválit někdo jiný',
  },
  no_payslips: { en: 'The run has no payslips', cs: 'Zpracování nemá žádné výplatní pásky' },
  payment_settings_missing: {
    en: 'Payment settings are missing {count, plural, one {# item} other {# items}} this run needs (listed in errors)',
    cs: 'V nastavení plateb {count, plural, one {chybí # údaj} few {chybí # údaje} many {chybí # údaje} other {chybí # údajů}}, které zpracování potřebuje (vypsány v chybách)',
  },
  missing_debit_account: {
    en: 'the account salaries are paid from',
    cs: 'účet, ze kterého se vyplácejí mzdy',
  },
  missing_cssz: {
    en: 'ČSSZ’s account (your OSSZ) and your variable symbol there',
    cs: 'účet ČSSZ (vaší OSSZ) a váš variabilní symbol',
  },
  missing_insurer: {
    en: 'the account of health insurer {insurer} and your variable symbol there',
    cs: 'účet zdravotní pojišťovny {insurer} a váš variabilní symbol',
  },
  missing_tax_advances: {
    en: 'the tax office’s account for tax advances and your variable symbol',
    cs: 'účet finančního úřadu pro zálohy na daň a váš variabilní symbol',
  },
  missing_tax_withholding: {
    en: 'the tax office’s account for withholding tax',
    cs: 'účet finančního úřadu pro srážkovou daň',
  },
  employee_without_insurer: {
    en: 'the health insurer of {name}',
    cs: 'zdravotní pojišťovna zaměstnance {name}',
  },
  abo_not_czech: {
    en: 'ABO carries only Czech accounts: {names}',
    cs: 'ABO nese jen česká čísla účtů: {names}',
  },
  department_account_twice: {
    en: 'Department {department} has an account already',
    cs: 'Středisko {department} už účet má',
  },
  insurer_twice: { en: 'Insurer {insurer} is listed twice', cs: 'Pojišťovna {insurer} je uvedena dvakrát' },
  not_approved: {
    en: 'Payments are ready only after the run is approved',
    cs: 'Platby jsou k dispozici až po schválení zpracování',
  },
  payslip_not_found: { en: 'No such payslip', cs: 'Taková výplatní páska neexistuje' },
  employee_not_in_run: {
    en: 'The employee has no contract in {period}',
    cs: 'Zaměstnanec nemá v období {period} žádnou smlouvu',
  },
  no_payroll_year: {
    en: 'There are no payroll parameters for {year}',
    cs: 'Pro rok {year} nejsou mzdové parametry',
  },
  no_debit_account: {
    en: 'Set the company bank account (IBAN) in the company profile first',
    cs: 'Nejprve zadejte bankovní účet firmy (IBAN) v profilu společnosti',
  },
  leave_not_found: { en: 'No such leave request', cs: 'Taková žádost o nepřítomnost neexistuje' },
  leave_one_year: { en: 'Split a leave at the end of the year', cs: 'Nepřítomnost rozdělte na konci roku' },
  leave_outside_employment: {
    en: 'The leave is outside the employment ({from} – {to})',
    cs: 'Nepřítomnost je mimo trvání pracovního poměru ({from} – {to})',
  },
  leave_no_working_day: { en: 'The leave has no working day', cs: 'Nepřítomnost nezahrnuje žádný pracovní den' },
  leave_overlaps: {
    en: 'The employee has leave from {from} to {to} already',
    cs: 'Zaměstnanec už má nepřítomnost od {from} do {to}',
  },
  leave_exceeds_balance: {
    en: 'Only {remaining} hours of holiday are left; the request takes {hours}',
    cs: 'Zbývá jen {remaining} h dovolené; žádost čerpá {hours} h',
  },
  opening_not_found: { en: 'No such opening', cs: 'Taková otevřená pozice neexistuje' },
  opening_not_open: {
    en: 'The opening is not open; candidates cannot be added',
    cs: 'Pozice není otevřená; uchazeče nelze přidávat',
  },
  candidate_not_found: { en: 'No such candidate', cs: 'Takový uchazeč neexistuje' },
  candidate_not_active: {
    en: 'The candidate is no longer in the pipeline',
    cs: 'Uchazeč už ve výběrovém řízení není',
  },
  candidate_anonymised: {
    en: 'The candidate’s personal data were anonymised',
    cs: 'Osobní údaje uchazeče byly anonymizovány',
  },
  stage_not_found: { en: 'No such stage', cs: 'Taková fáze neexistuje' },
  stage_in_use: {
    en: 'Stage “{name}” still has {count, plural, one {# candidate} other {# candidates}}',
    cs: 'Ve fázi „{name}“ {count, plural, one {je ještě # uchazeč} few {jsou ještě # uchazeči} many {je ještě # uchazeče} other {je ještě # uchazečů}}',
  },
  stage_name_taken: { en: 'Each stage needs its own name', cs: 'Každá fáze musí mít jiný název' },
  interview_not_found: { en: 'No such interview', cs: 'Takový pohovor neexistuje' },
  interviewer_not_found: { en: 'No such employee to interview', cs: 'Takový zaměstnanec pro pohovor neexistuje' },
  not_an_interviewer: {
    en: 'Only an interviewer of this interview writes its scorecard',
    cs: 'Hodnocení píše jen tazatel tohoto pohovoru',
  },
  scorecard_exists: {
    en: 'This interviewer has scored the interview already',
    cs: 'Tento tazatel už pohovor ohodnotil',
  },
  consent_in_past: { en: 'Consent must last beyond today', cs: 'Souhlas musí trvat déle než dnes' },
  offer_start_past: {
    en: 'The start date cannot be before {date}',
    cs: 'Datum nástupu nemůže být před {date}',
  },
  template_not_found: { en: 'No such checklist template', cs: 'Taková šablona nástupu neexistuje' },
  template_position_taken: {
    en: 'Another template is for this position already',
    cs: 'Pro tuto pozici už je jiná šablona',
  },
  task_not_found: { en: 'No such task', cs: 'Takový úkol neexistuje' },
  course_not_found: { en: 'No such course', cs: 'Takové školení neexistuje' },
  course_name_taken: { en: 'A course of this name exists already', cs: 'Školení s tímto názvem už existuje' },
  expiry_before_completion: {
    en: 'The expiry is before the completion',
    cs: 'Platnost končí před absolvováním',
  },
  completion_future: { en: 'The completion cannot be in the future', cs: 'Absolvování nemůže být v budoucnosti' },
  terminated: { en: 'Left on {date}', cs: 'Ukončeno ke dni {date}' },
  tax_year_unknown: {
    en: 'Bureau has no payroll figures for {year}',
    cs: 'Bureau nemá mzdové parametry pro rok {year}',
  },
  no_payroll_in_year: {
    en: 'The employee has no approved payslip in {year}',
    cs: 'Zaměstnanec nemá v roce {year} žádnou schválenou výplatní pásku',
  },
  settlement_year_open: {
    en: 'The annual tax settlement for {year} can be made only after the year ends',
    cs: 'Roční zúčtování za rok {year} lze provést až po skončení roku',
  },
  settlement_not_declared: {
    en: 'No annual tax settlement: the employee had no signed tax declaration in {months, plural, one {month {list}} other {months {list}}}',
    cs: 'Roční zúčtování nelze provést: zaměstnanec neměl podepsané prohlášení k dani {months, plural, one {v měsíci {list}} few {v měsících {list}} many {v měsících {list}} other {v měsících {list}}}',
  },
  spouse_income_over_limit: {
    en: 'No spouse credit: the spouse’s own income for the year is over {limit, number} CZK (§ 35bb)',
    cs: 'Slevu na manžela nelze uplatnit: vlastní příjem manžela za rok přesahuje {limit, number} Kč (§ 35bb)',
  },
  settlement_not_found: {
    en: 'No annual tax settlement for this year',
    cs: 'Za tento rok není roční zúčtování',
  },
  hours_or_days: { en: 'Give hours or days, not both', cs: 'Zadejte hodiny, nebo dny, ne obojí' },
});
