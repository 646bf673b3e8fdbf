import type { Test } from './catalogue.ts';
import type { OrderBundle, ResultView } from './order-detail.ts';

/**
 * An order as a FHIR R4 (4.0.1) Bundle of type `collection`: the Patient, one ServiceRequest per
 * ordered test, the Specimens, an Observation per current result (LOINC code, UCUM quantity,
 * interpretation H/L/HH/LL, reference range) and a DiagnosticReport over them. Entries are
 * addressed by `urn:uuid:` full URLs, so the bundle stands alone.
 */

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
/** Czech birth numbers (rodná čísla) in the Czech national FHIR base profiles. */
export const RC_SYSTEM = 'https://ncez.mzcr.cz/fhir/sid/rcis';
/** This lab's own test codes and specimen barcodes. */
export const TEST_SYSTEM = 'urn:bureau:medical:test';
const BARCODE_SYSTEM = 'urn:bureau:medical:specimen';
const ORDER_SYSTEM = 'urn:bureau:medical:order';

type Json = Record<string, unknown>;
const ref = (id: string) => ({ reference: `urn:uuid:${id}` });

function testCode(test: Test): Json {
  return {
    coding: [
      ...(test.loinc ? [{ system: LOINC, code: test.loinc, display: test.name.en }] : []),
      { system: TEST_SYSTEM, code: test.code, display: test.name.en },
    ],
    text: test.name.en,
  };
}

const quantity = (value: string, test: Test) => ({
  value: Number(value),
  unit: test.unit,
  system: UCUM,
  code: test.unit,
});

function observation(r: ResultView, test: Test, patientId: string, serviceRequestId: string | undefined): Json {
  const status = r.status === 'released' ? (r.version > 1 ? 'amended' : 'final') : 'preliminary';
  const range: Json = {};
  if (r.refLow !== null) range.low = quantity(r.refLow, test);
  if (r.refHigh !== null) range.high = quantity(r.refHigh, test);
  return {
    resourceType: 'Observation',
    id: r.id,
    status,
    category: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/observation-category',
            code: 'laboratory',
            display: 'Laboratory',
          },
        ],
      },
    ],
    code: testCode(test),
    subject: ref(patientId),
    specimen: ref(r.specimenId),
    ...(serviceRequestId ? { basedOn: [ref(serviceRequestId)] } : {}),
    ...(r.releasedAt ? { issued: r.releasedAt } : {}),
    ...(r.releasedByLabel ? { performer: [{ display: r.releasedByLabel }] } : {}),
    ...(r.value !== null ? { valueQuantity: quantity(r.value, test) } : { valueString: r.valueText ?? '' }),
    ...(r.flag
      ? { interpretation: [{ coding: [{ system: INTERPRETATION, code: r.flag }] }] }
      : r.value !== null && (r.refLow !== null || r.refHigh !== null)
        ? { interpretation: [{ coding: [{ system: INTERPRETATION, code: 'N' }] }] }
        : {}),
    ...(Object.keys(range).length ? { referenceRange: [range] } : {}),
    ...(r.comment ? { note: [{ text: r.comment }] } : {}),
  };
}

export function orderToFhir(bundle: OrderBundle, now: Date): Json {
  const { order, patient, tests } = bundle;
  const byCode = new Map(tests.map((t) => [t.code, t]));
  const entries: Json[] = [];
  const add = (resource: Json) => entries.push({ fullUrl: `urn:uuid:${resource.id}`, resource });

  add({
    resourceType: 'Patient',
    id: patient.id,
    ...(patient.birthNumber ? { identifier: [{ system: RC_SYSTEM, value: patient.birthNumber }] } : {}),
    name: [{ family: patient.lastName, given: [patient.firstName] }],
    gender: patient.sex,
    birthDate: patient.birthDate,
  });

  // One ServiceRequest per ordered test; its id is derived from the order's and the specimen's ids.
  const requests = new Map<string, string>();
  for (const s of order.specimens) {
    for (const code of s.tests) {
      const test = byCode.get(code);
      if (!test) continue;
      const id = `${order.id.slice(0, 24)}${s.id.slice(24)}-${code.toLowerCase()}`
        .slice(0, 64)
        .replace(/[^A-Za-z0-9.-]/g, '-');
      requests.set(code, id);
      const done = order.results.some((r) => r.test === code && r.status === 'released');
      add({
        resourceType: 'ServiceRequest',
        id,
        identifier: [{ system: ORDER_SYSTEM, value: order.number }],
        status: s.status === 'rejected' ? 'revoked' : done ? 'completed' : 'active',
        intent: 'order',
        priority: order.priority,
        code: testCode(test),
        subject: ref(patient.id),
        authoredOn: order.orderedAt,
        ...(order.clinician || order.clinicName
          ? { requester: { display: [order.clinician, order.clinicName].filter(Boolean).join(', ') } }
          : {}),
        specimen: [ref(s.id)],
        ...(order.clinicalNote ? { note: [{ text: order.clinicalNote }] } : {}),
      });
    }
  }

  for (const s of order.specimens) {
    add({
      resourceType: 'Specimen',
      id: s.id,
      accessionIdentifier: { system: BARCODE_SYSTEM, value: s.barcode },
      status: s.status === 'rejected' ? 'unsatisfactory' : s.status === 'collected' ? 'available' : 'available',
      type: { text: s.specimenType },
      subject: ref(patient.id),
      ...(s.receivedAt ? { receivedTime: s.receivedAt } : {}),
      request: s.tests.flatMap((c) => (requests.has(c) ? [ref(requests.get(c) as string)] : [])),
      ...(s.collectedAt ? { collection: { collectedDateTime: s.collectedAt } } : {}),
      ...(s.container ? { container: [{ description: s.container }] } : {}),
      ...(s.rejectionReason ? { condition: [{ text: s.rejectionReason }] } : {}),
    });
  }

  const current = order.results.filter((r) => r.status === 'entered' || r.status === 'released');
  for (const r of current) {
    const test = byCode.get(r.test);
    if (test) add(observation(r, test, patient.id, requests.get(r.test)));
  }

  const released = current.filter((r) => r.status === 'released');
  const status =
    released.length === 0
      ? 'registered'
      : released.length === current.length && current.length > 0
        ? 'final'
        : 'partial';
  const amended = released.some((r) => r.version > 1);
  add({
    resourceType: 'DiagnosticReport',
    id: order.id,
    identifier: [{ system: ORDER_SYSTEM, value: order.number }],
    basedOn: [...requests.values()].map(ref),
    status: status === 'final' && amended ? 'amended' : status,
    category: [
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB', display: 'Laboratory' }] },
    ],
    code: { coding: [{ system: LOINC, code: '11502-2', display: 'Laboratory report' }] },
    subject: ref(patient.id),
    issued: (released
      .map((r) => r.releasedAt as string)
      .sort()
      .at(-1) ?? now.toISOString()) as string,
    specimen: order.specimens.map((s) => ref(s.id)),
    result: current.map((r) => ref(r.id)),
  });

  return {
    resourceType: 'Bundle',
    id: order.id,
    type: 'collection',
    timestamp: now.toISOString(),
    entry: entries,
  };
}
