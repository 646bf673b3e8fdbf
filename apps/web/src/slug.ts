/**
 * Legal-form suffixes dropped from slug suggestions (Czech and common European forms, as words
 * after diacritics and punctuation are gone): "Novák stavby s.r.o." → "novak-stavby".
 */
const LEGAL_SUFFIXES = [
  'spol s r o',
  'spol s ro',
  's r o',
  'sro',
  'a s',
  'as',
  'k s',
  'v o s',
  'vos',
  'z s',
  'o p s',
  'ops',
  'z u',
  'se',
  'gmbh',
  'ag',
  'kg',
  'ltd',
  'llc',
  'inc',
  'plc',
  'bv',
  'nv',
  'sa',
  'sp z o o',
  'kft',
];

/** Turns a tenant name into a URL slug suggestion: "Novák & syn s.r.o." → "novak-syn". */
export function slugify(name: string): string {
  let words = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of LEGAL_SUFFIXES) {
      if (words !== suffix && words.endsWith(` ${suffix}`)) {
        words = words.slice(0, -suffix.length - 1).trimEnd();
        changed = true;
      }
    }
  }
  return words.replace(/ +/g, '-').slice(0, 40).replace(/-+$/g, '');
}
