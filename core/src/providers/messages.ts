import { defineMessages } from '../i18n/messages.ts';

export const prm = defineMessages('providers', {
  own_people_only: {
    en: "Only the firm's own members manage its providers and clients",
    cs: 'Poskytovatele a klienty firmy spravují jen její vlastní členové',
  },
  not_a_provider: {
    en: 'This firm is not a provider; sign up as a provider to serve clients',
    cs: 'Tato firma není poskytovatel služeb; klienty mohou obsluhovat jen poskytovatelé',
  },
  engagement_not_found: { en: 'No such engagement', cs: 'Taková spolupráce neexistuje' },
  engagement_closed: {
    en: 'This engagement is {status, select, declined {declined} revoked {revoked} ended {ended} other {closed}}',
    cs: 'Tato spolupráce je {status, select, declined {odmítnutá} revoked {zrušená klientem} ended {ukončená} other {uzavřená}}',
  },
  not_pending: {
    en: 'This engagement is no longer waiting for an answer ({status, select, active {active} declined {declined} revoked {revoked} ended {ended} other {closed}})',
    cs: 'Tato spolupráce už nečeká na odpověď ({status, select, active {aktivní} declined {odmítnutá} revoked {zrušená} ended {ukončená} other {uzavřená}})',
  },
  unknown_modules: {
    en: 'Unknown {count, plural, one {module} other {modules}}: {modules}',
    cs: '{count, plural, one {Neznámý modul} other {Neznámé moduly}}: {modules}',
  },
  team_required: {
    en: 'Choose a team to work for this client',
    cs: 'Vyberte tým, který bude pro klienta pracovat',
  },
  ico_format: { en: 'An IČO has 8 digits', cs: 'IČO má 8 číslic' },
  client_one_of: {
    en: 'Give the e-mail, the IČO or the workspace address — one of them',
    cs: 'Zadejte e-mail, IČO nebo adresu prostoru — právě jedno z nich',
  },
  no_client_slug: {
    en: 'No workspace has the address “{slug}”',
    cs: 'Žádný prostor nemá adresu „{slug}“',
  },
  no_client_email: {
    en: 'No firm in Bureau has {email} as its owner or administrator. Check the address, or create the client’s workspace instead.',
    cs: 'Žádná firma v Bureau nemá {email} jako vlastníka ani správce. Zkontrolujte adresu, nebo klientovi založte prostor.',
  },
  no_client_ico: {
    en: 'No firm with IČO {ico} uses Bureau yet. Create the client’s workspace instead.',
    cs: 'Firma s IČO {ico} Bureau zatím nepoužívá. Založte klientovi prostor.',
  },
  client_ambiguous: {
    en: 'Several firms match; give the workspace address instead',
    cs: 'Odpovídá více firem; zadejte raději adresu prostoru',
  },
  team_twice: { en: 'A team is listed twice', cs: 'Tým je uveden dvakrát' },
  team_not_found: { en: 'No such team', cs: 'Takový tým neexistuje' },
  team_beyond_engagement: {
    en: 'More than the engagement allows',
    cs: 'Víc, než spolupráce dovoluje',
  },
  engagement_exists: {
    en: 'An engagement with this client is already open',
    cs: 'Spolupráce s tímto klientem už probíhá nebo čeká na odpověď',
  },
  own_firm: { en: 'A firm cannot be its own client', cs: 'Firma nemůže být svým vlastním klientem' },
  own_firm_field: { en: 'This is your own firm', cs: 'To je vaše vlastní firma' },
  exceeds_client_approval: {
    en: 'The client has not allowed these permissions',
    cs: 'Tato oprávnění klient nepovolil',
  },
  beyond_proposal: {
    en: 'An engagement can cover only what the provider asked for',
    cs: 'Spolupráce může zahrnovat jen to, o co poskytovatel požádal',
  },
  client_or_new: {
    en: 'Give either an existing client or a new one',
    cs: 'Zadejte buď existujícího klienta, nebo nového',
  },
  client_or_new_field: {
    en: 'Give exactly one of client and newClient',
    cs: 'Zadejte právě jedno z client a newClient',
  },
  bad_cursor: { en: 'The cursor is not valid for this listing', cs: 'Kurzor pro tento výpis neplatí' },
  bad_cursor_field: { en: 'Invalid cursor', cs: 'Neplatný kurzor' },
  provider_not_found: { en: 'No such provider', cs: 'Takový poskytovatel neexistuje' },
  team_exists: { en: 'A team with this name exists', cs: 'Tým s tímto názvem už existuje' },
  not_a_member: {
    en: 'Only members of this firm can join its teams',
    cs: 'Do týmů firmy mohou patřit jen její členové',
  },
  not_a_member_field: { en: 'Not a member of this firm', cs: 'Není členem této firmy' },
  team_member_not_found: { en: 'This person is not in the team', cs: 'Tento člověk v týmu není' },
  module_id: { en: 'Not a module id', cs: 'Neplatný identifikátor modulu' },
  invite_mail_subject: {
    en: '{provider} asks for access to {client}',
    cs: '{provider} žádá o přístup do {client}',
  },
  invite_mail_text: {
    en: 'Hello,\n\n{provider} invites {client} to work together ({count, plural, =0 {no modules} one {module: {modules}} other {modules: {modules}}}). Accept or decline here:\n{link}',
    cs: 'Dobrý den,\n\n{provider} zve {client} ke spolupráci ({count, plural, =0 {bez modulů} one {modul: {modules}} other {moduly: {modules}}}). Přijmout nebo odmítnout ji můžete zde:\n{link}',
  },
});
