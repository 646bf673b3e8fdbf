import { defineWorkflow, z } from '@bureau/core';

/**
 * A employee's life: open until done or cancelled; the nightly schedule marks one past its due date
 * as overdue. Each change goes through a named transition: permission checked, status history,
 * audit row and the event `hr.employee.<transition>`, all in the request's transaction.
 */
export const employeeWorkflow = defineWorkflow({
  table: 'hr.employees',
  readPermission: 'hr.read',
  initial: 'open',
  states: {
    open: { label: { en: 'Open', cs: 'Otevřeno' }, tone: 'info' },
    overdue: { label: { en: 'Overdue', cs: 'Po termínu' }, tone: 'danger' },
    done: { label: { en: 'Done', cs: 'Hotovo' }, tone: 'success', final: true },
    cancelled: { label: { en: 'Cancelled', cs: 'Zrušeno' }, tone: 'neutral', final: true },
  },
  transitions: {
    complete: {
      from: ['open', 'overdue'],
      to: 'done',
      permission: 'hr.manage',
      label: { en: 'Mark done', cs: 'Dokončit' },
    },
    lapse: {
      from: 'open',
      to: 'overdue',
      permission: 'hr.manage',
      label: { en: 'Mark overdue', cs: 'Označit jako po termínu' },
    },
    cancel: {
      from: ['open', 'overdue'],
      to: 'cancelled',
      permission: 'hr.manage',
      label: { en: 'Cancel', cs: 'Zrušit' },
      danger: true,
      input: z.object({
        reason: z
          .string()
          .trim()
          .min(1)
          .max(200)
          .meta({ label: { en: 'Reason', cs: 'Důvod' } }),
      }),
    },
  },
});
