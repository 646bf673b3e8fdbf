import type { Migrations } from '../migrator.ts';
import { tenancyAuth } from './0001_tenancy_auth.ts';
import { auditOutbox } from './0002_audit_outbox.ts';
import { tenantModules } from './0003_tenant_modules.ts';
import { records } from './0005_records.ts';
import { providers } from './0007_providers.ts';
import { billing } from './0008_billing.ts';
import { billingCatalogue } from './0008_billing_catalogue.ts';

/** Core's migrations, in order. Keys sort lexicographically; never rename one that shipped. */
export const coreMigrations: Migrations = {
  '0001_tenancy_auth': tenancyAuth,
  '0002_audit_outbox': auditOutbox,
  '0003_tenant_modules': tenantModules,
  '0005_records': records,
  '0007_providers': providers,
  '0008_billing': billing,
  '0008_billing_catalogue': billingCatalogue,
};
