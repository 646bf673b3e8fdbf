/** Short names of the health insurers (codes in `schema.ts`'s INSURERS) for choosing one. */
export const INSURER_NAMES: Record<string, string> = {
  '111': 'VZP',
  '201': 'VoZP',
  '205': 'ČPZP',
  '207': 'OZP',
  '209': 'ZPŠ',
  '211': 'ZPMV',
  '213': 'RBP',
};
