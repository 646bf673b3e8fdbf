import fc from 'fast-check';
import type { Schema } from './openapi.ts';

/**
 * Valid example values from a JSON schema (OpenAPI 3.1 dialect, refs already resolved). Free-text
 * strings carry a marker (e.g. `probeA`), so the isolation probe can recognise a tenant's values in
 * any response; patterned strings are drawn with fast-check's `stringMatching`, deterministically.
 */
export interface ExampleOptions {
  /** Put into every free-text string (lower-case letters and digits). */
  marker: string;
  /** Include optional properties that are free text or e-mail (more distinctive values); default true. */
  optionalText?: boolean;
  /** Seed for patterned strings. */
  seed?: number;
}

let serial = 0;
const nextSerial = () => ++serial;

const DATE = '2026-01-15';

function typesOf(schema: Schema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (typeof schema.type === 'string') return [schema.type];
  if (schema.properties) return ['object'];
  if (schema.items) return ['array'];
  return [];
}

function fitLength(s: string, schema: Schema): string {
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  let out = s.length > max ? s.slice(0, max) : s;
  while (out.length < min) out += 'x';
  return out;
}

/** Strings matching `pattern`, or null when the pattern cannot be used in JS. */
export function matching(pattern: string, schema: Schema, seed: number): string | null {
  let re: RegExp;
  try {
    re = new RegExp(pattern);
  } catch {
    return null;
  }
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : 200;
  if (typeof schema.example === 'string' && re.test(schema.example)) return schema.example;
  try {
    const samples = fc.sample(fc.stringMatching(re), { seed, numRuns: 60 });
    // Prefer plain ASCII letters/digits: easier to read in reports, fewer surprises downstream.
    const ok = samples.filter((s) => s.length >= min && s.length <= max && re.test(s));
    return ok.find((s) => /^[\w.-]*$/.test(s) && s.length > 1) ?? ok[0] ?? null;
  } catch {
    return null;
  }
}

function stringExample(schema: Schema, opts: ExampleOptions): string {
  if (schema.const !== undefined) return String(schema.const);
  if (Array.isArray(schema.enum) && schema.enum.length) return String(schema.enum[0]);
  const n = nextSerial();
  switch (schema.format) {
    case 'uuid':
      return '00000000-0000-7000-8000-000000000000';
    case 'email':
      return `${opts.marker}x${n}@example.test`;
    case 'date':
      return DATE;
    case 'date-time':
      return '2026-01-15T10:00:00.000Z';
    case 'uri':
    case 'url':
      return `https://example.test/${opts.marker}x${n}`;
    default:
  }
  if (typeof schema.pattern === 'string') {
    return matching(schema.pattern, schema, (opts.seed ?? 1) + n) ?? fitLength(`${opts.marker}x${n}`, schema);
  }
  return fitLength(`${opts.marker}x${n} text`, schema);
}

function numberExample(schema: Schema, integer: boolean): number {
  let v = schema.example ?? schema.default ?? 1;
  if (typeof v !== 'number') v = 1;
  if (typeof schema.minimum === 'number' && v < schema.minimum) v = schema.minimum;
  if (typeof schema.exclusiveMinimum === 'number' && v <= schema.exclusiveMinimum) v = schema.exclusiveMinimum + 1;
  if (typeof schema.maximum === 'number' && v > schema.maximum) v = schema.maximum;
  return integer ? Math.round(v) : v;
}

function isOptionalText(schema: Schema): boolean {
  const types = typesOf(schema).filter((t) => t !== 'null');
  if (types.length !== 1 || types[0] !== 'string') return false;
  if (schema.enum || schema.pattern || schema.const !== undefined) return false;
  return !schema.format || schema.format === 'email';
}

/** A value valid for `schema` (refs resolved). */
export function exampleOf(schema: Schema | undefined, opts: ExampleOptions): unknown {
  if (!schema || typeof schema !== 'object') return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.example !== undefined && typeof schema.example !== 'object' && !schema.pattern && !schema.format)
    return schema.example;
  if (Array.isArray(schema.allOf)) {
    return Object.assign({}, ...schema.allOf.map((s: Schema) => exampleOf(s, opts) as object));
  }
  const union = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(union) && union.length) {
    const pick = union.find((s: Schema) => !typesOf(s).includes('null')) ?? union[0];
    return exampleOf(pick, opts);
  }
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  const types = typesOf(schema);
  const type = types.find((t) => t !== 'null') ?? types[0];
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required: string[] = schema.required ?? [];
      for (const [name, prop] of Object.entries<Schema>(schema.properties ?? {})) {
        if (required.includes(name) || (opts.optionalText !== false && isOptionalText(prop))) {
          out[name] = exampleOf(prop, opts);
        }
      }
      return out;
    }
    case 'array': {
      const count = Math.max(1, schema.minItems ?? 1);
      return Array.from({ length: count }, () => exampleOf(schema.items, opts));
    }
    case 'string':
      return stringExample(schema, opts);
    case 'integer':
      return numberExample(schema, true);
    case 'number':
      return numberExample(schema, false);
    case 'boolean':
      return schema.default ?? false;
    case 'null':
      return null;
    default:
      return null;
  }
}

/** Top-level property names of an object schema that are not required. */
export function optionalProperties(schema: Schema): string[] {
  const required: string[] = schema.required ?? [];
  return Object.keys(schema.properties ?? {}).filter((k) => !required.includes(k));
}
