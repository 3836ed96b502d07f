/**
 * The case story (docs: /work/shared/case-story.md, summarised in README.md) played through the organisations' REST
 * gateways by its people, each with their own token: exactly the calls the municipality's case system and the
 * providers' systems make. Returns what each step answered, so `npm run demo` can print it and the end-to-end test
 * can check it. Every id is new per run, so the story can be played again and again on the same network.
 *
 * The placement starts on the first day of the month eleven months ago, so month 12 is the current month; the dates
 * in the timeline are when each step happens in the story, while the ledger records when it really ran.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  addDays,
  documentHash,
  kroner,
  monthDay,
  placementDraft,
  PRICES,
  schoolSupportLine,
  STATUS_REPORT,
  StoryCalendar,
  storyStart,
  visitationDraft,
} from 'agreements-case-story';
import { readTopology } from '../lib/topology-reader.cjs';
import type {
  Agreement,
  AgreementDraftInput,
  AmendmentInput,
  InvoiceInput,
  InvoiceRecord,
  InvoiceValidation,
  IsoDate,
  IsoMonth,
  Ore,
  Settlement,
  StatusReport,
} from 'agreements-client';
import { ConsistencyTokens } from './consistency-tokens';
import { ApiClient, ApiProblem, type Written } from './api-client';
import { formatKroner } from './timeline';

export type OrgKey = 'municipality' | 'placement' | 'consultancy';

/** Where the story's systems find the gateways and the identity provider. */
export interface StoryEndpoints {
  readonly gateways: Readonly<Record<OrgKey, URL>>;
  readonly tokenUrl: URL;
}

/** One line of the printed timeline. */
export interface TimelineEntry {
  /** When it happens in the story. */
  readonly date: IsoDate;
  /** Who acts, e.g. "Sara (caseworker, Høje-Taastrup Kommune)". */
  readonly who: string;
  readonly what: string;
  /** What came back, e.g. "active" or "refused: 403 WRONG_ROLE". */
  readonly outcome: string;
}

/** A call the API refused: its HTTP status and stable error code. */
export interface ExpectedRefusal {
  readonly status: number;
  readonly code: string;
}

export interface CaseStoryOptions {
  readonly endpoints: StoryEndpoints;
  /** The placement's start date; defaults to the first day of the month eleven months ago. */
  readonly start?: IsoDate;
  /** Called with each timeline entry as its call returns (in the order the calls run). */
  readonly onEntry?: (entry: TimelineEntry) => void;
}

/** Everything the story's calls answered, for printing and checking. */
export interface CaseStory {
  readonly start: IsoDate;
  readonly ids: { readonly childPseudonym: string; readonly placement: string; readonly visitation: string };
  readonly timeline: readonly TimelineEntry[];
  readonly placement: {
    readonly drafted: Agreement;
    readonly activated: Agreement;
    readonly withAddOn: Agreement;
    readonly withFewerHours: Agreement;
    readonly terminated: Agreement;
  };
  readonly visitation: { readonly activated: Agreement; readonly afterTermination: Agreement };
  readonly refusals: {
    /** Sara (caseworker) signs the placement: not a signing role. */
    readonly caseworkerSigns: ExpectedRefusal;
    /** Mads signs the same version twice. */
    readonly signsTwice: ExpectedRefusal;
    /** Ole reads the placement site's agreement. */
    readonly otherProviderReads: ExpectedRefusal;
    /** Karin signs the consultancy's agreement. */
    readonly otherProviderSigns: ExpectedRefusal;
    /** Jonas signs version 2 after version 3 was proposed. */
    readonly staleVersion: ExpectedRefusal;
    /** Ole submits a status report for the placement. */
    readonly otherProviderReports: ExpectedRefusal;
    /** Sara signs the termination. */
    readonly caseworkerSignsTermination: ExpectedRefusal;
  };
  readonly settlements: {
    readonly month1: Settlement;
    readonly month3: Settlement;
    readonly month4: Settlement;
    readonly month5Held: Settlement;
    readonly month5Recorded: { readonly revision: number; readonly settlement: Settlement };
    readonly month5ReportSubmitted: Settlement;
    readonly month5Released: Settlement;
    readonly month8: Settlement;
    readonly month12: Settlement;
    readonly visitsMonth5: Settlement;
  };
  readonly invoices: {
    readonly month1: InvoiceValidation;
    readonly month1Again: InvoiceValidation;
    readonly wrongPrice: InvoiceValidation;
    readonly aboveAllowance: InvoiceValidation;
    readonly fullAllowance: InvoiceValidation;
    readonly month5Held: InvoiceValidation;
    readonly visitsAboveAllowance: InvoiceValidation;
    readonly allVisits: InvoiceValidation;
    readonly afterTermination: InvoiceValidation;
    readonly visitsAfterTermination: InvoiceValidation;
  };
  readonly heldInstalments: HeldInstalments;
}

