import type { JsonSchema } from '../operation';
import {
  AGREEMENT_KINDS,
  AGREEMENT_STATUSES,
  CERT_ID_MAX_LENGTH,
  DocumentHash,
  Id,
  INVOICE_REJECTION_REASONS,
  INVOICE_STATES,
  IsoDate,
  IsoMonth,
  MAX_GRACE_DAYS,
  MAX_RENEWAL_WINDOW_DAYS,
  MUNICIPAL_ROLES,
  Ore,
  Quantity,
  RELEASE_EVENTS,
  SERVICE_LINE_KINDS,
  TERMINATION_CAUSES,
  TERMINATION_MODES,
  VersionNumberSchema,
} from '@fabric-agreements/api';
import { documentComponents } from './transaction-schemas';
import {
  arrayOf,
  integer,
  nullable,
  openObject,
  ref,
  strictObject,
  stringEnum,
  withDescription,
} from './schema-builders';

/** The scalars the package's schemas are built from, for the REST-only shapes and the routes' parameters. */
export const ID: JsonSchema = Id();
export const MSP_ID: JsonSchema = Id('MSP id of an organisation, e.g. "PlacementSiteMSP".');
export const CHILD_PSEUDONYM: JsonSchema = Id("The child's keyed pseudonym (never a CPR number or a name).");
export const DATE: JsonSchema = IsoDate();
export const MONTH: JsonSchema = IsoMonth();
export const TIMESTAMP: JsonSchema = { type: 'string', format: 'date-time' };
export const ORE: JsonSchema = Ore(0);
export const POSITIVE_ORE: JsonSchema = Ore(1);
export const QUANTITY: JsonSchema = Quantity();
export const VERSION_NUMBER: JsonSchema = VersionNumberSchema;
export const DOCUMENT_HASH: JsonSchema = DocumentHash();
export const PURPOSE_CODE: JsonSchema = {
  type: 'string',
  pattern: '^[a-z][a-z0-9_]{2,39}$',
  description: 'A code, not free text: 3–40 characters a-z, 0-9, _ (e.g. case_handling).',
};
const CERT_ID: JsonSchema = {
  type: 'string',
  maxLength: CERT_ID_MAX_LENGTH,
  description: 'sha256:<hex> of the signer certificate id.',
};

/** Who it was: the certificate's subject CN, which every block's creator certificate carries anyway. */
const ENROLLMENT_ID: JsonSchema = {
  type: 'string',
  description: "The person's login (certificate CN); absent on records written before it was recorded.",
};

const SIGNATURE = openObject(
  {
    certId: CERT_ID,
    mspId: MSP_ID,
    role: { type: 'string' },
    enrollmentId: ENROLLMENT_ID,
    side: stringEnum(['municipality', 'provider']),
    agreementVersion: VERSION_NUMBER,
    signedAt: TIMESTAMP,
    delegationRuleVersion: VERSION_NUMBER,
  },
  ['certId', 'mspId', 'role', 'side', 'agreementVersion', 'signedAt'],
);

const HELD_BY = openObject(
  {
    obligationId: ID,
    periodNumber: integer(1),
    dueDate: DATE,
    heldFrom: withDescription(DATE, 'First day of the hold: the due date plus the grace period, plus one.'),
  },
  ['obligationId', 'periodNumber', 'dueDate', 'heldFrom'],
  'A status report whose absence holds the instalment: which report, due when, holding since when.',
);

const PAGE = (item: JsonSchema): JsonSchema =>
  openObject(
    {
      items: arrayOf(item),
      count: integer(0),
      bookmark: nullable({ type: 'string' }),
    },
    ['items', 'count', 'bookmark'],
    'One page; pass `bookmark` back to get the next one (null: no more).',
  );

export const WRITE_RESULT = (data: JsonSchema): JsonSchema =>
  openObject(
    {
      transactionId: { type: 'string', description: 'The Fabric transaction that made the change.' },
      blockNumber: {
        type: 'string',
        pattern: '^[0-9]+$',
        description: 'Block the transaction committed in.',
      },
      data,
    },
    ['transactionId', 'blockNumber', 'data'],
  );

