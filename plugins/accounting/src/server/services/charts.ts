import { CZ_VAT_RATES, type VatRateTemplate } from '../data/cz-vat.ts';
import type { AccountType, CashFlowCategory } from './db.ts';

/**
 * Chart-of-accounts templates seeded when a tenant enables accounting. Czech tenants get the
 * směrná účtová osnova of vyhláška č. 500/2002 Sb., příloha č. 4, as amended by vyhláška
 * č. 250/2015 Sb. (from 2016): every account group of classes 0–7 (groups 75–79 off balance sheet)
 * as parents of the usual synthetic three-digit accounts, plus the analytic VAT accounts. Classes
 * 8 and 9 (vnitropodnikové účetnictví) are the firm's own and are not seeded. Everyone else gets
 * a generic IFRS-style chart.
 */
export interface TemplateAccount {
  code: string;
  name: string;
  type: AccountType;
  parent: string | null;
  cash: boolean;
  cashFlow: CashFlowCategory;
}

/** Which template account plays which role (receivable control account, VAT, …). */
export interface TemplateDefaults {
  receivable: string;
  payable: string;
  vatOutput: string;
  vatInput: string;
  revenue: string;
  expense: string;
  bankRoot: string;
  cash: string;
  fxGain: string;
  fxLoss: string;
  bankFee: string;
  advances: string;
}

export interface ChartTemplate {
  id: 'cz' | 'generic';
  accounts: TemplateAccount[];
  defaults: TemplateDefaults;
}

/** Flags written after the name: `$` cash account, `i` investing, `f` financing; `A L E I X` override the type. */
type Row = readonly [code: string, name: string, flags?: string];
type Group = readonly [code: string, name: string, type: AccountType, flags: string, accounts: readonly Row[]];

const TYPE_FLAGS: Record<string, AccountType> = {
  A: 'asset',
  L: 'liability',
  E: 'equity',
  I: 'income',
  X: 'expense',
  O: 'off_balance',
};

function build(groups: readonly Group[], analytics: readonly (readonly [string, string, string])[]): TemplateAccount[] {
  const out: TemplateAccount[] = [];
  const flagsOf = (flags: string, type: AccountType, inherited: CashFlowCategory) => {
    let t = type;
    for (const ch of flags) if (TYPE_FLAGS[ch]) t = TYPE_FLAGS[ch] as AccountType;
    const cashFlow: CashFlowCategory = flags.includes('i')
      ? 'investing'
      : flags.includes('f')
        ? 'financing'
        : inherited;
    return { type: t, cash: flags.includes('$'), cashFlow };
  };
  for (const [code, name, type, flags, accounts] of groups) {
    const g = flagsOf(flags, type, 'operating');
    out.push({ code, name, parent: null, ...g });
    for (const [c, n, f = ''] of accounts)
      out.push({ code: c, name: n, parent: code, ...flagsOf(f, g.type, g.cashFlow) });
  }
  for (const [code, name, parent] of analytics) {
    const p = out.find((a) => a.code === parent);
    if (!p) throw new Error(`analytic ${code} has no parent ${parent}`);
    out.push({ code, name, parent, type: p.type, cash: p.cash, cashFlow: p.cashFlow });
  }
  return out;
}

