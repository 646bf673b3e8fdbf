/**
 * Server-side localisation: ICU plurals (Czech one/few/many/other, from CLDR through
 * intl-messageformat), placeholders checked when messages are declared, zod's issues in the
 * reader's language, problems rendered per request, and every declared message complete.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Problem, problem } from '../http/problem.ts';
import { invalidInput } from '../http/validation.ts';
import { defineFieldMessages, fieldMessageText } from './field-messages.ts';
import { translate, translateBoth } from './format.ts';
import { negotiateLocale } from './locale.ts';
import { allMessages, defineMessages } from './messages.ts';
import { dateIn, decimalIn, moneyIn } from './values.ts';
import './zod.ts';

const m = defineMessages('test', {
  imported: {
    en: 'Imported {count, plural, one {# transaction} other {# transactions}}',
    cs: 'Importováno {count, plural, one {# pohyb} few {# pohyby} many {# pohybu} other {# pohybů}}',
  },
  more_members: {
    en: '{count, plural, one {# more member} other {# more members}}',
    cs: 'o {count, plural, one {# člena} few {# členy} many {# člena} other {# členů}} víc',
  },
  listed: { en: 'Modules: {modules}', cs: 'Moduly: {modules}' },
});

describe('messages', () => {
  it('picks the Czech plural form by CLDR rules, not by hand', () => {
    expect([1, 2, 4, 5, 22, 1.5].map((count) => translate('cs', m.imported, { count }))).toEqual([
      'Importováno 1 pohyb',
      'Importováno 2 pohyby',
      'Importováno 4 pohyby',
      'Importováno 5 pohybů',
      'Importováno 22 pohybů',
      'Importováno 1,5 pohybu',
    ]);
    expect(translate('cs', m.more_members, { count: 1 })).toBe('o 1 člena víc');
    expect(translate('en', m.imported, { count: 1 })).toBe('Imported 1 transaction');
  });

  it('joins lists and picks { en, cs } values in the reader’s language', () => {
    const accounting = { en: 'Accounting', cs: 'Účetnictví' };
    const hr = { en: 'HR', cs: 'Personalistika' };
    // Czech joins with a non-breaking space after the one-letter conjunction, as it should.
    expect(translate('cs', m.listed, { modules: [accounting, hr] })).toBe('Moduly: Účetnictví a\u00a0Personalistika');
    expect(translateBoth(m.listed, { modules: [accounting, hr] }).en).toBe('Modules: Accounting and HR');
  });

  it('refuses a message whose languages disagree on placeholders, or that is not ICU', () => {
    expect(() => defineMessages('test2', { x: { en: 'Hi {name}', cs: 'Ahoj {jmeno}' } })).toThrow(/placeholders/);
    expect(() => defineMessages('test3', { x: { en: 'Hi {name', cs: 'Ahoj' } })).toThrow(/ICU/);
    expect(() => defineMessages('test', { imported: { en: 'x', cs: 'x' } })).toThrow(/twice/);
  });

  it('declares every message of core in both languages, each valid ICU', () => {
    const all = allMessages();
    expect(all.length).toBeGreaterThan(40);
    for (const msg of all) {
      expect(msg.cs.trim(), msg.id).not.toBe('');
      expect(msg.en.trim(), msg.id).not.toBe('');
    }
  });

  it('formats numbers, money and dates the way each language writes them', () => {
    expect(decimalIn('cs', '10.5')).toBe('10,5');
    expect(moneyIn('cs', 2490000n, 'CZK').replace(/\s/g, ' ')).toBe('24 900,00 Kč');
    expect(moneyIn('en', 2490000n, 'CZK').replace(/\s/g, ' ')).toBe('CZK 24,900.00');
    expect(dateIn('cs', '2025-03-01')).toBe('1. 3. 2025');
    expect(dateIn('en', '2025-03-01')).toBe('1 Mar 2025');
  });
});

describe('request language', () => {
  it('takes the first language we speak from Accept-Language, by q-value', () => {
    expect(negotiateLocale('cs-CZ,cs;q=0.9,en;q=0.8')).toBe('cs');
    expect(negotiateLocale('de-DE,en;q=0.5,cs;q=0.7')).toBe('cs');
    expect(negotiateLocale('sk')).toBe('cs');
    expect(negotiateLocale('de')).toBeNull();
    expect(negotiateLocale(undefined)).toBeNull();
  });
});

describe('problems and zod', () => {
  it('renders a problem in the reader’s language with its code', () => {
    const p = problem(400, m.imported, { count: 3 });
    expect(p.code).toBe('imported');
    expect(p.message).toBe('Imported 3 transactions');
    expect(p.toJSON('cs').title).toBe('Importováno 3 pohyby');
  });

  it('describes zod issues in Czech, with our wording and plurals', () => {
    const schema = z.object({
      email: z.string().email(),
      name: z.string().min(1),
      code: z.string().min(3),
      count: z.number().int().min(2),
      kind: z.enum(['a', 'b']),
    });
    const r = schema.safeParse({ email: 'x', name: '', code: 'ab', count: 1, kind: 'c' });
    if (r.success) throw new Error('expected failure');
    const body = invalidInput(r.error).toJSON('cs');
    const byPath = Object.fromEntries(body.errors?.map((e) => [e.path, e.message]) ?? []);
    expect(byPath).toEqual({
      email: 'Neplatná e-mailová adresa',
      name: 'Povinný údaj',
      code: 'Alespoň 3 znaky',
      count: 'Musí být alespoň 2',
      kind: 'Vyberte jednu z možností: a nebo b',
    });
    expect(body.title).toBe('Některé údaje nejsou platné');
    const missing = z.object({ name: z.string() }).safeParse({});
    if (missing.success) throw new Error('expected failure');
    expect(invalidInput(missing.error).toJSON('en').errors?.[0]).toEqual({
      path: 'name',
      message: 'Required',
      code: 'invalid_type',
    });
  });

  it('keeps a schema’s own message, and renders one of ours given as a ref', () => {
    const schema = z.object({ a: z.string().min(2, 'Own words'), b: z.string().min(2, m.listed.ref) });
    const r = schema.safeParse({ a: 'x', b: 'y' });
    if (r.success) throw new Error('expected failure');
    const errors = invalidInput(r.error).toJSON('cs').errors;
    // A placeholder nobody filled shows as written rather than failing the request.
    expect(errors?.map((e) => e.message)).toEqual(['Own words', 'Moduly: {modules}']);
  });

  it('reads a field message in the reader’s language and keeps zod’s code for it (issue 20 item 5)', () => {
    const fm = defineFieldMessages('test', {
      tag: { en: 'Letters, digits, . _ / -', cs: 'Písmena, číslice, . _ / -' },
    });
    const schema = z.object({
      tag: z.string().regex(/^[a-z]+$/, fm.tag.ref),
      keys: z.array(z.string()).refine((ks) => new Set(ks).size === ks.length, fm.tag.ref),
    });
    const r = schema.safeParse({ tag: 'A!', keys: ['a', 'a'] });
    if (r.success) throw new Error('expected failure');
    const errors = (locale: 'en' | 'cs') => invalidInput(r.error).toJSON(locale).errors;
    expect(errors('cs')).toEqual([
      { path: 'tag', message: 'Písmena, číslice, . _ / -', code: 'invalid_format' },
      { path: 'keys', message: 'Písmena, číslice, . _ / -', code: 'custom' },
    ]);
    expect(errors('en')?.[0]?.message).toBe('Letters, digits, . _ / -');
    // What a form in the browser uses, without the ICU formatter.
    expect(fieldMessageText(fm.tag.ref, 'cs')).toBe('Písmena, číslice, . _ / -');
    expect(fieldMessageText(m.listed.ref, 'cs')).toBeUndefined();
    expect(() => defineFieldMessages('test2', { x: { en: 'At most {n}', cs: 'Nejvýše {n}' } })).toThrow(/plain text/);
  });

  it('keeps plain text of old call sites as it is', () => {
    expect(new Problem(409, 'x', 'Plain').toJSON('cs').title).toBe('Plain');
  });
});
