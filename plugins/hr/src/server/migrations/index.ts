import { people } from './0001_people.ts';
import { payroll } from './0002_payroll.ts';
import { leave } from './0003_leave.ts';
import { recruiting } from './0004_recruiting.ts';
import { onboarding } from './0005_onboarding.ts';
import { taxSettlements } from './0006_tax_settlements.ts';
import { leaveHours } from './0007_leave_hours.ts';
import { trainingSessions } from './0008_training_sessions.ts';
import { paymentSettings } from './0009_payment_settings.ts';
import { unpaidHours } from './0010_unpaid_hours.ts';
import { settlementSpouse } from './0011_settlement_spouse.ts';

/** hr's migrations, in order (run once for all tenants, at boot, into the `hr` schema). */
export const migrations = {
  '0001_people': people,
  '0002_payroll': payroll,
  '0003_leave': leave,
  '0004_recruiting': recruiting,
  '0005_onboarding': onboarding,
  '0006_tax_settlements': taxSettlements,
  '0007_leave_hours': leaveHours,
  '0008_training_sessions': trainingSessions,
  '0009_payment_settings': paymentSettings,
  '0010_unpaid_hours': unpaidHours,
  '0011_settlement_spouse': settlementSpouse,
};