const CZ_GROUPS: readonly Group[] = [
  [
    '01',
    'Dlouhodobý nehmotný majetek',
    'asset',
    'i',
    [
      ['012', 'Nehmotné výsledky vývoje'],
      ['013', 'Software'],
      ['014', 'Ocenitelná práva'],
      ['015', 'Goodwill'],
      ['019', 'Ostatní dlouhodobý nehmotný majetek'],
    ],
  ],
  [
    '02',
    'Dlouhodobý hmotný majetek odpisovaný',
    'asset',
    'i',
    [
      ['021', 'Stavby'],
      ['022', 'Hmotné movité věci a jejich soubory'],
      ['025', 'Pěstitelské celky trvalých porostů'],
      ['026', 'Dospělá zvířata a jejich skupiny'],
      ['029', 'Jiný dlouhodobý hmotný majetek'],
    ],
  ],
  [
    '03',
    'Dlouhodobý hmotný majetek neodpisovaný',
    'asset',
    'i',
    [
      ['031', 'Pozemky'],
      ['032', 'Umělecká díla a sbírky'],
    ],
  ],
  [
    '04',
    'Nedokončený dlouhodobý majetek',
    'asset',
    'i',
    [
      ['041', 'Nedokončený dlouhodobý nehmotný majetek'],
      ['042', 'Nedokončený dlouhodobý hmotný majetek'],
      ['043', 'Pořizovaný dlouhodobý finanční majetek'],
    ],
  ],
  [
    '05',
    'Poskytnuté zálohy na dlouhodobý majetek',
    'asset',
    'i',
    [
      ['051', 'Poskytnuté zálohy na dlouhodobý nehmotný majetek'],
      ['052', 'Poskytnuté zálohy na dlouhodobý hmotný majetek'],
      ['053', 'Poskytnuté zálohy na dlouhodobý finanční majetek'],
    ],
  ],
  [
    '06',
    'Dlouhodobý finanční majetek',
    'asset',
    'i',
    [
      ['061', 'Podíly – ovládaná nebo ovládající osoba'],
      ['062', 'Podíly – podstatný vliv'],
      ['063', 'Ostatní dlouhodobé cenné papíry a podíly'],
      ['065', 'Dluhové cenné papíry držené do splatnosti'],
      ['066', 'Zápůjčky a úvěry – ovládaná nebo ovládající osoba'],
      ['067', 'Ostatní zápůjčky a úvěry'],
      ['069', 'Jiný dlouhodobý finanční majetek'],
    ],
  ],
  [
    '07',
    'Oprávky k dlouhodobému nehmotnému majetku',
    'asset',
    'i',
    [
      ['072', 'Oprávky k nehmotným výsledkům vývoje'],
      ['073', 'Oprávky k softwaru'],
      ['074', 'Oprávky k ocenitelným právům'],
      ['075', 'Oprávky ke goodwillu'],
      ['079', 'Oprávky k ostatnímu dlouhodobému nehmotnému majetku'],
    ],
  ],
  [
    '08',
    'Oprávky k dlouhodobému hmotnému majetku',
    'asset',
    'i',
    [
      ['081', 'Oprávky ke stavbám'],
      ['082', 'Oprávky k hmotným movitým věcem a jejich souborům'],
      ['085', 'Oprávky k pěstitelským celkům trvalých porostů'],
      ['086', 'Oprávky k dospělým zvířatům a jejich skupinám'],
      ['089', 'Oprávky k jinému dlouhodobému hmotnému majetku'],
    ],
  ],
  [
    '09',
    'Opravné položky k dlouhodobému majetku',
    'asset',
    'i',
    [
      ['091', 'Opravná položka k dlouhodobému nehmotnému majetku'],
      ['092', 'Opravná položka k dlouhodobému hmotnému majetku'],
      ['093', 'Opravná položka k nedokončenému dlouhodobému majetku'],
      ['095', 'Opravná položka k poskytnutým zálohám na dlouhodobý majetek'],
      ['096', 'Opravná položka k dlouhodobému finančnímu majetku'],
      ['097', 'Oceňovací rozdíl k nabytému majetku'],
      ['098', 'Oprávky k oceňovacímu rozdílu k nabytému majetku'],
    ],
  ],
  [
    '11',
    'Materiál',
    'asset',
    '',
    [
      ['111', 'Pořízení materiálu'],
      ['112', 'Materiál na skladě'],
      ['119', 'Materiál na cestě'],
    ],
  ],
  [
    '12',
    'Zásoby vlastní činnosti',
    'asset',
    '',
    [
      ['121', 'Nedokončená výroba'],
      ['122', 'Polotovary vlastní výroby'],
      ['123', 'Výrobky'],
      ['124', 'Mladá a ostatní zvířata a jejich skupiny'],
    ],
  ],
  [
    '13',
    'Zboží',
    'asset',
    '',
    [
      ['131', 'Pořízení zboží'],
      ['132', 'Zboží na skladě a v prodejnách'],
      ['139', 'Zboží na cestě'],
    ],
  ],
  [
    '15',
    'Poskytnuté zálohy na zásoby',
    'asset',
    '',
    [
      ['151', 'Poskytnuté zálohy na materiál'],
      ['152', 'Poskytnuté zálohy na zvířata'],
      ['153', 'Poskytnuté zálohy na zboží'],
    ],
  ],
  [
    '19',
    'Opravné položky k zásobám',
    'asset',
    '',
    [
      ['191', 'Opravná položka k materiálu'],
      ['192', 'Opravná položka k nedokončené výrobě'],
      ['193', 'Opravná položka k polotovarům vlastní výroby'],
      ['194', 'Opravná položka k výrobkům'],
      ['195', 'Opravná položka ke zvířatům'],
      ['196', 'Opravná položka ke zboží'],
    ],
  ],
  [
    '21',
    'Peněžní prostředky v pokladně',
    'asset',
    '',
    [
      ['211', 'Pokladna', '$'],
      ['213', 'Ceniny', '$'],
    ],
  ],
  ['22', 'Peněžní prostředky na účtech', 'asset', '', [['221', 'Bankovní účty', '$']]],
  [
    '23',
    'Krátkodobé úvěry',
    'liability',
    'f',
    [
      ['231', 'Krátkodobé úvěry'],
      ['232', 'Eskontní úvěry'],
    ],
  ],
  [
    '24',
    'Krátkodobé finanční výpomoci',
    'liability',
    'f',
    [
      ['241', 'Emitované krátkodobé dluhopisy'],
      ['249', 'Ostatní krátkodobé finanční výpomoci'],
    ],
  ],
  [
    '25',
    'Krátkodobý finanční majetek',
    'asset',
    'i',
    [
      ['251', 'Registrované majetkové cenné papíry k obchodování'],
      ['252', 'Vlastní akcie a vlastní obchodní podíly'],
      ['253', 'Registrované dluhové cenné papíry k obchodování'],
      ['255', 'Vlastní dluhopisy', 'L'],
      ['256', 'Dluhové cenné papíry se splatností do jednoho roku držené do splatnosti'],
      ['257', 'Ostatní cenné papíry'],
      ['259', 'Pořizování krátkodobého finančního majetku'],
    ],
  ],
  ['26', 'Převody mezi finančními účty', 'asset', '', [['261', 'Peníze na cestě', '$']]],
  [
    '29',
    'Opravné položky ke krátkodobému finančnímu majetku',
    'asset',
    'i',
    [['291', 'Opravná položka ke krátkodobému finančnímu majetku']],
  ],
  [
    '31',
    'Pohledávky',
    'asset',
    '',
    [
      ['311', 'Odběratelé'],
      ['313', 'Pohledávky za eskontované cenné papíry'],
      ['314', 'Poskytnuté provozní zálohy'],
      ['315', 'Ostatní pohledávky'],
    ],
  ],
  [
    '32',
    'Závazky',
    'liability',
    '',
    [
      ['321', 'Dodavatelé'],
      ['322', 'Směnky k úhradě'],
      ['324', 'Přijaté provozní zálohy'],
      ['325', 'Ostatní závazky'],
    ],
  ],
  [
    '33',
    'Zúčtování se zaměstnanci a institucemi',
    'liability',
    '',
    [
      ['331', 'Zaměstnanci'],
      ['333', 'Ostatní závazky vůči zaměstnancům'],
      ['335', 'Pohledávky za zaměstnanci', 'A'],
      ['336', 'Zúčtování s institucemi sociálního zabezpečení a zdravotního pojištění'],
    ],
  ],
  [
    '34',
    'Zúčtování daní a dotací',
    'liability',
    '',
    [
      ['341', 'Daň z příjmů'],
      ['342', 'Ostatní přímé daně'],
      ['343', 'Daň z přidané hodnoty'],
      ['345', 'Ostatní daně a poplatky'],
      ['346', 'Dotace ze státního rozpočtu', 'A'],
      ['347', 'Ostatní dotace', 'A'],
    ],
  ],
  [
    '35',
    'Pohledávky za společníky',
    'asset',
    '',
    [
      ['351', 'Pohledávky – ovládaná nebo ovládající osoba'],
      ['352', 'Pohledávky – podstatný vliv'],
      ['353', 'Pohledávky za upsaný základní kapitál', 'f'],
      ['354', 'Pohledávky za společníky při úhradě ztráty', 'f'],
      ['355', 'Ostatní pohledávky za společníky'],
      ['358', 'Pohledávky za společníky sdruženými ve společnosti'],
    ],
  ],
  [
    '36',
    'Závazky ke společníkům',
    'liability',
    '',
    [
      ['361', 'Závazky – ovládaná nebo ovládající osoba'],
      ['362', 'Závazky – podstatný vliv'],
      ['364', 'Závazky ke společníkům při rozdělování zisku', 'f'],
      ['365', 'Ostatní závazky ke společníkům', 'f'],
      ['366', 'Závazky ke společníkům ze závislé činnosti'],
      ['367', 'Závazky z upsaných nesplacených cenných papírů a vkladů', 'f'],
      ['368', 'Závazky ke společníkům sdruženým ve společnosti'],
    ],
  ],
  [
    '37',
    'Jiné pohledávky a závazky',
    'asset',
    '',
    [
      ['371', 'Pohledávky z prodeje obchodního závodu'],
      ['372', 'Závazky z koupě obchodního závodu', 'L'],
      ['373', 'Pohledávky a závazky z pevných termínových operací'],
      ['374', 'Pohledávky z pronájmu'],
      ['375', 'Pohledávky z emitovaných dluhopisů', 'f'],
      ['376', 'Nakoupené opce'],
      ['377', 'Prodané opce', 'L'],
      ['378', 'Jiné pohledávky'],
      ['379', 'Jiné závazky', 'L'],
    ],
  ],
  [
    '38',
    'Přechodné účty aktiv a pasiv',
    'asset',
    '',
    [
      ['381', 'Náklady příštích období'],
      ['382', 'Komplexní náklady příštích období'],
      ['383', 'Výdaje příštích období', 'L'],
      ['384', 'Výnosy příštích období', 'L'],
      ['385', 'Příjmy příštích období'],
      ['388', 'Dohadné účty aktivní'],
      ['389', 'Dohadné účty pasivní', 'L'],
    ],
  ],
  [
    '39',
    'Opravná položka k zúčtovacím vztahům a vnitřní zúčtování',
    'asset',
    '',
    [
      ['391', 'Opravná položka k zúčtovacím vztahům'],
      ['395', 'Vnitřní zúčtování'],
      ['398', 'Spojovací účet při společnosti'],
    ],
  ],
  [
    '41',
    'Základní kapitál a kapitálové fondy',
    'equity',
    'f',
    [
      ['411', 'Základní kapitál'],
      ['412', 'Ážio'],
      ['413', 'Ostatní kapitálové fondy'],
      ['414', 'Oceňovací rozdíly z přecenění majetku a závazků'],
      ['416', 'Rozdíly z ocenění při přeměnách obchodních korporací'],
      ['417', 'Rozdíly z přeměn obchodních korporací'],
      ['418', 'Oceňovací rozdíly z přecenění při přeměnách obchodních korporací'],
      ['419', 'Změny základního kapitálu'],
    ],
  ],
  [
    '42',
    'Fondy ze zisku a výsledek hospodaření minulých let',
    'equity',
    '',
    [
      ['421', 'Ostatní rezervní fondy'],
      ['423', 'Statutární a ostatní fondy'],
      ['426', 'Jiný výsledek hospodaření minulých let'],
      ['428', 'Nerozdělený zisk minulých let'],
      ['429', 'Neuhrazená ztráta minulých let'],
    ],
  ],
  [
    '43',
    'Výsledek hospodaření',
    'equity',
    '',
    [
      ['431', 'Výsledek hospodaření ve schvalovacím řízení'],
      ['432', 'Rozhodnuto o zálohách na výplatu podílu na zisku', 'f'],
    ],
  ],
  [
    '45',
    'Rezervy',
    'liability',
    '',
    [
      ['451', 'Rezervy podle zvláštních právních předpisů'],
      ['453', 'Rezerva na daň z příjmů'],
      ['459', 'Ostatní rezervy'],
    ],
  ],
  ['46', 'Dlouhodobé závazky k úvěrovým institucím', 'liability', 'f', [['461', 'Závazky k úvěrovým institucím']]],
  [
    '47',
    'Dlouhodobé závazky',
    'liability',
    'f',
    [
      ['471', 'Dlouhodobé závazky – ovládaná nebo ovládající osoba'],
      ['472', 'Dlouhodobé závazky – podstatný vliv'],
      ['473', 'Emitované dluhopisy'],
      ['474', 'Závazky z pronájmu'],
      ['475', 'Dlouhodobé přijaté zálohy'],
      ['478', 'Dlouhodobé směnky k úhradě'],
      ['479', 'Jiné dlouhodobé závazky'],
    ],
  ],
  ['48', 'Odložený daňový závazek a pohledávka', 'liability', '', [['481', 'Odložený daňový závazek a pohledávka']]],
  ['49', 'Individuální podnikatel', 'equity', 'f', [['491', 'Účet individuálního podnikatele']]],
  [
    '50',
    'Spotřebované nákupy',
    'expense',
    '',
    [
      ['501', 'Spotřeba materiálu'],
      ['502', 'Spotřeba energie'],
      ['503', 'Spotřeba ostatních neskladovatelných dodávek'],
      ['504', 'Prodané zboží'],
    ],
  ],
  [
    '51',
    'Služby',
    'expense',
    '',
    [
      ['511', 'Opravy a udržování'],
      ['512', 'Cestovné'],
      ['513', 'Náklady na reprezentaci'],
      ['518', 'Ostatní služby'],
    ],
  ],
  [
    '52',
    'Osobní náklady',
    'expense',
    '',
    [
      ['521', 'Mzdové náklady'],
      ['522', 'Příjmy společníků obchodní korporace ze závislé činnosti'],
      ['523', 'Odměny členům orgánů obchodní korporace'],
      ['524', 'Zákonné sociální a zdravotní pojištění'],
      ['525', 'Ostatní sociální pojištění'],
      ['526', 'Sociální náklady individuálního podnikatele'],
      ['527', 'Zákonné sociální náklady'],
      ['528', 'Ostatní sociální náklady'],
    ],
  ],
  [
    '53',
    'Daně a poplatky',
    'expense',
    '',
    [
      ['531', 'Daň silniční'],
      ['532', 'Daň z nemovitých věcí'],
      ['538', 'Ostatní daně a poplatky'],
    ],
  ],
  [
    '54',
    'Jiné provozní náklady',
    'expense',
    '',
    [
      ['541', 'Zůstatková cena prodaného dlouhodobého nehmotného a hmotného majetku'],
      ['542', 'Prodaný materiál'],
      ['543', 'Dary'],
      ['544', 'Smluvní pokuty a úroky z prodlení'],
      ['545', 'Ostatní pokuty a penále'],
      ['546', 'Odpis pohledávky'],
      ['548', 'Ostatní provozní náklady'],
      ['549', 'Manka a škody z provozní činnosti'],
    ],
  ],
  [
    '55',
    'Odpisy, rezervy a opravné položky provozních nákladů',
    'expense',
    '',
    [
      ['551', 'Odpisy dlouhodobého nehmotného a hmotného majetku'],
      ['552', 'Tvorba a zúčtování rezerv podle zvláštních právních předpisů'],
      ['554', 'Tvorba a zúčtování ostatních rezerv'],
      ['555', 'Tvorba a zúčtování komplexních nákladů příštích období'],
      ['557', 'Zúčtování oprávky k oceňovacímu rozdílu k nabytému majetku'],
      ['558', 'Tvorba a zúčtování zákonných opravných položek'],
      ['559', 'Tvorba a zúčtování ostatních opravných položek'],
    ],
  ],
  [
    '56',
    'Finanční náklady',
    'expense',
    '',
    [
      ['561', 'Prodané cenné papíry a podíly'],
      ['562', 'Úroky'],
      ['563', 'Kurzové ztráty'],
      ['564', 'Náklady z přecenění cenných papírů'],
      ['566', 'Náklady z finančního majetku'],
      ['567', 'Náklady z derivátových operací'],
      ['568', 'Ostatní finanční náklady'],
      ['569', 'Manka a škody na finančním majetku'],
    ],
  ],
  [
    '57',
    'Rezervy a opravné položky finančních nákladů',
    'expense',
    '',
    [
      ['574', 'Tvorba a zúčtování finančních rezerv'],
      ['579', 'Tvorba a zúčtování opravných položek ve finanční činnosti'],
    ],
  ],
  [
    '58',
    'Změna stavu zásob vlastní činnosti a aktivace',
    'expense',
    '',
    [
      ['581', 'Změna stavu nedokončené výroby'],
      ['582', 'Změna stavu polotovarů'],
      ['583', 'Změna stavu výrobků'],
      ['584', 'Změna stavu zvířat'],
      ['585', 'Aktivace materiálu a zboží'],
      ['586', 'Aktivace vnitroorganizačních služeb'],
      ['587', 'Aktivace dlouhodobého nehmotného majetku'],
      ['588', 'Aktivace dlouhodobého hmotného majetku'],
    ],
  ],
  [
    '59',
    'Daně z příjmů a převodové účty',
    'expense',
    '',
    [
      ['591', 'Daň z příjmů – splatná'],
      ['592', 'Daň z příjmů – odložená'],
      ['595', 'Dodatečné odvody daně z příjmů'],
      ['596', 'Převod podílu na výsledku hospodaření společníkům'],
      ['597', 'Převod provozních nákladů'],
      ['598', 'Převod finančních nákladů'],
    ],
  ],
  [
    '60',
    'Tržby za vlastní výkony a za zboží',
    'income',
    '',
    [
      ['601', 'Tržby za vlastní výrobky'],
      ['602', 'Tržby z prodeje služeb'],
      ['604', 'Tržby za zboží'],
    ],
  ],
  [
    '64',
    'Jiné provozní výnosy',
    'income',
    '',
    [
      ['641', 'Tržby z prodeje dlouhodobého nehmotného a hmotného majetku', 'i'],
      ['642', 'Tržby z prodeje materiálu'],
      ['644', 'Smluvní pokuty a úroky z prodlení'],
      ['646', 'Výnosy z odepsaných pohledávek'],
      ['648', 'Ostatní provozní výnosy'],
    ],
  ],
  [
    '66',
    'Finanční výnosy',
    'income',
    '',
    [
      ['661', 'Tržby z prodeje cenných papírů a podílů', 'i'],
      ['662', 'Úroky'],
      ['663', 'Kurzové zisky'],
      ['664', 'Výnosy z přecenění cenných papírů'],
      ['665', 'Výnosy z dlouhodobého finančního majetku'],
      ['666', 'Výnosy z krátkodobého finančního majetku'],
      ['667', 'Výnosy z derivátových operací'],
      ['668', 'Ostatní finanční výnosy'],
    ],
  ],
  [
    '69',
    'Převodové účty',
    'income',
    '',
    [
      ['697', 'Převod provozních výnosů'],
      ['698', 'Převod finančních výnosů'],
    ],
  ],
  [
    '70',
    'Účty rozvažné',
    'equity',
    '',
    [
      ['701', 'Počáteční účet rozvažný'],
      ['702', 'Konečný účet rozvažný'],
    ],
  ],
  ['71', 'Účet zisků a ztrát', 'equity', '', [['710', 'Účet zisků a ztrát']]],
  // Groups 75–79 are the off-balance-sheet (podrozvahové) accounts; the firm names its own accounts in them.
  ['75', 'Podrozvahové účty', 'off_balance', '', []],
  ['76', 'Podrozvahové účty', 'off_balance', '', []],
  ['77', 'Podrozvahové účty', 'off_balance', '', []],
  ['78', 'Podrozvahové účty', 'off_balance', '', []],
  ['79', 'Podrozvahové účty', 'off_balance', '', []],
];

