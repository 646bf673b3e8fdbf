import { createPdf } from '@bureau/core';
import { amountText, type Lang } from './pdf.ts';
import type { StatementView, toSettlementView } from './tax-year.ts';

const T = {
  cs: {
    statement: 'Potvrzení o zdanitelných příjmech ze závislé činnosti',
    forYear: 'za zdaňovací období',
    employer: 'Plátce daně (zaměstnavatel)',
    ico: 'IČO',
    dic: 'DIČ',
    employee: 'Poplatník (zaměstnanec)',
    number: 'osobní číslo',
    birthNumber: 'Rodné číslo',
    address: 'Bydliště',
    income: 'Úhrn zúčtovaných příjmů ze závislé činnosti (§ 6 odst. 1)',
    taxAdvances: 'Úhrn sražených záloh na daň',
    taxpayerCredit: 'Sleva na poplatníka uplatněná v zálohách',
    childCredit: 'Daňové zvýhodnění na děti uplatněné jako sleva',
    taxBonuses: 'Úhrn vyplacených měsíčních daňových bonusů',
    declarationMonths: 'Měsíce s podepsaným prohlášením k dani',
    childCreditMonths: 'Měsíce s daňovým zvýhodněním na děti',
    bonusMonths: 'Měsíce s vyplaceným daňovým bonusem',
    withholding: 'Příjmy zdaněné srážkovou daní zvláštní sazbou (§ 6 odst. 4)',
    withholdingIncome: 'Úhrn příjmů',
    withholdingTax: 'Sražená daň',
    none: 'žádné',
    settlement: 'Roční zúčtování záloh a daňového zvýhodnění',
    deductions: 'Nezdanitelné části základu daně (§ 15)',
    taxBase: 'Základ daně zaokrouhlený na stovky dolů',
    tax: 'Daň podle § 16',
    taxpayerCreditAnnual: 'Sleva na poplatníka (§ 35ba)',
    spouseCredit: 'Sleva na manžela (§ 35ba odst. 1 písm. b)',
    childBenefit: 'Daňové zvýhodnění na děti celkem',
    taxAfterCredits: 'Daň po slevách',
    taxBonus: 'Roční daňový bonus',
    advancesPaid: 'Sražené zálohy (včetně předchozích plátců)',
    bonusesPaid: 'Vyplacené měsíční bonusy (včetně předchozích plátců)',
    taxDifference: 'Přeplatek (+) / nedoplatek (−) na dani',
    bonusDifference: 'Doplatek (+) / přeplatek (−) na daňovém bonusu',
    result: 'Vrátit zaměstnanci celkem',
    previousEmployers: 'Příjmy od předchozích plátců',
    footer: 'Vystaveno v Bureau podle § 38j odst. 3 zákona č. 586/1992 Sb. Rozložení neodpovídá úřednímu tiskopisu.',
  },
  en: {
    statement: 'Statement of taxable income from employment',
    forYear: 'for the tax year',
    employer: 'Payer of tax (employer)',
    ico: 'Company ID',
    dic: 'Tax ID',
    employee: 'Taxpayer (employee)',
    number: 'personal number',
    birthNumber: 'Birth number',
    address: 'Address',
    income: 'Total employment income paid (§ 6(1))',
    taxAdvances: 'Tax advances withheld',
    taxpayerCredit: 'Taxpayer credit applied in the advances',
    childCredit: 'Child benefit applied as a credit',
    taxBonuses: 'Monthly tax bonuses paid',
    declarationMonths: 'Months with a signed tax declaration',
    childCreditMonths: 'Months with the child benefit',
    bonusMonths: 'Months with a tax bonus paid',
    withholding: 'Income taxed by final withholding (§ 6(4))',
    withholdingIncome: 'Total income',
    withholdingTax: 'Tax withheld',
    none: 'none',
    settlement: 'Annual tax settlement',
    deductions: 'Non-taxable parts of the base (§ 15)',
    taxBase: 'Tax base rounded down to hundreds',
    tax: 'Tax under § 16',
    taxpayerCreditAnnual: 'Taxpayer credit (§ 35ba)',
    spouseCredit: 'Spouse credit (§ 35ba(1)(b))',
    childBenefit: 'Child benefit in total',
    taxAfterCredits: 'Tax after credits',
    taxBonus: 'Annual tax bonus',
    advancesPaid: 'Advances withheld (with earlier employers)',
    bonusesPaid: 'Monthly bonuses paid (with earlier employers)',
    taxDifference: 'Tax overpaid (+) / underpaid (−)',
    bonusDifference: 'Tax bonus due (+) / overpaid (−)',
    result: 'Refund to the employee in total',
    previousEmployers: 'Income from earlier employers',
    footer: 'Issued in Bureau under § 38j(3) of Act No. 586/1992 Coll. The layout is not the official form.',
  },
} as const;

