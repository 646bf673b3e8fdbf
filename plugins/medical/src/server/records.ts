import type { PluginRecords } from '@bureau/core';
import { deleteOrders, deletePatients, orderRecords, patientRecords } from './retention.ts';

/**
 * Who sees the lab's records. Patients, orders, specimens and results are health data: audit
 * entries keep ids and changed field names only, never values.
 */
export const records: PluginRecords = {
  auditRead: 'medical.read',
  entities: {
    'medical.patient': {
      label: { en: 'Patient', cs: 'Pacient' },
      read: 'medical.read',
      attach: 'medical.order',
      sensitive: 'medical.authorise',
      specialCategory: true,
    },
    'medical.order': {
      label: { en: 'Lab order', cs: 'Laboratorní žádanka' },
      read: 'medical.read',
      attach: 'medical.order',
      sensitive: 'medical.authorise',
      specialCategory: true,
    },
    'medical.specimen': {
      label: { en: 'Specimen', cs: 'Vzorek' },
      read: 'medical.read',
      attach: 'medical.order',
      sensitive: 'medical.authorise',
      specialCategory: true,
    },
    'medical.result': {
      label: { en: 'Lab result', cs: 'Laboratorní výsledek' },
      read: 'medical.read',
      attach: 'medical.result',
      sensitive: 'medical.authorise',
      specialCategory: true,
    },
  },
  classes: {
    // Medical documentation (Decree 444/2024 Coll., Annex 3): an order with its specimens, custody and
    // results, counted from the day of the examination; deleted after the period.
    'medical.lab-records': {
      label: { en: 'Lab orders and results', cs: 'Laboratorní žádanky a výsledky' },
      statutes: ['cz.health.documentation'],
      trigger: 'created',
      disposal: 'delete',
      records: (ctx, q) => orderRecords(ctx, q),
      dispose: deleteOrders,
    },
    // A patient's identity stays while any of their lab records does.
    'medical.patients': {
      label: { en: 'Patients', cs: 'Pacienti' },
      statutes: ['cz.health.documentation'],
      trigger: 'last_contact',
      disposal: 'delete',
      records: (ctx, q) => patientRecords(ctx, q),
      dispose: deletePatients,
    },
  },
};