const CZ_ANALYTICS = [
  ['343100', 'DPH – daň na vstupu', '343'],
  ['343200', 'DPH – daň na výstupu', '343'],
] as const;

const GENERIC_GROUPS: readonly Group[] = [
  [
    '10',
    'Cash and cash equivalents',
    'asset',
    '',
    [
      ['1000', 'Cash on hand', '$'],
      ['1010', 'Petty cash', '$'],
      ['1100', 'Bank accounts', '$'],
      ['1190', 'Cash in transit', '$'],
    ],
  ],
  [
    '12',
    'Receivables',
    'asset',
    '',
    [
      ['1200', 'Trade receivables'],
      ['1210', 'Allowance for doubtful receivables'],
      ['1250', 'Other receivables'],
      ['1260', 'Advances to employees'],
    ],
  ],
  [
    '13',
    'Inventories',
    'asset',
    '',
    [
      ['1300', 'Raw materials'],
      ['1310', 'Work in progress'],
      ['1320', 'Finished goods'],
      ['1330', 'Merchandise'],
    ],
  ],
  [
    '14',
    'Prepayments and tax assets',
    'asset',
    '',
    [
      ['1400', 'Prepaid expenses'],
      ['1410', 'VAT receivable (input tax)'],
      ['1420', 'Income tax receivable'],
      ['1450', 'Accrued income'],
    ],
  ],
  [
    '15',
    'Property, plant and equipment',
    'asset',
    'i',
    [
      ['1500', 'Land'],
      ['1510', 'Buildings'],
      ['1520', 'Machinery and equipment'],
      ['1530', 'Vehicles'],
      ['1540', 'Furniture and fixtures'],
      ['1550', 'IT equipment'],
      ['1590', 'Accumulated depreciation'],
    ],
  ],
  [
    '16',
    'Intangible assets',
    'asset',
    'i',
    [
      ['1600', 'Software'],
      ['1610', 'Licences and rights'],
      ['1620', 'Goodwill'],
      ['1690', 'Accumulated amortisation'],
    ],
  ],
  [
    '17',
    'Non-current financial assets',
    'asset',
    'i',
    [
      ['1700', 'Investments in subsidiaries'],
      ['1710', 'Other investments'],
      ['1720', 'Loans granted'],
    ],
  ],
  [
    '20',
    'Trade and other payables',
    'liability',
    '',
    [
      ['2000', 'Trade payables'],
      ['2050', 'Advances from customers'],
      ['2090', 'Other payables'],
    ],
  ],
  [
    '21',
    'Tax liabilities',
    'liability',
    '',
    [
      ['2100', 'VAT payable (output tax)'],
      ['2110', 'Income tax payable'],
      ['2120', 'Payroll taxes payable'],
      ['2190', 'Other taxes payable'],
    ],
  ],
  [
    '22',
    'Employee liabilities',
    'liability',
    '',
    [
      ['2200', 'Wages payable'],
      ['2210', 'Social security payable'],
      ['2220', 'Pension contributions payable'],
    ],
  ],
  [
    '23',
    'Accruals and provisions',
    'liability',
    '',
    [
      ['2300', 'Accrued expenses'],
      ['2310', 'Deferred income'],
      ['2350', 'Provisions'],
    ],
  ],
  [
    '24',
    'Borrowings',
    'liability',
    'f',
    [
      ['2400', 'Short-term bank loans'],
      ['2500', 'Long-term loans'],
      ['2510', 'Lease liabilities'],
      ['2600', 'Deferred tax liability', ''],
    ],
  ],
  [
    '30',
    'Equity',
    'equity',
    '',
    [
      ['3000', 'Share capital', 'f'],
      ['3100', 'Share premium', 'f'],
      ['3200', 'Reserves'],
      ['3300', 'Retained earnings'],
      ['3400', 'Dividends declared', 'f'],
      ['3900', 'Opening balance equity'],
    ],
  ],
  [
    '40',
    'Revenue',
    'income',
    '',
    [
      ['4000', 'Sales of goods'],
      ['4100', 'Sales of services'],
      ['4200', 'Sales discounts'],
      ['4800', 'Other operating income'],
      ['4900', 'Interest income'],
      ['4910', 'Foreign exchange gains'],
      ['4990', 'Gains on disposal of assets', 'i'],
    ],
  ],
  [
    '50',
    'Cost of sales',
    'expense',
    '',
    [
      ['5000', 'Cost of goods sold'],
      ['5100', 'Materials consumed'],
      ['5200', 'Subcontracted work'],
    ],
  ],
  [
    '60',
    'Operating expenses',
    'expense',
    '',
    [
      ['6000', 'Salaries and wages'],
      ['6010', 'Social security and health insurance'],
      ['6020', 'Employee benefits'],
      ['6100', 'Rent'],
      ['6110', 'Utilities and energy'],
      ['6200', 'Repairs and maintenance'],
      ['6300', 'Travel'],
      ['6310', 'Entertainment'],
      ['6400', 'Office supplies'],
      ['6410', 'Software and subscriptions'],
      ['6420', 'Telecommunications'],
      ['6500', 'Professional services'],
      ['6510', 'Other services'],
      ['6600', 'Marketing and advertising'],
      ['6700', 'Insurance'],
      ['6800', 'Depreciation and amortisation'],
      ['6900', 'Bad debts'],
      ['6950', 'Taxes and fees'],
      ['6990', 'Other operating expenses'],
    ],
  ],
  [
    '70',
    'Finance costs and income tax',
    'expense',
    '',
    [
      ['7000', 'Interest expense'],
      ['7010', 'Bank charges'],
      ['7020', 'Foreign exchange losses'],
      ['7100', 'Income tax expense'],
    ],
  ],
];