type SettlementView = ReturnType<typeof toSettlementView>;

/** The statement of taxable income (and, when made, the annual settlement) as an A4 PDF in Czech or English. */
export async function statementPdf(s: StatementView, settlement: SettlementView | null, lang: Lang): Promise<Buffer> {
  const t = T[lang];
  const { doc, finish } = createPdf({ size: 'A4', margin: 50, info: { Title: `${t.statement} ${s.year}` } });
  const row = (label: string, value: string, bold = false) => {
    const y = doc.y;
    doc.font(bold ? 'Sans-Bold' : 'Sans').text(label, 50, y, { width: 360 });
    doc.text(value, 410, y, { width: 135, align: 'right' });
    doc.moveDown(0.2);
  };
  const money = (d: string) => amountText(lang, d);
  const months = (xs: number[]) => (xs.length ? xs.join(', ') : t.none);

  doc.font('Sans-Bold').fontSize(15).text(t.statement);
  doc.font('Sans').fontSize(11).text(`${t.forYear} ${s.year}`);
  doc.moveDown(0.5).fontSize(10);
  const ids = [s.employer.ico && `${t.ico} ${s.employer.ico}`, s.employer.dic && `${t.dic} ${s.employer.dic}`];
  doc.text(`${t.employer}: ${[s.employer.name, ...ids].filter(Boolean).join(', ')}`);
  doc.text(`${t.employee}: ${s.employee.name} (${t.number} ${s.employee.number})`);
  if (s.employee.birthNumber) doc.text(`${t.birthNumber}: ${s.employee.birthNumber}`);
  if (s.employee.address) doc.text(`${t.address}: ${s.employee.address}`);
  doc.moveDown();
  row(t.income, money(s.income), true);
  row(t.taxAdvances, money(s.taxAdvances));
  row(t.taxpayerCredit, money(s.taxpayerCredit));
  row(t.childCredit, money(s.childCredit));
  row(t.taxBonuses, money(s.taxBonuses));
  row(t.declarationMonths, months(s.declarationMonths));
  row(t.childCreditMonths, months(s.childCreditMonths));
  row(t.bonusMonths, months(s.bonusMonths));
  if (Number(s.withholding.income) > 0) {
    doc.moveDown(0.5).font('Sans-Bold').text(t.withholding, 50, doc.y);
    row(t.withholdingIncome, money(s.withholding.income));
    row(t.withholdingTax, money(s.withholding.tax));
  }
  if (settlement) {
    doc.moveDown().font('Sans-Bold').fontSize(13).text(`${t.settlement} ${s.year}`, 50, doc.y);
    doc.fontSize(10).moveDown(0.3);
    const v = settlement as unknown as Record<string, string>;
    if (settlement.previousEmployers.length)
      row(
        t.previousEmployers,
        money(String(settlement.previousEmployers.reduce((a, p) => a + Number(p.income), 0).toFixed(2))),
      );
    row(t.deductions, money(v.nonTaxable ?? '0'));
    row(t.taxBase, money(v.taxBase ?? '0'));
    row(t.tax, money(v.tax ?? '0'));
    row(t.taxpayerCreditAnnual, money(v.taxpayerCredit ?? '0'));
    if (Number(v.spouseCredit ?? 0) > 0) row(t.spouseCredit, money(v.spouseCredit as string));
    for (const k of [
      'childBenefit',
      'childCredit',
      'taxAfterCredits',
      'taxBonus',
      'advancesPaid',
      'bonusesPaid',
      'taxDifference',
      'bonusDifference',
    ] as const)
      row(t[k], money(v[k] ?? '0'));
    row(t.result, money(v.result ?? '0'), true);
  }
  doc.moveDown(2).font('Sans').fontSize(8).text(t.footer, 50, doc.y);
  return finish();
}
