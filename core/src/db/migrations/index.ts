import type { Migrations } from '../migrator.ts';
import { tenancyAuth } from './0001_tenancy_auth.ts';
import { auditOutbox } from './0002_audit_outbox.ts';
import { tenantModules } from './0003_tenant_modules.ts';
import { records } from './0005_records.ts';
import { providers } from './0007_providers.ts';
import { billing } from './0008_billing.ts';
import { billingCatalogue } from './0008_billing_catalogue.ts';
import { emailVerification } from './0010_email_verification.ts';
import { tokenBinding } from './0011_token_binding.ts';
import { mailJobs } from './0012_mail_jobs.ts';
import { secondFactor } from './0013_second_factor.ts';
import { recordsManagement } from './0020_records_management.ts';
import { subjectRequestReminders } from './0021_subject_request_reminders.ts';
import { companyProfile } from './0030_company_profile.ts';
import { parties } from './0031_parties.ts';
import { statusHistory } from './0040_status_history.ts';
import { schedules } from './0041_schedules.ts';
import { notifications } from './0042_notifications.ts';
import { requestRole } from './0050_request_role.ts';
import { directory } from './0070_directory.ts';
import { directoryProfiles } from './0071_directory_profiles.ts';
import { engagedStaff } from './0072_engaged_staff.ts';

/** Core's migrations, in order. Keys sort lexicographically; never rename one that shipped. */
export const coreMigrations: Migrations = {
  '0001_tenancy_auth': tenancyAuth,
  '0002_audit_outbox': auditOutbox,
  '0003_tenant_modules': tenantModules,
  '0005_records': records,
  '0007_providers': providers,
  '0008_billing': billing,
  '0008_billing_catalogue': billingCatalogue,
  '0010_email_verification': emailVerification,
  '0011_token_binding': tokenBinding,
  '0012_mail_jobs': mailJobs,
  '0013_second_factor': secondFactor,
  '0020_records_management': recordsManagement,
  '0021_subject_request_reminders': subjectRequestReminders,
  '0030_company_profile': companyProfile,
  '0031_parties': parties,
  '0040_status_history': statusHistory,
  '0041_schedules': schedules,
  '0042_notifications': notifications,
  '0050_request_role': requestRole,
  '0070_directory': directory,
  '0071_directory_profiles': directoryProfiles,
  '0072_engaged_staff': engagedStaff,
};
