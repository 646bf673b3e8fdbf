import { definePlugin } from '@bureau/core';
import { QC_REJECTED, RESULT_RELEASED, SPECIMEN_REJECTED } from '../contract.ts';
import { migrations } from './migrations/index.ts';
import { records } from './records.ts';
import { personalData } from './retention.ts';
import { catalogueRoutes } from './routes/catalogue.ts';
import { fhirRoutes } from './routes/fhir.ts';
import { orderRoutes } from './routes/orders.ts';
import { patientRoutes } from './routes/patients.ts';
import { qcRoutes } from './routes/qc.ts';
import { reportRoutes } from './routes/reports.ts';
import { resultRoutes } from './routes/results.ts';
import { ruleRoutes } from './routes/rules.ts';
import { seedCatalogue } from './services/catalogue.ts';
import { CRITICAL_VALUE } from './services/critical.ts';
import { demo } from './services/demo.ts';
import { summary } from './services/summary.ts';
import { resultWorkflow, specimenWorkflow } from './workflows.ts';

/**
 * Medical lab: test catalogue, patients, orders and specimens with barcode labels, results entered
 * by technicians and released by whoever the tenant's local rules authorise, QC, FHIR R4.
 */
export default definePlugin({
  id: 'medical',
  version: '1.0.0',
  title: { en: 'Medical lab', cs: 'Laboratoř' },
  description: {
    en: 'Test catalogue, orders and specimens, results with reference ranges, release by local rules, QC and FHIR R4.',
    cs: 'Katalog vyšetření, žádanky a vzorky, výsledky s referenčními mezemi, uvolňování podle místních pravidel, kontrola kvality a FHIR R4.',
  },
  permissions: {
    'medical.read': { en: 'See patients, orders and results', cs: 'Vidět pacienty, žádanky a výsledky' },
    'medical.catalogue': {
      en: 'Edit the test catalogue, control materials and local rules',
      cs: 'Upravovat katalog vyšetření, kontrolní materiály a místní pravidla',
    },
    'medical.order': {
      en: 'Register patients, enter orders, receive and reject specimens',
      cs: 'Evidovat pacienty, zadávat žádanky, přijímat a odmítat vzorky',
    },
    'medical.result': {
      en: 'Enter results and QC values, record call-backs',
      cs: 'Zadávat výsledky a kontroly kvality, zapisovat hlášení',
    },
    'medical.release': {
      en: 'Release results the local rules leave to technicians',
      cs: 'Uvolňovat výsledky, které místní pravidla svěřují laborantům',
    },
    'medical.authorise': {
      en: 'Release any result (authorised person)',
      cs: 'Uvolňovat všechny výsledky (oprávněná osoba)',
    },
  },
  memberPermissions: [],
  migrations,
  routes: (router) => {
    catalogueRoutes(router);
    patientRoutes(router);
    orderRoutes(router);
    resultRoutes(router);
    ruleRoutes(router);
    qcRoutes(router);
    fhirRoutes(router);
    reportRoutes(router);
    return router;
  },
  workflows: { specimen: specimenWorkflow, result: resultWorkflow },
  events: {
    [RESULT_RELEASED]: { en: 'A lab result was released', cs: 'Laboratorní výsledek byl uvolněn' },
    [SPECIMEN_REJECTED]: { en: 'A specimen was rejected', cs: 'Vzorek byl odmítnut' },
    [QC_REJECTED]: {
      en: 'A QC value broke a Westgard rejection rule',
      cs: 'Kontrola kvality porušila Westgardovo pravidlo',
    },
  },
  notifications: {
    [CRITICAL_VALUE]: { en: 'Critical lab values', cs: 'Kritické hodnoty výsledků' },
  },
  records,
  personalData,
  onEnable: seedCatalogue,
  summary,
  demo,
});
