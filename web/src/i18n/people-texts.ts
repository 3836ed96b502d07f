/**
 * Texts about people (who signed or read, a guardian's children) and the delegation rule screen, in their own file
 * so that other screens' texts merge without touching these. The English catalogue has this one's type.
 */
export const peopleDa = {
  person: {
    /** Own organisation's person: "Sara (Sagsbehandler)". */
    known: (name: string, role: string) => `${name} (${role})`,
    /** Another organisation's person, by login: "karin (Pædagog, Bakkegården)". */
    login: (login: string, role: string, organisation: string) => `${login} (${role}, ${organisation})`,
    /** A record written before the ledger recorded logins: role and organisation only. */
    roleOnly: (role: string, organisation: string) => `${role}, ${organisation}`,
  },
  children: {
    heading: 'Dine børn',
    intro: 'Kommunen har givet dig adgang til at se loggen for disse børn. Vælg et barn for at se loggen.',
    none: 'Kommunen har ikke givet dig adgang til nogen børns log. Kontakt din sagsbehandler, hvis det er forkert.',
    childColumn: 'Barn',
    logColumn: 'Log',
    child: (index: number) => `Barn ${index.toString()}`,
    reference: 'Reference (står i brevet fra kommunen)',
    since: 'Adgang siden',
    open: (label: string) => `Se loggen for ${label}`,
    back: 'Tilbage til dine børn',
    logOf: (reference: string) => `Log for barnet med reference ${reference}`,
  },
  delegation: {
    nav: 'Delegationsregel',
    title: 'Kommunens delegationsregel',
    intro:
      'Hvem der skal underskrive for kommunen, afhænger af aftalens månedlige værdi. Hvert trin gælder fra et beløb og opefter; et trin kan have flere alternativer.',
    current: 'Gældende regel',
    version: (version: number) => `Version ${version.toString()}`,
    defaultRule: 'Kommunen har ikke vedtaget sin egen regel endnu; standardreglen gælder.',
    fromValue: 'Fra månedlig værdi',
    whoSigns: 'Hvem underskriver',
    named: (count: number, of: number) => `${count.toString()} af ${of.toString()} navngivne personer`,
    editHeading: 'Ny version af reglen',
    tier: (n: number) => `Trin ${n.toString()}`,
    fromKroner: 'Gælder fra månedlig værdi (kr.)',
    fromHint: 'Første trin gælder fra 0 kr.; hvert næste trin fra et højere beløb.',
    alternative: (n: number) => `Alternativ ${n.toString()}`,
    role: 'Rolle',
    count: 'Antal personer',
    addRequirement: 'Tilføj krav',
    removeRequirement: 'Fjern krav',
    addAlternative: 'Tilføj alternativ',
    removeAlternative: 'Fjern alternativ',
    addTier: 'Tilføj trin',
    removeTier: 'Fjern trin',
    namedKept: 'Navngivne personer (beholdes uændret)',
    adopt: 'Vedtag ny version',
    adopted: (version: number) => `Version ${version.toString()} af delegationsreglen er vedtaget.`,
    notDirector: 'Kun kommunens direktør kan vedtage delegationsreglen.',
    /** What the chaincode's refusal reason means for this rule (the code and field are shown too). */
    reasons: {
      not_ordered:
        'Første trin skal gælde fra 0 kr., og hvert næste trin fra et højere beløb end det forrige.',
      duplicate: 'Nævn hver rolle højst én gang i et alternativ; sæt i stedet antallet op.',
      not_in_range: 'Antal personer skal være et helt tal fra 1 til 10.',
      role_or_people: 'Hvert krav skal have enten en rolle eller navngivne personer.',
    } as Record<string, string>,
  },
};

export type PeopleTexts = typeof peopleDa;

export const peopleEn: PeopleTexts = {
  person: {
    known: (name, role) => `${name} (${role})`,
    login: (login, role, organisation) => `${login} (${role}, ${organisation})`,
    roleOnly: (role, organisation) => `${role}, ${organisation}`,
  },
  children: {
    heading: 'Your children',
    intro:
      'The municipality has given you access to the log of these children. Choose a child to see the log.',
    none: 'The municipality has not given you access to any child’s log. Contact your caseworker if this is wrong.',
    childColumn: 'Child',
    logColumn: 'Log',
    child: (index) => `Child ${index.toString()}`,
    reference: 'Reference (in the municipality’s letter)',
    since: 'Access since',
    open: (label) => `See the log of ${label}`,
    back: 'Back to your children',
    logOf: (reference) => `Log of the child with reference ${reference}`,
  },
  delegation: {
    nav: 'Delegation rule',
    title: 'The municipality’s delegation rule',
    intro:
      'Who signs for the municipality depends on the agreement’s monthly value. Each tier applies from an amount upwards; a tier may have several alternatives.',
    current: 'Rule in force',
    version: (version) => `Version ${version.toString()}`,
    defaultRule: 'The municipality has not adopted its own rule yet; the default rule applies.',
    fromValue: 'From monthly value',
    whoSigns: 'Who signs',
    named: (count, of) => `${count.toString()} of ${of.toString()} named people`,
    editHeading: 'New version of the rule',
    tier: (n) => `Tier ${n.toString()}`,
    fromKroner: 'Applies from monthly value (DKK)',
    fromHint: 'The first tier applies from 0 DKK; each next tier from a higher amount.',
    alternative: (n) => `Alternative ${n.toString()}`,
    role: 'Role',
    count: 'Number of people',
    addRequirement: 'Add requirement',
    removeRequirement: 'Remove requirement',
    addAlternative: 'Add alternative',
    removeAlternative: 'Remove alternative',
    addTier: 'Add tier',
    removeTier: 'Remove tier',
    namedKept: 'Named people (kept unchanged)',
    adopt: 'Adopt new version',
    adopted: (version) => `Version ${version.toString()} of the delegation rule is adopted.`,
    notDirector: 'Only the municipality’s director can adopt the delegation rule.',
    reasons: {
      not_ordered:
        'The first tier must apply from 0 DKK, and each next tier from a higher amount than the one before.',
      duplicate: 'Name each role at most once in an alternative; raise the number of people instead.',
      not_in_range: 'The number of people must be a whole number from 1 to 10.',
      role_or_people: 'Each requirement needs either a role or named people.',
    },
  },
};
