import { describe, expect, it } from 'vitest';
import { slugify } from './slug.ts';

// Issue 20 item 8: slugs derived from names drop legal suffixes ("novak-stavby", not "novak-stavby-s-r-o").
describe('slugify', () => {
  it.each([
    ['Novák stavby s.r.o.', 'novak-stavby'],
    ['Novák & syn, spol. s r.o.', 'novak-syn'],
    ['Účetní kancelář Dvořáková s. r. o.', 'ucetni-kancelar-dvorakova'],
    ['Pražská energetika, a.s.', 'prazska-energetika'],
    ['Spolek přátel Šumavy, z.s.', 'spolek-pratel-sumavy'],
    ['Müller Logistik GmbH', 'muller-logistik'],
    ['Acme Ltd.', 'acme'],
    ['Holding SE a.s.', 'holding'],
  ])('%s → %s', (name, slug) => expect(slugify(name)).toBe(slug));

  it('keeps a name that is only a legal form or contains one inside', () => {
    expect(slugify('s.r.o.')).toBe('s-r-o');
    expect(slugify('Asseco Solutions')).toBe('asseco-solutions');
    expect(slugify('Sro Trade Praha')).toBe('sro-trade-praha');
  });

  it('stays within 40 characters without a trailing dash', () => {
    const slug = slugify('Velmi dlouhý název účetní kanceláře pro malé a střední podniky s.r.o.');
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slug.endsWith('-')).toBe(false);
  });
});