/**
 * The component schemas of the OpenAPI document: the transactions' inputs from `@fabric-agreements/api`
 * (transaction-schemas.ts), and the REST API's own shapes — envelopes, pages, problem details, answers.
 */
export const COMPONENT_SCHEMAS: Readonly<Record<string, JsonSchema>> = documentComponents({
  Problem: openObject(
    {
      type: { type: 'string' },
      title: { type: 'string' },
      status: integer(400, 599),
      code: {
        type: 'string',
        description: 'Stable error code; see the error catalogue in the API description.',
      },
      detail: { type: 'string' },
      details: {
        type: 'object',
        description: 'Facts about the error (field names, ids); never personal data.',
      },
      requestId: { type: 'string' },
      transactionId: { type: 'string' },
    },
    ['type', 'title', 'status', 'code', 'detail', 'details'],
    'RFC 9457 problem details with a stable `code`.',
  ),
  Obligation: openObject(
    {
      id: ID,
      kind: stringEnum(['status_report']),
      everyMonths: integer(1, 12),
      obligatedSide: stringEnum(['municipality', 'provider']),
      gatedLineKinds: arrayOf(stringEnum(SERVICE_LINE_KINDS)),
      graceDays: integer(
        0,
        MAX_GRACE_DAYS,
        'A missing report holds from the day after its due date plus these days.',
      ),
      releasedBy: stringEnum(
        RELEASE_EVENTS,
        "What ends the hold: the report's submission or its acceptance.",
      ),
    },
    ['id', 'kind', 'everyMonths', 'obligatedSide', 'gatedLineKinds'],
    'An obligation of the agreement (a status report every N months), with its agreed terms.',
  ),
  Agreement: openObject(
    {
      id: ID,
      kind: stringEnum(AGREEMENT_KINDS),
      templateVersion: integer(1),
      municipalityMspId: MSP_ID,
      providerMspId: MSP_ID,
      childPseudonym: CHILD_PSEUDONYM,
      startDate: DATE,
      relatedAgreementIds: arrayOf(ID),
      obligations: arrayOf(ref('Obligation')),
      status: stringEnum(AGREEMENT_STATUSES),
      versions: arrayOf(
        openObject(
          {
            number: VERSION_NUMBER,
            state: stringEnum(['draft', 'awaiting_signatures', 'agreed', 'withdrawn']),
            effectiveFrom: DATE,
            terms: openObject({ expectedEndDate: DATE, lines: arrayOf(ref('ServiceLine')) }, ['lines']),
            changes: arrayOf({ type: 'object' }),
            proposedBy: stringEnum(['municipality', 'provider']),
            proposedAt: TIMESTAMP,
            signatures: arrayOf(SIGNATURE),
            agreedAt: TIMESTAMP,
            withdrawnAt: TIMESTAMP,
          },
          ['number', 'state', 'effectiveFrom', 'terms', 'signatures'],
        ),
      ),
      terminations: arrayOf(
        openObject(
          {
            number: integer(1),
            state: stringEnum(['proposed', 'agreed', 'withdrawn']),
            mode: {
              ...stringEnum(TERMINATION_MODES),
              description:
                '`notice`: by the municipality alone. Absent on terminations older than notice: mutual.',
            },
            effectiveDate: withDescription(
              DATE,
              'Last day in force. A notice: the requested date until notice is given, then the one that applies.',
            ),
            requestedDate: withDescription(DATE, 'A notice: the date the proposal asked for.'),
            noticeGivenOn: withDescription(DATE, "A notice: the day the municipality's side completed."),
            noticePeriodEnd: withDescription(
              DATE,
              'A notice: the end of the notice period counted from that day.',
            ),
            cause: stringEnum(TERMINATION_CAUSES),
            causeAgreementId: withDescription(
              ID,
              'A cascaded termination: the agreement whose end ended this one.',
            ),
            proposedBy: stringEnum(['municipality', 'provider']),
            proposedAt: TIMESTAMP,
            signatures: arrayOf(SIGNATURE),
            agreedAt: TIMESTAMP,
            withdrawnAt: TIMESTAMP,
          },
          ['number', 'state', 'effectiveDate', 'cause', 'signatures'],
        ),
      ),
      noticePeriod: ref('NoticePeriod'),
      renewalWindowDays: integer(
        0,
        MAX_RENEWAL_WINDOW_DAYS,
        'Days a renewal stays possible after the last re-evaluation date (or the activation, if later).',
      ),
      activatedAt: TIMESTAMP,
      activatedOn: withDescription(DATE, 'The day (Danish time) the agreement became active.'),
      createdAt: TIMESTAMP,
      updatedAt: TIMESTAMP,
    },
    ['id', 'kind', 'municipalityMspId', 'providerMspId', 'childPseudonym', 'startDate', 'status', 'versions'],
    'An agreement with every version and signature; the child appears by pseudonym only.',
  ),
  AgreementPage: PAGE(ref('Agreement')),
  AgreementHistory: arrayOf(
    openObject(
      {
        txId: { type: 'string' },
        timestamp: TIMESTAMP,
        isDelete: { type: 'boolean' },
        agreement: { type: 'object' },
      },
      ['txId', 'timestamp', 'isDelete'],
    ),
  ),
  AgreementWrite: WRITE_RESULT(ref('Agreement')),
  PaymentRecord: strictObject(
    {
      reference: withDescription(ID, "The municipality's payment reference."),
      paidOn: withDescription(DATE, 'The day the payment was made.'),
    },
    ['reference', 'paidOn'],
  ),
  AttestationRule: strictObject(
    {
      roles: arrayOf(stringEnum(MUNICIPAL_ROLES), { minItems: 1, maxItems: MUNICIPAL_ROLES.length }),
      autoAttestBelow: withDescription(
        POSITIVE_ORE,
        'A fully accepted invoice whose approved total is below this is attested on validation.',
      ),
    },
    ['roles'],
  ),
  StatusReport: openObject(
    {
      agreementId: ID,
      obligationId: ID,
      periodNumber: integer(1),
      periodStart: DATE,
      periodEnd: DATE,
      dueDate: DATE,
      versions: arrayOf(
        openObject(
          {
            version: VERSION_NUMBER,
            documentHash: DOCUMENT_HASH,
            submittedAt: TIMESTAMP,
            submittedBy: withDescription(CERT_ID, 'The submitter.'),
            correction: { type: 'boolean', description: 'Submitted after an earlier version was accepted.' },
          },
          ['version', 'documentHash', 'submittedAt'],
        ),
      ),
      acceptances: arrayOf(
        openObject(
          {
            version: VERSION_NUMBER,
            acceptedAt: TIMESTAMP,
            acceptedBy: withDescription(CERT_ID, 'The caseworker who accepted it.'),
          },
          ['version'],
        ),
      ),
    },
    ['agreementId', 'obligationId', 'periodNumber', 'dueDate', 'versions', 'acceptances'],
  ),
  StatusReportWrite: WRITE_RESULT(ref('StatusReport')),
  Settlement: openObject(
    {
      agreementId: ID,
      month: MONTH,
      daysInMonth: integer(28, 31),
      asOf: TIMESTAMP,
      settledAt: withDescription(
        TIMESTAMP,
        'When the month was first recorded (until then, asOf): the reports missing then hold it.',
      ),
      settledOn: DATE,
      lines: arrayOf(
        openObject(
          {
            serviceLineId: ID,
            kind: stringEnum(SERVICE_LINE_KINDS),
            pricing: stringEnum(['monthly', 'per_unit']),
            basis: stringEnum(['prorated', 'allowance', 'invoiced']),
            activeDays: integer(0, 31),
            unitPrice: withDescription(ORE, 'Per-unit lines: the unit price in force.'),
            allowedQuantity: {
              type: 'number',
              minimum: 0,
              description:
                'Per-unit lines: the agreed quantity (or scheduled occurrences) for the active days, rounded down to two decimals.',
            },
            due: ORE,
            held: ORE,
            payable: ORE,
            heldDays: integer(
              0,
              31,
              'The active days when the line is held (a hold takes the whole month), else 0.',
            ),
            heldBy: arrayOf(HELD_BY),
          },
          ['serviceLineId', 'due', 'held', 'payable'],
        ),
      ),
      totals: openObject({ due: ORE, held: ORE, payable: ORE }, ['due', 'held', 'payable']),
    },
    ['agreementId', 'month', 'lines', 'totals'],
    "A month's amounts per line: due, held by a missing status report, payable.",
  ),
  SettlementView: openObject(
    {
      settlement: ref('Settlement'),
      recorded: nullable(ref('SettlementRecord')),
    },
    ['settlement', 'recorded'],
    'The settlement computed now, and the one recorded on the ledger (if any).',
  ),
  SettlementRecord: openObject(
    {
      agreementId: ID,
      month: MONTH,
      revision: integer(1),
      settlement: ref('Settlement'),
      recordedAt: TIMESTAMP,
      recordedBy: CERT_ID,
    },
    ['month', 'revision', 'settlement'],
    'A recorded settlement; a later recording that changes the figures is the next revision.',
  ),
  SettlementWrite: WRITE_RESULT(ref('SettlementRecord')),
  InvoiceRecord: openObject(
    {
      agreementId: ID,
      invoiceId: ID,
      state: {
        ...stringEnum(INVOICE_STATES),
        description:
          '`rejected` (no line accepted), `validated` (awaiting attestation), `approved` (attested), `paid`.',
      },
      attestation: openObject(
        {
          automatic: { type: 'boolean', description: "Attested on validation under the rule's amount." },
          certId: withDescription(CERT_ID, 'The attester (absent when automatic).'),
          role: stringEnum(MUNICIPAL_ROLES),
          ruleVersion: VERSION_NUMBER,
          at: TIMESTAMP,
        },
        ['automatic', 'ruleVersion', 'at'],
        'Who attested the invoice, under which version of the attestation rule.',
      ),
      payment: openObject(
        {
          reference: ID,
          paidOn: DATE,
          amount: withDescription(ORE, 'The payable total less any credit.'),
          recordedBy: CERT_ID,
          recordedAt: TIMESTAMP,
        },
        ['reference', 'paidOn', 'amount', 'recordedBy', 'recordedAt'],
      ),
      credit: openObject(
        {
          terminationNumber: integer(1),
          effectiveDate: DATE,
          lines: arrayOf(
            openObject({ serviceLineId: ID, approved: ORE, stillDue: ORE, credit: ORE }, [
              'serviceLineId',
              'approved',
              'stillDue',
              'credit',
            ]),
          ),
          amount: withDescription(ORE, 'To credit (paid) or not to pay (approved).'),
          flaggedAt: TIMESTAMP,
        },
        ['terminationNumber', 'effectiveDate', 'lines', 'amount'],
        'What a termination dated back past the invoiced month takes back.',
      ),
      submittedBy: CERT_ID,
      input: { type: 'object', description: 'The invoice as submitted.' },
      validation: openObject(
        {
          invoiceId: ID,
          agreementId: ID,
          status: stringEnum(['accepted', 'partially_accepted', 'rejected']),
          month: MONTH,
          validatedAt: TIMESTAMP,
          lines: arrayOf(
            openObject(
              {
                serviceLineId: ID,
                status: stringEnum(['accepted', 'rejected']),
                reason: stringEnum(INVOICE_REJECTION_REASONS),
                quantity: QUANTITY,
                unitPrice: POSITIVE_ORE,
                claimed: ORE,
                approved: ORE,
                held: ORE,
                payable: ORE,
                heldBy: arrayOf(HELD_BY),
                expected: openObject(
                  { amount: ORE, unitPrice: ORE, allowedQuantity: { type: 'number', minimum: 0 } },
                  [],
                  'What the line should have said (a rejected line).',
                ),
              },
              ['serviceLineId', 'status', 'claimed', 'approved'],
            ),
          ),
          totals: openObject({ claimed: ORE, approved: ORE, held: ORE, payable: ORE }, [
            'claimed',
            'approved',
            'held',
            'payable',
          ]),
        },
        ['status', 'month', 'lines', 'totals'],
      ),
    },
    ['agreementId', 'invoiceId', 'validation'],
    'An invoice with its line-by-line validation result.',
  ),
  InvoiceWrite: WRITE_RESULT(ref('InvoiceRecord')),
  Deadline: openObject(
    {
      agreementId: ID,
      kind: stringEnum([
        'report_overdue',
        'report_due',
        'line_re_evaluation',
        'line_ends',
        'agreement_ends',
        'termination_effective',
      ]),
      date: DATE,
      serviceLineId: ID,
      obligationId: ID,
      periodNumber: integer(1),
    },
    ['agreementId', 'kind', 'date'],
  ),
  DeadlinePage: PAGE(ref('Deadline')),
  HeldInstalments: openObject(
    {
      instalments: arrayOf(
        openObject(
          {
            agreementId: ID,
            month: MONTH,
            serviceLineId: ID,
            held: ORE,
            heldBy: arrayOf(HELD_BY),
            settledAt: withDescription(TIMESTAMP, 'When the month was recorded; absent if not yet recorded.'),
          },
          ['agreementId', 'month', 'serviceLineId', 'held'],
        ),
      ),
      total: ORE,
    },
    ['instalments', 'total'],
  ),
  DeadlineRun: WRITE_RESULT(
    openObject(
      {
        agreementId: ID,
        status: stringEnum(AGREEMENT_STATUSES),
        overdueReports: arrayOf(HELD_BY),
        changed: { type: 'boolean' },
      },
      ['agreementId', 'status', 'changed'],
    ),
  ),
  ChildOverview: openObject(
    {
      childPseudonym: CHILD_PSEUDONYM,
      agreements: arrayOf(
        openObject(
          {
            agreement: ref('Agreement'),
            deadlines: arrayOf(ref('Deadline')),
            heldInstalments: ref('HeldInstalments'),
          },
          ['agreement', 'deadlines', 'heldInstalments'],
        ),
      ),
      heldTotal: ORE,
      truncated: { type: 'boolean', description: 'More agreements exist than the overview shows.' },
    },
    ['childPseudonym', 'agreements', 'heldTotal', 'truncated'],
    "The caseworker's view of one child: every agreement, its deadlines and held instalments.",
  ),
  PersonalDataWrite: WRITE_RESULT(
    openObject(
      {
        childPseudonym: CHILD_PSEUDONYM,
        accessId: { type: 'string' },
        collections: arrayOf({ type: 'string' }),
        fields: arrayOf({ type: 'string' }),
        warnings: arrayOf(
          openObject(
            {
              code: {
                type: 'string',
                description: 'e.g. `cpr_modulus_11`: accepted, but worth a second look.',
              },
              field: { type: 'string' },
              text: { type: 'string' },
            },
            ['code', 'field', 'text'],
          ),
        ),
      },
      ['childPseudonym', 'accessId', 'collections'],
    ),
  ),
  PersonalDataReadRequest: strictObject(
    { providerMspId: MSP_ID, purpose: PURPOSE_CODE },
    ['providerMspId', 'purpose'],
    'Why the data is read; the read is logged on the ledger before the data is returned.',
  ),
  PersonalDataRead: openObject(
    {
      childPseudonym: CHILD_PSEUDONYM,
      accessId: { type: 'string', description: 'The access-log entry this read was logged as.' },
      transactionId: { type: 'string' },
      child: { type: 'object' },
      municipal: { type: 'object' },
    },
    ['childPseudonym', 'accessId', 'transactionId'],
  ),
  PersonalDataStatus: openObject(
    {
      childPseudonym: CHILD_PSEUDONYM,
      collections: arrayOf(
        openObject(
          {
            collection: { type: 'string' },
            present: { type: 'boolean' },
            sha256: nullable({ type: 'string' }),
          },
          ['collection', 'present'],
        ),
      ),
    },
    ['childPseudonym', 'collections'],
  ),
  ErasureRequest: strictObject({ reason: PURPOSE_CODE }, ['reason'], 'Why the data is erased (a code).'),
  ErasureWrite: WRITE_RESULT(
    openObject(
      {
        childPseudonym: CHILD_PSEUDONYM,
        accessId: nullable({ type: 'string' }),
        collections: arrayOf({ type: 'string' }),
      },
      ['childPseudonym', 'collections'],
    ),
  ),
  GuardianBindingWrite: WRITE_RESULT(
    openObject({ guardianId: ID, childPseudonym: CHILD_PSEUDONYM, boundAt: TIMESTAMP, boundBy: CERT_ID }, [
      'guardianId',
      'childPseudonym',
      'boundAt',
      'boundBy',
    ]),
  ),
  AccessLogPage: PAGE(
    openObject(
      {
        accessId: { type: 'string' },
        childPseudonym: CHILD_PSEUDONYM,
        action: stringEnum(['write', 'read', 'erase']),
        at: TIMESTAMP,
        certId: CERT_ID,
        mspId: MSP_ID,
        role: { type: 'string' },
        enrollmentId: ENROLLMENT_ID,
        collections: arrayOf({ type: 'string' }),
        fields: arrayOf({ type: 'string' }),
        purpose: { type: 'string' },
      },
      ['accessId', 'action', 'at', 'certId', 'mspId', 'role', 'purpose'],
    ),
  ),
  Registry: openObject(
    {
      municipality: nullable({ type: 'object' }),
      providers: arrayOf({ type: 'object' }),
      delegationRule: nullable({ type: 'object' }),
      attestationRule: nullable(
        openObject(
          {
            municipalityMspId: MSP_ID,
            version: VERSION_NUMBER,
            roles: arrayOf(stringEnum(MUNICIPAL_ROLES)),
            autoAttestBelow: ORE,
            adoptedAt: TIMESTAMP,
          },
          ['roles', 'version'],
          'Who attests invoices (default: centre head or director) and the automatic-attestation amount.',
        ),
      ),
    },
    ['municipality', 'providers', 'delegationRule'],
    'Which organisation of the domain is the municipality and which are providers, and the delegation rule.',
  ),
  DelegationRuleWrite: WRITE_RESULT({ type: 'object' }),
  FabricIdentity: openObject(
    {
      mspId: MSP_ID,
      certId: CERT_ID,
      role: nullable({ type: 'string' }),
      isAdmin: { type: 'boolean' },
      organisationKind: nullable({ type: 'string' }),
    },
    ['mspId', 'certId'],
    'The caller as the chaincode sees them.',
  ),
  PseudonymRequest: strictObject(
    {
      cpr: {
        type: 'string',
        pattern: '^[0-9]{6}-?[0-9]{4}$',
        description:
          "The child's CPR number, DDMMYY-SSSS or ten digits: a real birth date (century from digit 7), age 0-22.",
      },
      purpose: withDescription(PURPOSE_CODE, 'Why the child is looked up (a code, e.g. case_handling).'),
    },
    ['cpr', 'purpose'],
    'The lookup is recorded on the ledger (who, when, why; never the CPR number) before the pseudonym is answered.',
  ),
  PseudonymLookupWrite: WRITE_RESULT(
    openObject(
      {
        lookupId: { type: 'string' },
        childPseudonym: CHILD_PSEUDONYM,
        at: TIMESTAMP,
        purpose: { type: 'string' },
      },
      ['lookupId', 'childPseudonym', 'at', 'purpose'],
    ),
  ),
  PseudonymLookupPage: PAGE(
    openObject(
      {
        lookupId: { type: 'string' },
        childPseudonym: CHILD_PSEUDONYM,
        at: TIMESTAMP,
        certId: CERT_ID,
        mspId: MSP_ID,
        role: { type: 'string' },
        purpose: { type: 'string' },
      },
      ['lookupId', 'childPseudonym', 'at', 'mspId', 'purpose'],
      'Who looked a child up by CPR number, when and why.',
    ),
  ),
});
