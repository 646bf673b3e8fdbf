import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { createMailer, smtpMessage } from './mailer.ts';

const pdf = { filename: '20260001.pdf', contentType: 'application/pdf', content: new Uint8Array([37, 80, 68, 70]) };

describe('mail attachments', () => {
  it('go over SMTP as base64 MIME parts of a multipart/mixed message', async () => {
    const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    const sent = await stream.sendMail(
      smtpMessage('bureau@firm.test', { to: 'a@b.test', subject: 'Faktura', text: 'Dobrý den', attachments: [pdf] }),
    );
    const raw = (sent.message as Buffer).toString('utf8');
    expect(raw).toMatch(/Content-Type: multipart\/mixed/);
    expect(raw).toMatch(/Content-Type: application\/pdf; name=20260001\.pdf/);
    expect(raw).toMatch(/Content-Disposition: attachment; filename=20260001\.pdf/);
    expect(raw).toContain(Buffer.from(pdf.content).toString('base64'));
  });

  it('are kept in the dev/test outbox and named in the log without SMTP', async () => {
    const lines: string[] = [];
    const mailer = createMailer({ smtpUrl: undefined, from: 'bureau@firm.test', log: (l) => lines.push(l) });
    await mailer.send({ to: 'a@b.test', subject: 'S', text: 'T', attachments: [pdf] });
    expect(mailer.outbox[0]?.attachments?.[0]?.content).toEqual(pdf.content);
    expect(lines[0]).toContain('[attachment 20260001.pdf application/pdf 4 B]');
  });
});