/** Which report holds an instalment, due when, holding since when. */
export interface HeldBy {
  readonly obligationId: string;
  readonly periodNumber: number;
  readonly dueDate: IsoDate;
  readonly heldFrom: IsoDate;
}

/** `GET …/held-instalments`: what missing reports hold, per month and line. */
export interface HeldInstalments {
  readonly instalments: readonly {
    readonly agreementId: string;
    readonly month: IsoMonth;
    readonly serviceLineId: string;
    readonly held: Ore;
    readonly heldBy: readonly HeldBy[];
    readonly settledAt?: string;
  }[];
}

const ROOT = path.resolve(__dirname, '..', '..');
const DOMAIN = 'placements';

interface Topology {
  readonly host: string;
  readonly organisations: readonly {
    readonly key: string;
    readonly mspId: string;
    readonly displayName: string;
    readonly gatewayPort: number;
  }[];
}

interface User {
  readonly org: OrgKey;
  readonly name: string;
  readonly role: string;
}

function readJson(...parts: string[]): unknown {
  return JSON.parse(readFileSync(path.join(ROOT, ...parts), 'utf8'));
}

/** The gateways of network/topology.json and the development identity provider (`DEV_OIDC_ISSUER`). */
export function localEndpoints(env: NodeJS.ProcessEnv = process.env): StoryEndpoints {
  const topology: Topology = readTopology();
  const gateway = (key: OrgKey): URL => {
    const org = topology.organisations.find((candidate) => candidate.key === key);
    if (org === undefined) throw new Error(`no organisation ${key} in network/topology.json`);
    return new URL(`http://${topology.host}:${org.gatewayPort.toString()}`);
  };
  const issuer = (env.DEV_OIDC_ISSUER ?? 'http://localhost:4000').replace(/\/$/, '');
  return {
    gateways: {
      municipality: gateway('municipality'),
      placement: gateway('placement'),
      consultancy: gateway('consultancy'),
    },
    tokenUrl: new URL(`${issuer}/token`),
  };
}

/** A person of the story and their organisation's system. */
interface Person {
  readonly name: string;
  readonly org: OrgKey;
  readonly label: string;
  readonly api: ApiClient;
}

/** How much of a service line a settled month allows (0 when the month has no such line). */
function allowedQuantity(settlement: Settlement, serviceLineId: string): number {
  return settlement.lines.find((line) => line.serviceLineId === serviceLineId)?.allowedQuantity ?? 0;
}

/** The state of an agreement's version `number` (`?` when it has none). */
function versionState(agreement: Agreement, number: number): string {
  return agreement.versions.find((version) => version.number === number)?.state ?? '?';
}

/** The effective date of an agreement's last termination (`?` when it has none). */
function lastTerminationDate(agreement: Agreement): string {
  return agreement.terminations.at(-1)?.effectiveDate ?? '?';
}

/** What a missing report holds: since when, the months settled meanwhile, and how much. */
function heldSummary(held: HeldInstalments): string {
  const months = [...new Set(held.instalments.map((instalment) => instalment.month))].sort();
  const total = held.instalments.reduce((sum, instalment) => sum + instalment.held, 0);
  const heldFrom = held.instalments[0]?.heldBy[0]?.heldFrom ?? '';
  return (
    `held since ${heldFrom}: every month settled meanwhile, ${months[0] ?? ''} – ${months.at(-1) ?? ''} ` +
    `(${formatKroner(total)})`
  );
}

/** A fictitious CPR number of a ten-year-old (born in the 2000s: digit 7 is 5–8) that passes modulus 11. */
function fictitiousCpr(start: IsoDate): string {
  const birth = addDays(monthDay(start, -120, 1), randomInt(0, 300));
  const [year, month, day] = birth.split('-') as [string, string, string];
  const weights = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
  for (;;) {
    const digits = `${day}${month}${year.slice(2)}${randomInt(5, 9).toString()}${randomInt(0, 1000).toString().padStart(3, '0')}`;
    const sum = weights.reduce((total, weight, i) => total + weight * Number(digits.charAt(i)), 0);
    if (sum % 11 === 0) return `${digits.slice(0, 6)}-${digits.slice(6)}`;
  }
}

