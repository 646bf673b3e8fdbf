import { defineMessages } from '@bureau/core';

/** Every sentence the lab's server writes, in English and Czech (ICU MessageFormat). */
export const m = defineMessages('medical', {
  critical_entered: {
    en: 'Critical value: {test} ({code}) on specimen {barcode}',
    cs: 'Kritická hodnota: {test} ({code}) ve vzorku {barcode}',
  },
  critical_entered_body: {
    en: 'Call the orderer back, then release the result.',
    cs: 'Nahlaste ji zadavateli a pak výsledek uvolněte.',
  },
  critical_released: {
    en: 'Critical value released: {test} ({code}) on specimen {barcode}',
    cs: 'Kritická hodnota uvolněna: {test} ({code}) ve vzorku {barcode}',
  },
  clinic_rejected_subject: {
    en: '{lab}: specimen {barcode} rejected',
    cs: '{lab}: vzorek {barcode} odmítnut',
  },
  clinic_rejected_text: {
    en: 'Hello,\n\nthe laboratory {lab} could not analyse specimen {barcode} of order {order}: {reason, select, haemolysed {the specimen is haemolysed} clotted {the specimen is clotted} insufficient {there is not enough material} other {the tube is mislabelled}}. Please collect a new specimen and send it with the same order.\n\nPlease call the laboratory back to confirm you have this message.\n\nThis e-mail names no patient: the order number and the barcode identify the specimen.',
    cs: 'Dobrý den,\n\nlaboratoř {lab} nemohla vyšetřit vzorek {barcode} z žádanky {order}: {reason, select, haemolysed {vzorek je hemolytický} clotted {ve vzorku je sraženina} insufficient {materiálu je málo} other {zkumavka je chybně označená}}. Odeberte prosím nový vzorek a pošlete jej ke stejné žádance.\n\nZavolejte prosím zpět do laboratoře a potvrďte, že zprávu máte.\n\nE-mail neuvádí pacienta: vzorek určuje číslo žádanky a čárový kód.',
  },
  clinic_critical_subject: {
    en: '{lab}: critical value on specimen {barcode}, please call back',
    cs: '{lab}: kritická hodnota ve vzorku {barcode}, zavolejte zpět',
  },
  clinic_critical_text: {
    en: 'Hello,\n\nthe laboratory {lab} measured a critical value of {test} ({code}) on specimen {barcode} of order {order}. Please call the laboratory back at once: the value and the patient are given by phone only.\n\nThis e-mail names neither the patient nor the value.',
    cs: 'Dobrý den,\n\nlaboratoř {lab} naměřila kritickou hodnotu vyšetření {test} ({code}) ve vzorku {barcode} z žádanky {order}. Zavolejte prosím ihned zpět do laboratoře: hodnotu i pacienta sdělíme jen telefonicky.\n\nE-mail neuvádí pacienta ani hodnotu.',
  },
  test_not_found: { en: 'No such test', cs: 'Takové vyšetření neexistuje' },
  test_exists: { en: 'Test {code} exists already', cs: 'Vyšetření {code} už existuje' },
  unknown_test: {
    en: 'Unknown {count, plural, one {test} other {tests}}: {codes}',
    cs: 'Neznámé {count, plural, one {vyšetření} few {vyšetření} many {vyšetření} other {vyšetření}}: {codes}',
  },
  panel_exists: { en: 'Panel {code} exists already', cs: 'Panel {code} už existuje' },
  bad_formula: {
    en: 'The formula may use numbers, + - * / ( ) and codes of other tests: {reason}',
    cs: 'Vzorec smí obsahovat čísla, + - * / ( ) a kódy jiných vyšetření: {reason}',
  },
  patient_not_found: { en: 'No such patient', cs: 'Takový pacient neexistuje' },
  patient_exists: {
    en: 'A patient with this birth number is registered already',
    cs: 'Pacient s tímto rodným číslem už je v evidenci',
  },
  bad_birth_number: { en: 'Not a valid Czech birth number', cs: 'Neplatné rodné číslo' },
  birth_number_mismatch: {
    en: 'The birth number does not match the birth date or sex',
    cs: 'Rodné číslo neodpovídá datu narození nebo pohlaví',
  },
  birth_date_future: { en: 'The birth date is in the future', cs: 'Datum narození je v budoucnosti' },
  order_not_found: { en: 'No such order', cs: 'Taková žádanka neexistuje' },
  no_tests: { en: 'Order at least one test', cs: 'Objednejte alespoň jedno vyšetření' },
  specimen_not_found: { en: 'No such specimen', cs: 'Takový vzorek neexistuje' },
  unknown_clinic: { en: 'No such clinic in the address book', cs: 'Takové pracoviště v adresáři není' },
  result_not_found: { en: 'No such result', cs: 'Takový výsledek neexistuje' },
  not_a_number: {
    en: 'Test {code} takes a number (e.g. 4.5)',
    cs: 'Vyšetření {code} vyžaduje číslo (např. 4,5)',
  },
  too_many_decimals: {
    en: 'Test {code} takes at most {decimals, plural, one {# decimal} other {# decimals}}',
    cs: 'Vyšetření {code} má nejvýše {decimals, plural, one {# desetinné místo} few {# desetinná místa} many {# desetinného místa} other {# desetinných míst}}',
  },
  test_not_ordered: {
    en: 'Test {code} was not ordered on this specimen',
    cs: 'Vyšetření {code} nebylo u tohoto vzorku požadováno',
  },
  specimen_not_received: {
    en: 'The specimen has not been received in the lab',
    cs: 'Vzorek ještě nebyl přijat do laboratoře',
  },
  specimen_rejected: {
    en: 'The specimen was rejected; results cannot be entered',
    cs: 'Vzorek byl odmítnut; výsledky nelze zadat',
  },
  specimen_done: {
    en: 'The specimen is finished; amend a released result instead',
    cs: 'Vzorek je uzavřen; opravte raději uvolněný výsledek',
  },
  result_exists: {
    en: 'A result of {code} awaits release on this specimen; correct that one',
    cs: 'Výsledek {code} u tohoto vzorku už čeká na uvolnění; opravte ten',
  },
  result_released: {
    en: 'The result is released; amend it to correct it',
    cs: 'Výsledek je uvolněn; pro opravu vytvořte dodatek',
  },
  not_released: { en: 'Only a released result can be amended', cs: 'Dodatek lze vytvořit jen k uvolněnému výsledku' },
  four_eyes: {
    en: 'Four-eyes rule: the person who entered a result cannot release it',
    cs: 'Pravidlo čtyř očí: kdo výsledek zadal, nemůže ho uvolnit',
  },
  release_not_authorised: {
    en: 'Local rule "{rule}" lets only an authorised person release this {kind} result',
    cs: 'Místní pravidlo „{rule}“ dovoluje uvolnit tento {kind} výsledek jen oprávněné osobě',
  },
  kind_normal: { en: 'normal', cs: 'normální' },
  kind_abnormal: { en: 'flagged', cs: 'patologický' },
  kind_critical: { en: 'critical', cs: 'kritický' },
  rule_exists: {
    en: 'A local rule for {target} exists already; edit that one',
    cs: 'Místní pravidlo pro {target} už existuje; upravte to',
  },
  rule_not_found: { en: 'No such local rule', cs: 'Takové místní pravidlo neexistuje' },
  default_rule: { en: 'authorised release', cs: 'uvolňuje oprávněná osoba' },
  qc_failed: {
    en: 'QC of worksheet {worksheet} was rejected ({rules}); its results cannot be released',
    cs: 'Kontrola kvality pracovního listu {worksheet} byla zamítnuta ({rules}); jeho výsledky nelze uvolnit',
  },
  callback_missing: {
    en: 'A critical value must be called back (who was told, when) before release',
    cs: 'Kritickou hodnotu je před uvolněním nutné telefonicky nahlásit (komu, kdy)',
  },
  not_critical: { en: 'The result is not critical', cs: 'Výsledek není kritický' },
  worksheet_not_found: { en: 'No such worksheet', cs: 'Takový pracovní list neexistuje' },
  material_not_found: { en: 'No such control material', cs: 'Takový kontrolní materiál neexistuje' },
  material_exists: {
    en: 'Lot {lot} level {level} of this test exists already',
    cs: 'Šarže {lot} úrovně {level} tohoto vyšetření už existuje',
  },
  bad_fhir: {
    en: 'Not a FHIR R4 ServiceRequest this lab can take: {reason}',
    cs: 'Nepřijatelný FHIR R4 ServiceRequest: {reason}',
  },
  retention_duty: {
    en: 'Laboratory records must be kept until {until} (Decree 98/2012 Sb.); they cannot be erased yet',
    cs: 'Laboratorní záznamy je nutné uchovat do {until} (vyhláška č. 98/2012 Sb.); zatím je nelze vymazat',
  },
  critical_notice_title: {
    en: 'Critical value: {test} {value} {unit}',
    cs: 'Kritická hodnota: {test} {value} {unit}',
  },
  critical_notice_body: {
    en: 'Order {order}, specimen {barcode}. Call the orderer and record the call-back before release.',
    cs: 'Žádanka {order}, vzorek {barcode}. Zavolejte žadateli a zapište nahlášení před uvolněním.',
  },
  rejected_notice_title: {
    en: 'Specimen {barcode} rejected: {reason}',
    cs: 'Vzorek {barcode} odmítnut: {reason}',
  },
  rejected_notice_body: {
    en: 'Order {order} needs a new specimen.',
    cs: 'K žádance {order} je třeba odebrat nový vzorek.',
  },
  import_unreadable: { en: 'Line {line}: cannot be read', cs: 'Řádek {line}: nelze přečíst' },
  import_no_order: {
    en: 'Line {line}: a result without an order record naming its specimen',
    cs: 'Řádek {line}: výsledek bez záznamu objednávky se vzorkem',
  },
  import_not_final: {
    en: 'Line {line}: the instrument did not mark the result final',
    cs: 'Řádek {line}: přístroj výsledek neoznačil jako konečný',
  },
  import_empty: { en: 'The file holds no results', cs: 'Soubor neobsahuje žádné výsledky' },
  import_unknown_specimen: {
    en: 'Line {line}: no specimen with barcode {barcode}',
    cs: 'Řádek {line}: vzorek s čárovým kódem {barcode} neexistuje',
  },
  import_line_failed: {
    en: 'Line {line} ({barcode}, {code}): {reason}',
    cs: 'Řádek {line} ({barcode}, {code}): {reason}',
  },
  import_rejected: {
    en: 'The file was not imported; correct the lines named below',
    cs: 'Soubor nebyl načten; opravte uvedené řádky',
  },
  report_title: { en: 'Laboratory report', cs: 'Výsledek laboratorního vyšetření' },
  report_cumulative: { en: 'Cumulative report', cs: 'Kumulativní nález' },
  report_patient: { en: 'Patient', cs: 'Pacient' },
  report_born: { en: 'Born', cs: 'Narozen(a)' },
  report_birth_number: { en: 'Birth number', cs: 'Rodné číslo' },
  report_insurer: { en: 'Insurer', cs: 'Pojišťovna' },
  report_order: { en: 'Order', cs: 'Žádanka' },
  report_ordered: { en: 'Ordered', cs: 'Požadováno' },
  report_clinic: { en: 'Referring clinic', cs: 'Odesílající pracoviště' },
  report_clinician: { en: 'Referring clinician', cs: 'Odesílající lékař' },
  report_priority: { en: 'Priority', cs: 'Priorita' },
  report_note: { en: 'Clinical note', cs: 'Klinická poznámka' },
  report_test: { en: 'Test', cs: 'Vyšetření' },
  report_result: { en: 'Result', cs: 'Výsledek' },
  report_flag: { en: 'Flag', cs: 'Příznak' },
  report_range: { en: 'Reference range', cs: 'Referenční mez' },
  report_pending: { en: 'pending', cs: 'probíhá' },
  report_released_by: {
    en: 'Released by {who} on {at}',
    cs: 'Uvolnil(a) {who} dne {at}',
  },
  report_amended: {
    en: 'Amended (version {version}): {reason}',
    cs: 'Opraveno (verze {version}): {reason}',
  },
  report_callback: { en: 'Critical value reported to {to} at {at}', cs: 'Kritická hodnota nahlášena: {to}, {at}' },
  report_rejected: { en: 'Specimen {barcode} rejected: {reason}', cs: 'Vzorek {barcode} odmítnut: {reason}' },
  report_printed: { en: 'Printed {at}', cs: 'Vytištěno {at}' },
  report_page: { en: 'Page {page} of {pages}', cs: 'Strana {page} z {pages}' },
  report_no_results: { en: 'No released results', cs: 'Žádné uvolněné výsledky' },
  report_legend: {
    en: 'H above, L below the reference range; HH, LL at or beyond a critical limit.',
    cs: 'H nad, L pod referenční mezí; HH, LL na kritické mezi nebo za ní.',
  },
  reason_haemolysed: { en: 'haemolysed', cs: 'hemolýza' },
  reason_clotted: { en: 'clotted', cs: 'sraženina' },
  reason_insufficient: { en: 'insufficient volume', cs: 'nedostatečné množství' },
  reason_mislabelled: { en: 'mislabelled', cs: 'chybně označeno' },
  priority_routine: { en: 'routine', cs: 'rutinní' },
  priority_urgent: { en: 'urgent', cs: 'urgentní' },
  priority_stat: { en: 'STAT', cs: 'STATIM' },
  sex_male: { en: 'male', cs: 'muž' },
  sex_female: { en: 'female', cs: 'žena' },
  sex_other: { en: 'other', cs: 'jiné' },
  sex_unknown: { en: 'unknown', cs: 'neuvedeno' },
  age_to_after_from: { en: 'Must be greater than ageFromDays', cs: 'Musí být větší než ageFromDays' },
  high_below_low: { en: 'Must not be below low', cs: 'Nesmí být nižší než dolní mez (low)' },
  test_or_discipline: { en: 'Name either a test or a discipline', cs: 'Uveďte buď vyšetření, nebo obor' },
  not_a_decimal: { en: 'Expected a decimal number', cs: 'Očekává se desetinné číslo' },
});
