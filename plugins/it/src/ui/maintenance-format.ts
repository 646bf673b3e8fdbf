import type { Plan } from '../server/routes/maintenance.ts';
import type { useMT } from './maintenance-messages.ts';

/** "Every 3 months", "Každých 15 000 km": a plan's interval in words. */
export function intervalText(t: ReturnType<typeof useMT>, p: Pick<Plan, 'kind' | 'every' | 'meter'>): string {
  if (p.kind === 'days') return t('everyDays', { count: p.every });
  if (p.kind === 'months') return t('everyMonths', { count: p.every });
  return t('everyMeter', { count: p.every, unit: t(p.meter ?? 'km') });
}
