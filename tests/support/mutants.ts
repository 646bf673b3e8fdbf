import fc from 'fast-check';
import type { Operation, Schema } from './openapi.ts';
import type { RequestBody } from './world.ts';

/**
 * fast-check arbitraries for malformed requests: wrong types, missing and extra fields, huge and
 * unicode strings, negative and overflowing numbers, invalid dates, malformed JSON, wrong content
 * types, oversized bodies. Mutations start from a valid example so they reach deep validation.
 */

const MB = 1024 * 1024;

/** Values of the wrong kind for almost any field. */
export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    -0.5,
    1e308,
    -1e308,
    2 ** 53 + 1,
    9223372036854776000, // 2^63, as JSON carries it
    Number.MIN_VALUE,
    '',
    ' ',
    'NaN',
    'Infinity',
    '-1',
    '1e309',
    '99999999999999999999999999.99999',
    '-0.000',
    '1,5',
    '0x10',
    '2026-02-30',
    '2026-13-01',
    '0000-00-00',
    '9999-12-31T25:61:61Z',
    '-infinity',
    '00000000-0000-0000-0000-000000000000',
    'not-a-uuid',
    '../../etc/passwd',
    '%00',
    '\u0000',
    "'; drop table core.tenants; --",
    '<script>alert(1)</script>',
    '{{7*7}}',
    '\ud800',
    'Ω≈ç√∫˜µ≤≥÷ 田中さん 🏳️‍🌈 \u202e',
    [],
    {},
    [null],
    { $ref: '#/x' },
    { __proto__: { polluted: true } },
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.bigInt().map((b) => b.toString()),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
  fc.constant('x'.repeat(100_000)),
  fc.string({ unit: 'grapheme', minLength: 300, maxLength: 600 }),
);

/** Paths (property names / indexes) to every node of a JSON value, the root first. */
function nodePaths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(prefix);
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) nodePaths(v, [...prefix, i], out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) nodePaths(v, [...prefix, k], out);
  }
  return out;
}

type Mutation =
  | { kind: 'replace'; value: unknown }
  | { kind: 'delete' }
  | { kind: 'extra'; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: junkValue.map((value) => ({ kind: 'replace' as const, value })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'delete' as const }) },
  {
    weight: 1,
    arbitrary: fc
      .record({
        key: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('__proto__', 'constructor', 'tenant_id', 'id')),
        value: junkValue,
      })
      .map((r) => ({ kind: 'extra' as const, ...r })),
  },
);

function clone<T>(v: T): T {
  return v === undefined ? v : JSON.parse(JSON.stringify(v));
}

/** Applies `m` at the `index`-th node of `value` (modulo the node count). */
export function mutate(value: unknown, index: number, m: Mutation): unknown {
  const root = { v: clone(value) } as Record<string, unknown>;
  const paths = nodePaths(root.v);
  const path = ['v', ...(paths[index % paths.length] ?? [])];
  const key = path[path.length - 1] as string | number;
  let parent: any = root;
  for (const p of path.slice(0, -1)) parent = parent[p];
  if (m.kind === 'replace') parent[key] = m.value;
  else if (m.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else {
    const target = parent[key];
    if (target && typeof target === 'object' && !Array.isArray(target)) {
      Object.defineProperty(target, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
    } else parent[key] = { [m.key]: m.value };
  }
  return root.v;
}

const malformedJson = fc.oneof(
  fc.constantFrom(
    '{',
    '{"a":',
    '[1,2',
    '{"a":1}}',
    "{'a':1}",
    'nul',
    'undefined',
    '{"a":NaN}',
    '\u0000',
    '{"a":"\\ud800"}',
  ),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

const wrongContentType = fc.constantFrom(
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=nope',
  'application/json; charset=utf-16',
  'application/octet-stream',
  '',
  'application/problem+json',
);

/** Malformed bodies for `op`, starting from `valid` (an example body) where there is one. */
export function bodyArbitrary(op: Operation, valid: RequestBody | undefined): fc.Arbitrary<RequestBody | undefined> {
  const base = valid?.kind === 'json' ? valid.value : undefined;
  const options: fc.WeightedArbitrary<RequestBody | undefined>[] = [
    {
      weight: 8,
      arbitrary: fc
        .tuple(fc.nat(), mutation)
        .map(([i, m]) => ({ kind: 'json' as const, value: mutate(base ?? {}, i, m) })),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.nat(), mutation, fc.nat(), mutation).map(([i, m, j, n]) => ({
        kind: 'json' as const,
        value: mutate(mutate(base ?? {}, i, m), j, n),
      })),
    },
    { weight: 2, arbitrary: junkValue.map((value) => ({ kind: 'json' as const, value })) },
    {
      weight: 2,
      arbitrary: malformedJson.map((value) => ({ kind: 'raw' as const, value, contentType: 'application/json' })),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(wrongContentType, fc.boolean()).map(([contentType, asJson]) => ({
        kind: 'raw' as const,
        value: asJson ? JSON.stringify(base ?? {}) : 'a=1&b=%ZZ',
        contentType,
      })),
    },
    { weight: 1, arbitrary: fc.constant(undefined) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        { kind: 'raw' as const, value: `{"a":"${'x'.repeat(MB + 10)}"}`, contentType: 'application/json' },
        { kind: 'raw' as const, value: '['.repeat(50_000), contentType: 'application/json' },
      ),
    },
  ];
  if (op.body?.contentType === 'multipart/form-data') {
    options.push({
      weight: 4,
      arbitrary: fc
        .record({
          fields: fc.dictionary(
            fc.constantFrom('entityType', 'entityId', 'retentionClass', 'sensitive', 'file', 'x'),
            fc.string({ maxLength: 30 }),
          ),
          file: fc.option(fc.uint8Array({ maxLength: 200 })),
          name: fc.string({ maxLength: 30 }),
        })
        .map(({ fields, file, name }) => {
          const form = new FormData();
          for (const [k, v] of Object.entries(fields)) form.set(k, v);
          if (file) form.set('file', new File([file], name || 'f.bin'));
          return { kind: 'form' as const, value: form };
        }),
    });
  }
  return fc.oneof(...options);
}

/** A path value: the valid one, an id nobody has, or junk. */
export function paramArbitrary(valid: string | undefined, schema: Schema): fc.Arbitrary<string> {
  const junk = fc.oneof(
    fc.constantFrom(
      'not-a-uuid',
      '00000000-0000-0000-0000-000000000000',
      'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
      '-1',
      '0',
      '9'.repeat(40),
      '%',
      '..',
      "'",
      'a'.repeat(5000),
      'Ω≈ç√ 田中',
      '2026-99',
    ),
    fc.string({ minLength: 1, maxLength: 50 }),
    fc.uuid(),
  );
  const options: fc.Arbitrary<string>[] = [junk];
  if (valid !== undefined) options.push(fc.constant(valid), fc.constant(valid));
  if (schema.format === 'uuid') options.push(fc.uuid());
  return fc.oneof(...options);
}

/** A query string: declared parameters with junk, plus unknown ones. */
export function queryArbitrary(op: Operation): fc.Arbitrary<Record<string, string>> {
  const declared = op.queryParams.map((p) => p.name);
  const value = fc.oneof(
    junkValue.map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))),
    fc.constantFrom('-1', '0', '1e9', '2026-02-30', 'true', 'yes', '', '99999999999999999999'),
  );
  const keys = fc.oneof(fc.constantFrom(...(declared.length ? declared : ['q'])), fc.string({ maxLength: 8 }));
  return fc.dictionary(
    keys,
    value.map((v) => v.slice(0, 3000)),
    { maxKeys: 4 },
  );
}