/**
 * Plays the whole story and returns what every call answered.
 * @throws {@link ApiProblem} when a call the story expects to succeed is refused, or `Error` when one it expects
 * to be refused succeeds, or a party does not see a write it was handed.
 */
export async function playCaseStory(options: CaseStoryOptions): Promise<CaseStory> {
  const { endpoints } = options;
  const topology: Topology = readTopology();
  const orgOf = (key: OrgKey): Topology['organisations'][number] => {
    const org = topology.organisations.find((candidate) => candidate.key === key);
    if (org === undefined) throw new Error(`no organisation ${key} in network/topology.json`);
    return org;
  };
  const users = (readJson('network', 'users.json') as { users: User[] }).users;
  // The story's systems pass each write's token on, as a notification of it would (the event id names its block).
  const consistency = new ConsistencyTokens();
  const person = (name: string): Person => {
    const user = users.find((candidate) => candidate.name === name);
    if (user === undefined) throw new Error(`no user ${name} in network/users.json`);
    return {
      name,
      org: user.org,
      label: `${name[0]?.toUpperCase() ?? ''}${name.slice(1)} (${user.role.replace('_', ' ')}, ${orgOf(user.org).displayName})`,
      api: new ApiClient({
        baseUrl: endpoints.gateways[user.org],
        tokenUrl: endpoints.tokenUrl,
        clientId: name,
        // The development identity provider's convention; a real system has its own client credentials.
        clientSecret: `${name}-dev-secret`,
        consistency,
      }),
    };
  };
  const [sara, mads, lene, jonas, karin, ole] = ['sara', 'mads', 'lene', 'jonas', 'karin', 'ole'].map(
    person,
  ) as [Person, Person, Person, Person, Person, Person];
  const MUNICIPALITY = orgOf('municipality').mspId;
  const PLACEMENT_SITE = orgOf('placement').mspId;
  const CONSULTANCY = orgOf('consultancy').mspId;

  const story = new StoryCalendar(options.start ?? storyStart());
  const S = story.start;
  /** Month n of the story (1 = the start month). */
  const M = (n: number): IsoMonth => story.month(n);
  const day = (n: number, d: number): IsoDate => story.day(n, d);
  const lastDay = (n: number): IsoDate => story.lastDay(n);
  const run = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const placementId = `placement-${run}`;
  const visitationId = `visitation-${run}`;

  const timeline: TimelineEntry[] = [];
  const log = (date: IsoDate, who: Person, what: string, outcome: string): void => {
    const entry = { date, who: who.label, what, outcome };
    timeline.push(entry);
    options.onEntry?.(entry);
  };

  // ---- the calls, one per use case ----
  const agreementPath = (id: string): string => `/api/v1/${DOMAIN}/agreements/${encodeURIComponent(id)}`;
  const partiesOf = (id: string): Person[] => [sara, id === visitationId ? ole : karin];

  /**
   * Reads go to the reader's own organisation's peer, which may be a moment behind a write just committed through
   * another organisation's gateway; the story's systems hand each other their writes' `Fabric-Min-Block` tokens
   * (`consistency`), so the reader's gateway waits until its peer has the write, and the read sees it.
   */
  async function seen<T>(who: Person, resource: string, done: (value: T) => boolean): Promise<T> {
    const value = await who.api.get<T>(resource);
    if (!done(value)) throw new Error(`${who.name} did not see the expected state of ${resource}`);
    return value;
  }

  /** Every party of the agreement sees this write (and the later ones). */
  async function partiesSee(agreement: Agreement): Promise<Agreement> {
    for (const party of partiesOf(agreement.id)) {
      await seen<Agreement>(party, agreementPath(agreement.id), (a) => a.updatedAt >= agreement.updatedAt);
    }
    return agreement;
  }

  async function agreementWrite(who: Person, resource: string, body?: unknown): Promise<Agreement> {
    const written = await who.api.post<Written<Agreement>>(resource, body);
    return partiesSee(written.data);
  }

  const draft = (who: Person, input: AgreementDraftInput): Promise<Agreement> =>
    agreementWrite(who, `/api/v1/${DOMAIN}/agreements`, input);
  const submitForSignatures = (who: Person, id: string): Promise<Agreement> =>
    agreementWrite(who, `${agreementPath(id)}/submission`);
  const sign = (who: Person, id: string, version: number): Promise<Agreement> =>
    agreementWrite(who, `${agreementPath(id)}/versions/${version.toString()}/signatures`);
  const proposeAmendment = (who: Person, id: string, amendment: AmendmentInput): Promise<Agreement> =>
    agreementWrite(who, `${agreementPath(id)}/amendments`, amendment);
  const proposeTermination = (who: Person, id: string, effectiveDate: IsoDate): Promise<Agreement> =>
    agreementWrite(who, `${agreementPath(id)}/terminations`, { effectiveDate });
  const signTermination = (who: Person, id: string, terminationNumber: number): Promise<Agreement> =>
    agreementWrite(who, `${agreementPath(id)}/terminations/${terminationNumber.toString()}/signatures`);

  async function submitReport(
    who: Person,
    id: string,
    periodNumber: number,
    document: string,
  ): Promise<StatusReport> {
    const written = await who.api.post<Written<StatusReport>>(`${agreementPath(id)}/status-reports`, {
      obligationId: STATUS_REPORT,
      periodNumber,
      documentHash: documentHash(document),
    });
    // The caseworker's system sees the report arrive before she can accept it.
    const versions = written.data.versions.length;
    await seen<StatusReport[]>(sara, `${agreementPath(id)}/status-reports`, (reports) =>
      reports.some((r) => r.periodNumber === periodNumber && r.versions.length >= versions),
    );
    return written.data;
  }

  async function acceptReport(
    who: Person,
    id: string,
    periodNumber: number,
    version: number,
  ): Promise<StatusReport> {
    const written = await who.api.post<Written<StatusReport>>(
      `${agreementPath(id)}/status-reports/${STATUS_REPORT}/${periodNumber.toString()}/acceptance`,
      { version },
    );
    return written.data;
  }

  const settlement = async (who: Person, id: string, month: IsoMonth): Promise<Settlement> =>
    (await who.api.get<{ settlement: Settlement }>(`${agreementPath(id)}/settlements/${month}`)).settlement;

  let invoiceCount = 0;
  async function invoice(who: Person, id: string, month: IsoMonth, lines: InvoiceInput['lines']) {
    invoiceCount += 1;
    const input: InvoiceInput = { invoiceId: `inv-${run}-${invoiceCount.toString()}`, month, lines };
    const written = await who.api.post<Written<InvoiceRecord>>(`${agreementPath(id)}/invoices`, input);
    // The municipality's system sees the invoice before it settles the month.
    await seen(sara, `${agreementPath(id)}/invoices/${input.invoiceId}`, () => true);
    return written.data.validation;
  }

  async function refusal(action: () => Promise<unknown>): Promise<ExpectedRefusal> {
    try {
      await action();
    } catch (error) {
      if (error instanceof ApiProblem) return { status: error.status, code: error.code };
      throw error;
    }
    throw new Error('expected the API to refuse the call, but it succeeded');
  }
  const statusText = (a: Agreement): string => a.status.replace('_', ' ');
  const refused = (r: ExpectedRefusal): string => `refused: ${r.status.toString()} ${r.code}`;
  const kr = formatKroner;
  const totals = (v: InvoiceValidation): string =>
    `${v.status}: ${kr(v.totals.approved)} approved, ${kr(v.totals.held)} held, ${kr(v.totals.payable)} payable`;
  const rejection = (v: InvoiceValidation): string =>
    `${v.status}: ${v.lines.map((l) => l.reason ?? l.status).join(', ')}`;
  const due = (s: Settlement): string =>
    `due ${kr(s.totals.due)}, held ${kr(s.totals.held)}, payable ${kr(s.totals.payable)}`;

  // ---- 1. the decision, the child's data, the placement agreement ----
  const prepared = addDays(S, -21);
  const registry = await sara.api.get<{ providers: { mspId: string; kind: string; name: string }[] }>(
    `/api/v1/${DOMAIN}/registry`,
  );
  const site = registry.providers.find((p) => p.mspId === PLACEMENT_SITE);
  if (site === undefined) throw new Error(`${PLACEMENT_SITE} is not a provider in the ${DOMAIN} registry`);
  log(
    prepared,
    sara,
    `finds the approved placement site in the ${DOMAIN} registry`,
    `${site.name} (${site.kind})`,
  );

  const cpr = fictitiousCpr(S);
  // The lookup is an audited act: recorded on the ledger (who, when, why; never the CPR number) before it answers.
  const {
    data: { childPseudonym },
  } = await sara.api.post<{ data: { childPseudonym: string } }>(`/api/v1/${DOMAIN}/child-pseudonyms`, {
    cpr,
    purpose: 'case_handling',
  });
  // The story's term: a missing report's hold is released when Sara accepts it (default: when it is submitted).
  const drafted = await draft(
    sara,
    placementDraft({
      id: placementId,
      start: S,
      childPseudonym,
      parties: { municipalityMspId: MUNICIPALITY, providerMspId: PLACEMENT_SITE },
    }),
  );
  log(
    prepared,
    sara,
    `drafts placement ${placementId} from the placement template, from ${S}: stay ${kr(PRICES.stay)}/month, school ` +
      `${kr(PRICES.school)}/month, taxi ${kr(PRICES.taxi)}/month until ${lastDay(3)}; status report every 3 months`,
    drafted.status,
  );
  // Personal data goes to private collections as transient data; the ledger keeps only hashes.
  await sara.api.put(`/api/v1/${DOMAIN}/children/${childPseudonym}/personal-data/municipal`, {
    cpr,
    caseFacts: 'Placement outside the home decided by the children and youth committee.',
  });
  await sara.api.put(`/api/v1/${DOMAIN}/children/${childPseudonym}/personal-data/shared/${PLACEMENT_SITE}`, {
    name: 'Preben',
    guardians: ['Mother', 'Father'],
    school: 'Østervold Skole',
  });
  log(
    prepared,
    sara,
    'stores the child’s personal data: CPR number in the municipality’s own collection, name, guardians and school ' +
      `shared with ${site.name}`,
    'only hashes on the ledger',
  );
  const submitted = await submitForSignatures(sara, placementId);
  log(prepared, sara, 'submits the placement for signatures', statusText(submitted));

  // ---- 2. the related visitation agreement ----
  // 4 hours every second Sunday: one visit on each second Sunday, from the first Sunday of the start month.
  await draft(
    sara,
    visitationDraft({
      id: visitationId,
      start: S,
      childPseudonym,
      parties: { municipalityMspId: MUNICIPALITY, providerMspId: CONSULTANCY },
      placementId,
    }),
  );
  await submitForSignatures(sara, visitationId);
  log(
    addDays(prepared, 1),
    sara,
    `drafts visitation ${visitationId} with ${orgOf('consultancy').displayName}, related to the placement: supported ` +
      `visitation every second Sunday at ${kr(PRICES.visit)} per visit; submits it for signatures`,
    'awaiting signatures',
  );

  // ---- 3. signatures under the delegation rule ----
  const signed = addDays(prepared, 7);
  const caseworkerSigns = await refusal(() => sign(sara, placementId, 1));
  log(signed, sara, 'tries to sign the placement', refused(caseworkerSigns));
  const byMads = await sign(mads, placementId, 1);
  log(signed, mads, 'signs the placement (version 1)', statusText(byMads));
  const signsTwice = await refusal(() => sign(mads, placementId, 1));
  log(signed, mads, 'signs it again', refused(signsTwice));
  const byLene = await sign(lene, placementId, 1);
  log(
    signed,
    lene,
    'signs the placement (version 1)',
    `${statusText(byLene)}: two centre heads complete the municipality`,
  );
  const activated = await sign(karin, placementId, 1);
  log(addDays(signed, 1), karin, 'signs the placement (version 1)', `${statusText(activated)} from ${S}`);

  const otherProviderReads = await refusal(() => ole.api.get(agreementPath(placementId)));
  log(addDays(signed, 1), ole, 'opens the placement site’s agreement', refused(otherProviderReads));
  const otherProviderSigns = await refusal(() => sign(karin, visitationId, 1));
  log(
    addDays(signed, 1),
    karin,
    'tries to sign the consultancy’s visitation agreement',
    refused(otherProviderSigns),
  );
  const byJonas = await sign(jonas, visitationId, 1);
  log(addDays(signed, 2), jonas, 'signs the visitation alone (director)', statusText(byJonas));
  const visitationActive = await sign(ole, visitationId, 1);
  log(addDays(signed, 2), ole, 'signs the visitation', `${statusText(visitationActive)} from ${S}`);

  // ---- 4. the add-on: 6 h/week extra school support from month 2, re-evaluated after 3 months ----
  const addOnLine = schoolSupportLine(day(2, 1), lastDay(4));
  const addOnDate = addDays(day(2, 1), -10);
  await proposeAmendment(sara, placementId, {
    effectiveFrom: day(2, 1),
    changes: [{ type: 'add_line', line: addOnLine }],
  });
  log(
    addOnDate,
    sara,
    `proposes an add-on from ${day(2, 1)}: extra school support 6 h/week at ${kr(PRICES.supportHourly)}/hour, ` +
      `re-evaluated ${lastDay(4)}`,
    'version 2 awaiting signatures',
  );
  await sign(jonas, placementId, 2);
  log(addDays(addOnDate, 1), jonas, 'signs version 2', 'the municipality has signed');
  const withAddOn = await sign(karin, placementId, 2);
  log(addDays(addOnDate, 2), karin, 'signs version 2', `version 2 ${versionState(withAddOn, 2)}`);

  // ---- 4. fewer hours: version 3 ----
  const adjusted = addDays(day(4, 1), -10);
  await proposeAmendment(sara, placementId, {
    effectiveFrom: day(4, 1),
    changes: [{ type: 'change_quantity', serviceLineId: 'school-support', agreedQuantity: 4 }],
  });
  log(adjusted, sara, `proposes 4 support hours a week from ${day(4, 1)}`, 'version 3 awaiting signatures');
  const staleVersion = await refusal(() => sign(jonas, placementId, 2));
  log(adjusted, jonas, 'signs version 2 again instead of 3', refused(staleVersion));
  await sign(mads, placementId, 3);
  log(addDays(adjusted, 1), mads, 'signs version 3', 'awaiting signatures');
  await sign(lene, placementId, 3);
  log(addDays(adjusted, 1), lene, 'signs version 3', 'the municipality has signed');
  const withFewerHours = await sign(karin, placementId, 3);
  log(
    addDays(adjusted, 2),
    karin,
    'signs version 3',
    withFewerHours.versions
      .map((v) => `v${v.number.toString()} ${v.state} from ${v.effectiveFrom}`)
      .join('; '),
  );

  // ---- 5. status reports: quarters 1 and 3 on time, quarter 2 of the placement missing ----
  // The ledger judges reports by today's date, when every due date but the last lies in the past: the reports that
  // arrive on time in the story are submitted first, before the months they gate are settled.
  const placementReport = (quarter: number): string => `Status report Q${quarter.toString()}, ${placementId}`;
  const visitationReport = (quarter: number): string =>
    `Visitation report Q${quarter.toString()}, ${visitationId}`;
  for (const quarter of [1, 3]) {
    const report = await submitReport(karin, placementId, quarter, placementReport(quarter));
    log(
      addDays(report.dueDate, -2),
      karin,
      `reports quarter ${quarter.toString()} (${report.periodStart} – ${report.periodEnd}, due ${report.dueDate})`,
      'the document’s SHA-256 on the ledger',
    );
    await acceptReport(sara, placementId, quarter, 1);
    log(
      addDays(report.dueDate, 1),
      sara,
      `accepts the placement report for quarter ${quarter.toString()}`,
      'accepted',
    );
  }
  const otherProviderReports = await refusal(() => submitReport(ole, placementId, 2, 'Not my report'));
  log(day(7, 1), ole, 'tries to report quarter 2 for the placement', refused(otherProviderReports));
  for (const quarter of [1, 2, 3]) {
    const report = await submitReport(ole, visitationId, quarter, visitationReport(quarter));
    await acceptReport(sara, visitationId, quarter, 1);
    log(
      addDays(report.dueDate, -1),
      ole,
      `reports quarter ${quarter.toString()} of the visitation; Sara accepts it`,
      'accepted',
    );
  }

  // ---- 5–6. the missing quarter-2 report holds every placement month settled while it is missing ----
  // The ledger judges by today's date, long after the quarter-2 report's due date plus grace: whatever is settled
  // before Sara accepts it is held. So the held months are shown first, then the report releases them, and then
  // the ordinary months are settled and invoiced (the timeline prints in the story's order).
  const heldInstalments = await sara.api.get<HeldInstalments>(
    `${agreementPath(placementId)}/held-instalments`,
  );
  log(
    day(7, 12),
    sara,
    `sees the placement's quarter-2 report missing (due ${day(7, 1)}, 10 days' grace)`,
    heldSummary(heldInstalments),
  );
  const month5Held = await settlement(sara, placementId, M(5));
  const month5Recorded = await sara.api.post<Written<{ revision: number; settlement: Settlement }>>(
    `${agreementPath(placementId)}/settlements/${M(5)}`,
  );
  log(
    day(7, 15),
    sara,
    `records the settlement of ${M(5)} while the report is missing`,
    `revision ${month5Recorded.data.revision.toString()}: ${due(month5Held)}`,
  );
  const visitsMonth5 = await settlement(sara, visitationId, M(5));
  log(day(7, 15), sara, `settles the visitation for ${M(5)} (its reports are in)`, due(visitsMonth5));
  const month5Invoice = await invoice(karin, placementId, M(5), [
    { serviceLineId: 'stay', amount: PRICES.stay },
    { serviceLineId: 'school', amount: PRICES.school },
  ]);
  log(day(7, 16), karin, `invoices ${M(5)}: stay and school`, totals(month5Invoice));

  // ---- 5. the late report releases what it held, once accepted (the story's term) ----
  await submitReport(karin, placementId, 2, placementReport(2));
  const month5ReportSubmitted = await settlement(sara, placementId, M(5));
  log(day(10, 12), karin, 'sends the missing quarter-2 report', `${M(5)}: ${due(month5ReportSubmitted)}`);
  await acceptReport(sara, placementId, 2, 1);
  const month5Released = await settlement(sara, placementId, M(5));
  log(day(10, 13), sara, 'accepts the quarter-2 report', `${M(5)}: ${due(month5Released)}`);

  // ---- 6. monthly settlements and invoices ----
  const month1 = await settlement(sara, placementId, M(1));
  log(day(2, 2), sara, `settles ${M(1)}`, due(month1));
  const invoice1 = await invoice(karin, placementId, M(1), [
    { serviceLineId: 'stay', amount: PRICES.stay },
    { serviceLineId: 'school', amount: PRICES.school },
    { serviceLineId: 'taxi', amount: PRICES.taxi },
  ]);
  log(
    day(2, 3),
    karin,
    `invoices ${M(1)}: stay, school, taxi (${kr(invoice1.totals.claimed)})`,
    totals(invoice1),
  );
  const invoice1Again = await invoice(karin, placementId, M(1), [
    { serviceLineId: 'stay', amount: PRICES.stay },
  ]);
  log(day(2, 4), karin, `invoices the stay of ${M(1)} again`, rejection(invoice1Again));

  // Karin's system reads how many support hours the month allows before it invoices them.
  const month2 = await settlement(karin, placementId, M(2));
  const allowedHours = allowedQuantity(month2, 'school-support');
  const tooManyHours = (Math.round(allowedHours * 100) + 1) / 100;
  const wrongPrice = await invoice(karin, placementId, M(2), [
    { serviceLineId: 'school-support', quantity: 10, unitPrice: kroner(450) },
  ]);
  log(
    day(3, 3),
    karin,
    `invoices 10 support hours of ${M(2)} at ${kr(kroner(450))}/hour`,
    rejection(wrongPrice),
  );
  const aboveAllowance = await invoice(karin, placementId, M(2), [
    { serviceLineId: 'school-support', quantity: tooManyHours, unitPrice: PRICES.supportHourly },
  ]);
  log(
    day(3, 3),
    karin,
    `invoices ${tooManyHours.toString()} support hours of ${M(2)} (the month allows ${allowedHours.toString()})`,
    rejection(aboveAllowance),
  );
  const fullAllowance = await invoice(karin, placementId, M(2), [
    { serviceLineId: 'school-support', quantity: allowedHours, unitPrice: PRICES.supportHourly },
  ]);
  log(
    day(3, 4),
    karin,
    `invoices ${allowedHours.toString()} support hours of ${M(2)}`,
    totals(fullAllowance),
  );

  const month3 = await settlement(sara, placementId, M(3));
  log(day(4, 5), sara, `settles ${M(3)} (the taxi's last month, 6 support hours a week)`, due(month3));

  // Ole's system reads how many visit Sundays the month has before it invoices them (2, or 3 about twice a year).
  const visitMonth = await settlement(ole, visitationId, M(5));
  const scheduledVisits = allowedQuantity(visitMonth, 'visits');
  const visitsAboveAllowance = await invoice(ole, visitationId, M(5), [
    { serviceLineId: 'visits', quantity: scheduledVisits + 1, unitPrice: PRICES.visit },
  ]);
  log(
    day(6, 3),
    ole,
    `invoices ${(scheduledVisits + 1).toString()} visits in ${M(5)} (the schedule has ${scheduledVisits.toString()})`,
    rejection(visitsAboveAllowance),
  );
  const allVisits = await invoice(ole, visitationId, M(5), [
    { serviceLineId: 'visits', quantity: scheduledVisits, unitPrice: PRICES.visit },
  ]);
  log(day(6, 3), ole, `invoices ${scheduledVisits.toString()} visits in ${M(5)}`, totals(allVisits));

  const month4 = await settlement(sara, placementId, M(4));
  log(day(7, 2), sara, `settles ${M(4)} (no taxi, 4 support hours a week)`, due(month4));
  const month8 = await settlement(sara, placementId, M(8));
  log(day(9, 5), sara, `settles ${M(8)} (stay and school only)`, due(month8));

  // ---- 7. after 12 months Preben goes home ----
  const end = lastDay(12);
  const ending = day(12, 5);
  await proposeTermination(sara, placementId, end);
  log(ending, sara, `proposes to end the placement on ${end}`, 'termination 1 proposed');
  const caseworkerSignsTermination = await refusal(() => signTermination(sara, placementId, 1));
  log(ending, sara, 'tries to sign the termination', refused(caseworkerSignsTermination));
  await signTermination(mads, placementId, 1);
  log(addDays(ending, 1), mads, 'signs the termination', 'one centre head: not yet the municipality');
  const byKarin = await signTermination(karin, placementId, 1);
  log(addDays(ending, 1), karin, 'signs the termination', statusText(byKarin));
  const terminated = await signTermination(lene, placementId, 1);
  log(addDays(ending, 2), lene, 'signs the termination', `${terminated.status} on ${end}`);
  const visitationAfter = await seen<Agreement>(
    ole,
    agreementPath(visitationId),
    (a) => a.status === 'terminated',
  );
  log(
    addDays(ending, 2),
    ole,
    'sees the related visitation agreement',
    `${visitationAfter.status} on ${lastTerminationDate(visitationAfter)} (related agreement terminated)`,
  );
  const month12 = await settlement(sara, placementId, M(12));
  log(day(13, 2), sara, `settles ${M(12)}, the last month`, due(month12));
  const afterTermination = await invoice(karin, placementId, M(13), [
    { serviceLineId: 'stay', amount: PRICES.stay },
  ]);
  log(day(14, 3), karin, `invoices the stay of ${M(13)}`, rejection(afterTermination));
  const visitsAfterTermination = await invoice(ole, visitationId, M(13), [
    { serviceLineId: 'visits', quantity: 1, unitPrice: PRICES.visit },
  ]);
  log(day(14, 3), ole, `invoices a visit in ${M(13)}`, rejection(visitsAfterTermination));

  return {
    start: S,
    ids: { childPseudonym, placement: placementId, visitation: visitationId },
    // Stable sort: the calls run in the order the ledger needs, the timeline reads in the story's order.
    timeline: [...timeline].sort((a, b) => a.date.localeCompare(b.date)),
    placement: { drafted, activated, withAddOn, withFewerHours, terminated },
    visitation: { activated: visitationActive, afterTermination: visitationAfter },
    refusals: {
      caseworkerSigns,
      signsTwice,
      otherProviderReads,
      otherProviderSigns,
      staleVersion,
      otherProviderReports,
      caseworkerSignsTermination,
    },
    settlements: {
      month1,
      month3,
      month4,
      month5Held,
      month5Recorded: month5Recorded.data,
      month5ReportSubmitted,
      month5Released,
      month8,
      month12,
      visitsMonth5,
    },
    invoices: {
      month1: invoice1,
      month1Again: invoice1Again,
      wrongPrice,
      aboveAllowance,
      fullAllowance,
      month5Held: month5Invoice,
      visitsAboveAllowance,
      allVisits,
      afterTermination,
      visitsAfterTermination,
    },
    heldInstalments,
  };
}
