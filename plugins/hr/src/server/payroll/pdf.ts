import { createPdf } from '@bureau/core';
import type { PayslipView } from './run.ts';

export type Lang = 'cs' | 'en';

const T = {
  cs: {
    title: 'Výplatní páska',
    period: 'Období',
    employer: 'Zaměstnavatel',
    employee: 'Zaměstnanec',
    number: 'Osobní číslo',
    contract: 'Smlouva',
    hpp: 'pracovní smlouva',
    dpp: 'dohoda o provedení práce',
    dpc: 'dohoda o pracovní činnosti',
    worked: 'Odpracované hodiny',
    item: 'Složka mzdy',
    hours: 'Hodin',
    rate: 'Sazba',
    amount: 'Částka',
    salary: 'Základní mzda',
    hours_: 'Mzda za hodiny',
    overtime: 'Práce přesčas',
    bonus: 'Odměna',
    holiday: 'Náhrada za dovolenou',
    holiday_compensation: 'Náhrada za nevyčerpanou dovolenou',
    sick_pay: 'Náhrada mzdy při nemoci',
    unpaid_leave: 'Neplacené volno',
    gross: 'Hrubá mzda',
    socialEmployee: 'Sociální pojištění zaměstnance',
    healthEmployee: 'Zdravotní pojištění zaměstnance',
    taxBase: 'Základ daně',
    taxpayerCredit: 'Sleva na poplatníka',
    childCredit: 'Daňové zvýhodnění na děti',
    taxAdvance: 'Záloha na daň',
    withholdingTax: 'Srážková daň',
    taxBonus: 'Daňový bonus',
    net: 'Čistá mzda k výplatě',
    employerPart: 'Odvody zaměstnavatele',
    socialEmployer: 'Sociální pojištění',
    healthEmployer: 'Zdravotní pojištění',
    employerCost: 'Celkové mzdové náklady',
    currency: 'Kč',
  },
  en: {
    title: 'Payslip',
    period: 'Period',
    employer: 'Employer',
    employee: 'Employee',
    number: 'Personal number',
    contract: 'Contract',
    hpp: 'employment contract',
    dpp: 'agreement to perform work (DPP)',
    dpc: 'agreement to perform activity (DPČ)',
    worked: 'Hours worked',
    item: 'Pay component',
    hours: 'Hours',
    rate: 'Rate',
    amount: 'Amount',
    salary: 'Base salary',
    hours_: 'Pay for hours',
    overtime: 'Overtime',
    bonus: 'Bonus',
    holiday: 'Holiday pay',
    holiday_compensation: 'Compensation for holiday not taken',
    sick_pay: 'Sick pay (days 4–14)',
    unpaid_leave: 'Unpaid leave',
    gross: 'Gross pay',
    socialEmployee: 'Employee social insurance',
    healthEmployee: 'Employee health insurance',
    taxBase: 'Tax base',
    taxpayerCredit: 'Taxpayer credit',
    childCredit: 'Child tax credit',
    taxAdvance: 'Income tax advance',
    withholdingTax: 'Withholding tax',
    taxBonus: 'Tax bonus',
    net: 'Net pay',
    employerPart: 'Employer contributions',
    socialEmployer: 'Social insurance',
    healthEmployer: 'Health insurance',
    employerCost: 'Total cost of pay',
    currency: 'CZK',
  },
} as const;

export const amountText = (lang: Lang, decimal: string) => {
  const n = Number(decimal);
  return lang === 'cs'
    ? `${new Intl.NumberFormat('cs-CZ', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n).replace(/\u00a0/g, ' ')} Kč`
    : `CZK ${new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n)}`;
};

/** One payslip as an A4 PDF in Czech or English. */
export async function payslipPdf(
  p: PayslipView,
  ctx: { employer: string; period: string; lang: Lang },
): Promise<Buffer> {
  const t = T[ctx.lang];
  const { doc, finish } = createPdf({ size: 'A4', margin: 50, info: { Title: `${t.title} ${ctx.period}` } });
  doc.font('Sans-Bold').fontSize(18).text(`${t.title} ${ctx.period}`);
  doc.moveDown(0.5).font('Sans').fontSize(10);
  doc.text(`${t.employer}: ${ctx.employer}`);
  doc.text(`${t.employee}: ${p.employeeName} (${t.number} ${p.employeeNumber})`);
  doc.text(`${t.contract}: ${t[p.contractType as 'hpp' | 'dpp' | 'dpc'] ?? p.contractType}`);
  doc.text(`${t.worked}: ${p.workedHours}`);
  doc.moveDown();
  const row = (label: string, value: string, bold = false) => {
    const y = doc.y;
    doc.font(bold ? 'Sans-Bold' : 'Sans').text(label, 50, y, { width: 330 });
    doc.text(value, 380, y, { width: 165, align: 'right' });
    doc.moveDown(0.2);
  };
  doc.font('Sans-Bold').text(t.item);
  for (const c of p.components) {
    const label = t[(c.kind === 'hours' ? 'hours_' : c.kind) as keyof typeof t] ?? c.kind;
    const detail = c.hours && c.rate ? ` (${c.hours} × ${amountText(ctx.lang, c.rate)})` : '';
    row(`${label}${detail}`, amountText(ctx.lang, c.amount));
  }
  const money = (k: string) => amountText(ctx.lang, String(p[k] ?? '0'));
  row(t.gross, money('gross'), true);
  doc.moveDown(0.5);
  row(t.socialEmployee, `−${money('socialEmployee')}`);
  row(t.healthEmployee, `−${money('healthEmployee')}`);
  if (Number(p.withholdingTax) > 0) row(t.withholdingTax, `−${money('withholdingTax')}`);
  else {
    row(t.taxBase, money('taxBase'));
    row(t.taxpayerCredit, money('taxpayerCredit'));
    row(t.childCredit, money('childCredit'));
    row(t.taxAdvance, `−${money('taxAdvance')}`);
    if (Number(p.taxBonus) > 0) row(t.taxBonus, `+${money('taxBonus')}`);
  }
  doc.moveDown(0.5);
  row(t.net, money('net'), true);
  doc.moveDown();
  doc.font('Sans-Bold').text(t.employerPart);
  row(t.socialEmployer, money('socialEmployer'));
  row(t.healthEmployer, money('healthEmployer'));
  row(t.employerCost, money('employerCost'), true);
  return finish();
}
