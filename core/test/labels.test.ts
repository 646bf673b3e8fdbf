/**
 * Barcode labels: POST /labels renders Code 128, QR and DataMatrix labels on sheet and roll layouts
 * as a PDF (one page per sheet, `skip` continues a used sheet, `copies` repeats a label); codes that
 * cannot be encoded or would print too small are refused with a field error per label, nothing
 * rendered. Members may print; the layouts list tells the UI the stocks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBureau, type TestBureau, type TestUser } from '../src/index.ts';
import { barcodeSymbol } from '../src/labels/render.ts';

let t: TestBureau;
let owner: TestUser;
let base: string;

beforeAll(async () => {
  t = await createTestBureau();
  owner = await t.signup();
  base = `/api/t/${owner.tenant.slug}`;
});

afterAll(async () => {
  await t?.close();
});

const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

async function print(body: unknown) {
  const res = await owner.request('POST', `${base}/labels`, body);
  return { res, pdf: Buffer.from(await res.arrayBuffer()) };
}

describe('labels', () => {
  it('lists the label stocks with their size and labels per page', async () => {
    const res = await owner.json('GET', `${base}/labels/layouts`);
    expect(res.status).toBe(200);
    const a4 = res.body.layouts.find((l: { id: string }) => l.id === 'a4-3x8');
    expect(a4).toMatchObject({ perPage: 24, label: { width: 70, height: 37 } });
    expect(a4.name.cs).toContain('Arch A4');
  });

  it('prints a sheet of Code 128 labels with copies, continuing after used positions', async () => {
    const labels = [
      { code: 'INV-2026-0001', title: 'Notebook Lenovo T14', subtitle: 'Účtárna, 2. patro', copies: 20 },
      { code: 'INV-2026-0002', title: 'Monitor Dell' },
    ];
    const { res, pdf } = await print({ symbology: 'code128', layout: 'a4-3x8', labels, skip: 3 });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // 3 used + 21 labels = 24: exactly one sheet; one more label spills onto a second.
    expect(pages(pdf)).toBe(1);
    const more = await print({ layout: 'a4-3x8', labels: [{ ...labels[0], copies: 22 }], skip: 3 });
    expect(pages(more.pdf)).toBe(2);
  });

  it('prints QR and DataMatrix with Czech text, one label per page on a roll', async () => {
    for (const symbology of ['qrcode', 'datamatrix']) {
      const { res, pdf } = await print({
        symbology,
        layout: 'roll-50x25',
        labels: [
          { code: 'https://bureau.example/t/firma/it/assets/0192', title: 'Tiskárna – přízemí' },
          { code: 'Žluťoučký kůň 42', copies: 2 },
        ],
      });
      expect(res.status, symbology).toBe(200);
      expect(pages(pdf)).toBe(3);
    }
  });

  it('draws each symbol from bwip-js as vector paths, Code 128 bars stroked', () => {
    const bars = barcodeSymbol('code128', 'ABC-123');
    // Code 128: start + 7 data + check + stop = (1 + 7 + 1) × 11 + 13 = 112 modules.
    expect(bars.width / bars.module).toBe(112);
    expect(bars.paths.every((p) => p.strokeWidth !== null)).toBe(true);
    const qr = barcodeSymbol('qrcode', 'HELLO');
    expect(qr.width / qr.module).toBe(21); // version 1
    expect(qr.paths.some((p) => p.strokeWidth === null)).toBe(true);
  });

  it('refuses what cannot be printed with a field error per label and renders nothing', async () => {
    const bad = await owner.json('POST', `${base}/labels`, {
      symbology: 'code128',
      layout: 'a4-4x10',
      labels: [{ code: 'OK-1' }, { code: 'Žluťoučký' }, { code: 'X'.repeat(60) }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid_input');
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['labels.1.code', 'labels.2.code']);
    expect(bad.body.errors.map((e: { code: string }) => e.code)).toEqual(['ascii_only', 'too_long_bars']);
    // In the reader's language (this Czech firm's).
    expect(bad.body.errors[0].message).toMatch(/^Code 128 nese jen písmena bez diakritiky/);

    for (const body of [
      { labels: [] },
      { labels: [{ code: '' }] },
      { labels: [{ code: 'A', copies: 0 }] },
      { labels: [{ code: 'A', copies: 2001 }] },
      { labels: [{ code: 'A' }], layout: 'a5-magic' },
      { labels: [{ code: 'A' }], symbology: 'ean13x' },
      { labels: [{ code: 'x'.repeat(500) }], symbology: 'qrcode', layout: 'roll-50x25' },
      { labels: [{ code: 'A' }], layout: 'roll-50x25', skip: 1 },
      { labels: [{ code: 'A' }], skip: 24 },
      {
        labels: [
          { code: 'A', copies: 1500 },
          { code: 'B', copies: 600 },
        ],
      },
      'not json',
    ]) {
      const res = await owner.json('POST', `${base}/labels`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('invalid_input');
    }
  });

  it('lets a plain member print and keeps strangers out', async () => {
    const invite = await owner.json('POST', `${base}/invitations`, {
      email: 'label-member@example.cz',
      role: 'member',
    });
    const token = new URL(invite.body.link).searchParams.get('token');
    const member = t.anonymous();
    const joined = await member.json('POST', `/api/invitations/${token}/accept`, {
      name: 'Member',
      password: 'a long enough password',
    });
    expect(joined.status).toBe(200);
    const asMember = await member.request('POST', `${base}/labels`, { labels: [{ code: 'A' }] });
    expect(asMember.status).toBe(200);
    const stranger = await t.signup();
    const res = await stranger.json('POST', `${base}/labels`, { labels: [{ code: 'A' }] });
    expect(res.status).toBe(404);
    const anon = await t.anonymous().json('POST', `${base}/labels`, { labels: [{ code: 'A' }] });
    expect(anon.status).toBe(401);
  });
});