export const CZ_CHART: ChartTemplate = {
  id: 'cz',
  accounts: build(CZ_GROUPS, CZ_ANALYTICS),
  defaults: {
    receivable: '311',
    payable: '321',
    vatOutput: '343200',
    vatInput: '343100',
    revenue: '602',
    expense: '518',
    bankRoot: '221',
    cash: '211',
    fxGain: '663',
    fxLoss: '563',
    bankFee: '568',
    advances: '324',
  },
};

export const GENERIC_CHART: ChartTemplate = {
  id: 'generic',
  accounts: build(GENERIC_GROUPS, []),
  defaults: {
    receivable: '1200',
    payable: '2000',
    vatOutput: '2100',
    vatInput: '1410',
    revenue: '4100',
    expense: '6510',
    bankRoot: '1100',
    cash: '1000',
    fxGain: '4910',
    fxLoss: '7020',
    bankFee: '7010',
    advances: '2050',
  },
};

export const chartFor = (country: string): ChartTemplate => (country.toUpperCase() === 'CZ' ? CZ_CHART : GENERIC_CHART);

export type { VatRateTemplate } from '../data/cz-vat.ts';

/** Czech rates come from `data/cz-vat.ts`, each with its source. */
export const CZ_VAT = CZ_VAT_RATES;

/** A neutral set for countries without a built-in table; tenants adjust it under VAT rates. */
export const GENERIC_VAT: readonly VatRateTemplate[] = [
  { code: 'standard', rate: '20', validFrom: '2000-01-01', validTo: null, source: 'placeholder; adjust per country' },
  { code: 'reduced', rate: '10', validFrom: '2000-01-01', validTo: null, source: 'placeholder; adjust per country' },
  { code: 'zero', rate: '0', validFrom: '2000-01-01', validTo: null, source: 'no tax charged' },
  { code: 'exempt', rate: '0', validFrom: '2000-01-01', validTo: null, source: 'exempt supplies' },
];

export const vatFor = (country: string): readonly VatRateTemplate[] =>
  country.toUpperCase() === 'CZ' ? CZ_VAT : GENERIC_VAT;
