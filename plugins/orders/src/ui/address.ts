/** A stop's delivery address on one line, and a link that opens it on a map (Mapy.cz search). */
export function addressText(shipTo: Record<string, unknown> | null): string {
  if (!shipTo) return '';
  const s = (k: string) => (typeof shipTo[k] === 'string' ? (shipTo[k] as string) : '');
  return [s('street'), [s('postalCode'), s('city')].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}

export const mapHref = (address: string) => `https://mapy.cz/zakladni?q=${encodeURIComponent(address)}`;

export const phoneOf = (shipTo: Record<string, unknown> | null) =>
  typeof shipTo?.phone === 'string' && shipTo.phone ? shipTo.phone : null;
