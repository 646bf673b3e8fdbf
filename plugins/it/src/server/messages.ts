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
});
