import { defineStatuses, useMessages } from '@bureau/core/ui';

const en = {
  compliance: 'Compliance',
  complianceText: 'Devices that have not taken updates lately, and warranties about to end.',
  updatedWithinDays: 'Not updated in (days)',
  warrantyWithinDays: 'Warranty ends within (days)',
  downloadCsv: 'Download CSV',
  notUpdated: 'Not updated (days: {days})',
  noneNotUpdated: 'Every reporting device took updates in time',
  noneNotUpdatedText: 'Devices report their updates through the health API or a CSV import.',
  warrantyEnding: 'Warranty ends within (days: {days})',
  noneWarranty: 'No warranty ends in this time',
  noneWarrantyText: 'Assets with a warranty end date show here as it comes near.',
  asset: 'Asset',
  os: 'Operating system',
  lastUpdate: 'Last update',
  daysSince: 'Days since',
  patchState: 'Patch state',
  lastSeen: 'Last seen',
  warrantyUntil: 'Warranty until',
  daysLeft: 'Days left',
  unknown: 'unknown',
};

const cs: typeof en = {
  compliance: 'Soulad',
  complianceText: 'Zařízení, která v poslední době nepřijala aktualizace, a končící záruky.',
  updatedWithinDays: 'Neaktualizováno déle než (dní)',
  warrantyWithinDays: 'Záruka končí do (dní)',
  downloadCsv: 'Stáhnout CSV',
  notUpdated: 'Neaktualizováno (dní: {days})',
  noneNotUpdated: 'Všechna hlásící zařízení přijala aktualizace včas',
  noneNotUpdatedText: 'Zařízení hlásí aktualizace přes API stavu nebo importem CSV.',
  warrantyEnding: 'Záruka končí do (dní: {days})',
  noneWarranty: 'V této době žádná záruka nekončí',
  noneWarrantyText: 'Majetek s datem konce záruky se tu objeví, jakmile se blíží.',
  asset: 'Majetek',
  os: 'Operační systém',
  lastUpdate: 'Poslední aktualizace',
  daysSince: 'Dní od ní',
  patchState: 'Stav aktualizací',
  lastSeen: 'Naposledy viděno',
  warrantyUntil: 'Záruka do',
  daysLeft: 'Zbývá dní',
  unknown: 'neznámé',
};

/** The updates-and-health and compliance messages in the current language. */
export const useHT = () => useMessages({ en, cs });

export const PATCH_STATES = defineStatuses({
  up_to_date: { tone: 'success', label: { en: 'Up to date', cs: 'Aktuální' } },
  updates_pending: { tone: 'warning', label: { en: 'Updates pending', cs: 'Čekají aktualizace' } },
  unsupported: { tone: 'danger', label: { en: 'Unsupported', cs: 'Nepodporováno' } },
});
