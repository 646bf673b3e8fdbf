import { inflateSync } from 'node:zlib';

/**
 * The text of a pdfkit PDF: reads every object (inflating streams), maps each font resource (`/F2`) to its
 * ToUnicode CMap and decodes the hex glyph strings of the content streams with the font selected by `Tf`.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const objects = new Map<string, { dict: string; stream: string | null }>();
  for (const m of raw.matchAll(/(\d+) 0 obj\s([\s\S]*?)endobj/g)) {
    const body = m[2]!;
    const at = body.search(/stream\r?\n/);
    let stream: string | null = null;
    if (at >= 0) {
      const offset = m.index + m[0].indexOf(body) + at + (body.slice(at).match(/stream\r?\n/)?.[0].length ?? 0);
      const end = raw.indexOf('endstream', offset);
      const data = pdf.subarray(offset, end);
      try {
        stream = inflateSync(data).toString('latin1');
      } catch {
        stream = data.toString('latin1');
      }
    }
    objects.set(m[1]!, { dict: at >= 0 ? body.slice(0, at) : body, stream });
  }
  const cmapOf = (font: string): Map<number, string> => {
    const ref = objects.get(font)?.dict.match(/\/ToUnicode (\d+) 0 R/)?.[1];
    const text = (ref && objects.get(ref)?.stream) || '';
    const map = new Map<number, string>();
    // UTF-16 code units; a ligature glyph maps to several (`<0066 0069>` for "fi"), a glyph without text to `<>`.
    const hex = (h: string) =>
      String.fromCharCode(...(h.replace(/\s/g, '').match(/.{4}/g) ?? []).map((x) => Number.parseInt(x, 16)));
    for (const r of text.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[([^\]]*)\]/g)) {
      const from = Number.parseInt(r[1]!, 16);
      let i = 0;
      for (const d of r[3]!.matchAll(/<([0-9a-fA-F\s]*)>/g)) map.set(from + i++, hex(d[1]!));
    }
    return map;
  };
  const fonts = new Map<string, Map<number, string>>();
  for (const o of objects.values())
    for (const f of o.dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) if (!fonts.has(f[1]!)) fonts.set(f[1]!, cmapOf(f[2]!));
  const out: string[] = [];
  for (const o of objects.values()) {
    if (!o.stream?.includes('TJ')) continue;
    let map = new Map<number, string>();
    for (const op of o.stream.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\]\s*TJ/g)) {
      if (op[1]) map = fonts.get(op[1]) ?? new Map();
      else
        out.push(
          [...op[2]!.matchAll(/<([0-9a-fA-F]+)>/g)]
            .flatMap((h) => (h[1]!.match(/.{4}/g) ?? []).map((x) => map.get(Number.parseInt(x, 16)) ?? '?'))
            .join(''),
        );
    }
  }
  return out.join('\n');
}
