/**
 * Bureau's starting SLA targets per priority, in business minutes (a firm changes them in its
 * settings; no law sets them). Chosen after common MSP practice (first response within an hour for
 * urgent incidents, one working day for normal requests): urgent 1 h / 4 h, high 2 h / 1 day,
 * normal 1 day / 3 days, low 2 days / 10 days, with the default day of 8 working hours.
 */
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const SLA_DEFAULTS: Record<Priority, { responseMinutes: number; resolutionMinutes: number }> = {
  urgent: { responseMinutes: 60, resolutionMinutes: 240 },
  high: { responseMinutes: 120, resolutionMinutes: 480 },
  normal: { responseMinutes: 480, resolutionMinutes: 1440 },
  low: { responseMinutes: 960, resolutionMinutes: 4800 },
};

/** A clock is in warning once this share of its target has elapsed. */
export const WARNING_SHARE = 0.8;
