/**
 * Calendars for departments: Czech public holidays (zákon č. 245/2000 Sb.) and business time —
 * SLA clocks, due dates in working days. Pure functions, no database.
 */

export {
  addBusinessMinutes,
  type BusinessHours,
  businessHours,
  businessMinutesBetween,
  checkHours,
  type HoursProblem,
  isBusinessTime,
  localDate,
  parseTime,
  type SimpleHours,
  windowsOn,
  zonedInstant,
} from './business-time.ts';
export { CZ_EASTER_HOLIDAYS, CZ_FIXED_HOLIDAYS, CZ_HOLIDAYS_VERSION } from './cz-holidays.ts';
export { addDays, easterSunday, isoWeekday } from './easter.ts';
export { czechHolidays, type Holiday, isCzechHoliday } from './holidays.ts';
