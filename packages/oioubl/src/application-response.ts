import { UBL_NAMESPACES } from './namespaces';
import { isProductId } from './product-invoice';
import { lineRejectionExplanation, REFUSAL_EXPLANATIONS, type OioublResponseCode } from './reasons';
import type { ReceivedDocument } from './receive-document';
import type { OioublRefusal } from './refusal';
import type { UblIdentifier } from './ubl-document';

/**
 * The OIOUBL 2.1 ApplicationResponse the municipality sends back for every received document: accepted, or rejected
 * with the product's reason code (Response/ReferenceID) and a Danish explanation (Response/Description) — for the
 * document, and with one LineResponse per rejected line. Written as text in UBL 2.1's element order; the tests
 * validate it against the official UBL-ApplicationResponse-2.1.xsd where the machine has it, else the strict profile
 * response schema (schemas/SOURCE.md). Pure: ids, UUID and date come from the caller.
 */

/** A party of the answer, as the organisation registry holds it. */
export interface ResponseParty {
  /** GLN (13 digits) or CVR (8 digits). */
  readonly endpointId: string;
  readonly endpointScheme: 'GLN' | 'DK:CVR';
  readonly name: string;
  /** CVR, 8 digits. */
  readonly cvr: string;
}

/** The answer's own header. */
export interface ResponseHeader {
  /** The answer's ID (a product id). */
  readonly responseId: string;
  readonly uuid: string;
  /** ISO date. */
  readonly issueDate: string;
  /** The municipality. */
  readonly sender: ResponseParty;
  /** The provider. */
  readonly receiver: ResponseParty;
}

/**
 * What an answer needs of a received document: a {@link ReceivedDocument}, or the same facts as the ledger keeps
 * them (so an answer can be written again later without the document).
 */
export interface AnswerableDocument {
  readonly kind: ReceivedDocument['kind'];
  readonly documentId: string;
  readonly uuid?: string;
  readonly issueDate: string;
  readonly profileId: UblIdentifier;
  readonly lines: readonly { readonly documentLineId: string; readonly serviceLineId: string }[];
}

/** The chaincode's verdict on a received invoice, in the order of its lines (InvoiceValidation's shape). */
export interface InvoiceVerdict {
  readonly status: 'accepted' | 'partially_accepted' | 'rejected';
  readonly lines: readonly {
    readonly serviceLineId: string;
    readonly status: 'accepted' | 'rejected';
    readonly reason?: string;
  }[];
}

const DEFAULT_PROFILE: UblIdentifier = {
  value: 'urn:www.nesubl.eu:profiles:profile5:ver2.0',
  schemeID: 'urn:oioubl:id:profileid-1.2',
  schemeAgencyID: '320',
};
const SAFE_TOKEN = /^[A-Za-z0-9:._-]{1,100}$/;

/** Response/ReferenceID of the document response: what became of the document. */
const RESPONSE_REFERENCES: Readonly<Record<InvoiceVerdict['status'], string>> = {
  accepted: 'ACCEPTED',
  partially_accepted: 'PARTIALLY_ACCEPTED',
  rejected: 'REJECTED',
};

/** Response/Description of the document response, by the document's kind and what became of it. */
const DOCUMENT_DESCRIPTIONS: Readonly<
  Record<ReceivedDocument['kind'], Readonly<Record<InvoiceVerdict['status'], string>>>
> = {
  invoice: {
    accepted: 'Fakturaen er modtaget og godkendt mod aftalen.',
    partially_accepted:
      'Fakturaen er delvist afvist: de godkendte linjer betales, de afviste linjer (se linjesvarene) betales ikke.',
    rejected: 'Fakturaen er afvist: ingen linjer kunne godkendes mod aftalen (se linjesvarene).',
  },
  credit_note: {
    accepted: 'Kreditnotaen er modtaget.',
    partially_accepted:
      'Kreditnotaen er delvist afvist: de godkendte linjer modregnes, de afviste linjer (se linjesvarene) modregnes ikke.',
    rejected:
      'Kreditnotaen er afvist: ingen linjer kunne modregnes i den krediterede faktura (se linjesvarene).',
  },
};

/**
 * The answer to a received document the chaincode has judged (an invoice), or acknowledged (a credit note: no verdict).
 * @throws TypeError if the verdict's lines do not match the document's lines, or the header is not valid.
 */
export function answerReceived(
  header: ResponseHeader,
  received: AnswerableDocument,
  verdict?: InvoiceVerdict,
): string {
  const rejectedLines = verdict === undefined ? [] : rejectedLineResponses(received, verdict);
  const status = verdict?.status ?? 'accepted';
  const code: OioublResponseCode = status === 'accepted' ? 'BusinessAccept' : 'BusinessReject';
  const reference = RESPONSE_REFERENCES[status];
  const description = DOCUMENT_DESCRIPTIONS[received.kind][status];
  return applicationResponse(header, {
    profile: received.profileId,
    response: { reference, code, description },
    document: {
      id: received.documentId,
      ...(received.uuid !== undefined && SAFE_TOKEN.test(received.uuid) ? { uuid: received.uuid } : {}),
      ...(isIsoDate(received.issueDate) ? { issueDate: received.issueDate } : {}),
      type: received.kind === 'invoice' ? 'Invoice' : 'CreditNote',
    },
    lines: rejectedLines,
  });
}

/** The answer to a refused document: technical, profile or business rejection with the refusal's code. */
export function answerRefusal(header: ResponseHeader, refusal: OioublRefusal): string {
  const explanation = REFUSAL_EXPLANATIONS[refusal.code];
  const reference = refusal.reference ?? {};
  return applicationResponse(header, {
    profile: DEFAULT_PROFILE,
    response: { reference: refusal.code, code: explanation.response, description: explanation.da },
    document: {
      // A document whose ID cannot be read (or is not a product id) is named by its SHA-256.
      id: reference.id ?? `sha256:${refusal.documentSha256 ?? 'unknown'}`,
      ...(reference.uuid === undefined ? {} : { uuid: reference.uuid }),
      ...(reference.issueDate === undefined ? {} : { issueDate: reference.issueDate }),
      type: reference.type ?? 'Invoice',
    },
    lines: [],
  });
}

interface ResponseContent {
  readonly profile: UblIdentifier;
  readonly response: {
    readonly reference: string;
    readonly code: OioublResponseCode;
    readonly description: string;
  };
  readonly document: {
    readonly id: string;
    readonly uuid?: string;
    readonly issueDate?: string;
    readonly type: 'Invoice' | 'CreditNote';
  };
  readonly lines: readonly {
    readonly lineId: string;
    readonly reason: string;
    readonly description: string;
  }[];
}

function rejectedLineResponses(
  received: AnswerableDocument,
  verdict: InvoiceVerdict,
): ResponseContent['lines'] {
  if (
    verdict.lines.length !== received.lines.length ||
    verdict.lines.some((line, index) => line.serviceLineId !== received.lines[index]?.serviceLineId)
  ) {
    throw new TypeError("the verdict's lines are not the received document's lines");
  }
  return verdict.lines.flatMap((line, index) =>
    line.status === 'rejected'
      ? [
          {
            lineId: received.lines[index]?.documentLineId ?? String(index + 1),
            reason: line.reason ?? 'REJECTED',
            description: lineRejectionExplanation(line.reason).da,
          },
        ]
      : [],
  );
}

function applicationResponse(header: ResponseHeader, content: ResponseContent): string {
  checkHeader(header);
  const profile = SAFE_TOKEN.test(content.profile.value) ? content.profile : DEFAULT_PROFILE;
  const profileAttributes = [
    profile.schemeAgencyID === undefined ? '' : ` schemeAgencyID="${escape(profile.schemeAgencyID)}"`,
    profile.schemeID === undefined ? '' : ` schemeID="${escape(profile.schemeID)}"`,
  ].join('');
  const lines = content.lines.map(
    (line) =>
      `    <cac:LineResponse>\n` +
      `      <cac:LineReference>\n        <cbc:LineID>${escape(line.lineId)}</cbc:LineID>\n      </cac:LineReference>\n` +
      response(line.reason, 'BusinessReject', line.description, '      ') +
      `    </cac:LineResponse>\n`,
  );
  const document = content.document;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<ApplicationResponse xmlns="${UBL_NAMESPACES.applicationResponse}" xmlns:cac="${UBL_NAMESPACES.cac}" xmlns:cbc="${UBL_NAMESPACES.cbc}">\n` +
    `  <cbc:UBLVersionID>2.1</cbc:UBLVersionID>\n` +
    `  <cbc:CustomizationID>OIOUBL-2.1</cbc:CustomizationID>\n` +
    `  <cbc:ProfileID${profileAttributes}>${escape(profile.value)}</cbc:ProfileID>\n` +
    `  <cbc:ID>${escape(header.responseId)}</cbc:ID>\n` +
    `  <cbc:UUID>${escape(header.uuid)}</cbc:UUID>\n` +
    `  <cbc:IssueDate>${header.issueDate}</cbc:IssueDate>\n` +
    party('SenderParty', header.sender) +
    party('ReceiverParty', header.receiver) +
    `  <cac:DocumentResponse>\n` +
    response(content.response.reference, content.response.code, content.response.description, '    ') +
    `    <cac:DocumentReference>\n` +
    `      <cbc:ID>${escape(document.id)}</cbc:ID>\n` +
    (document.uuid === undefined ? '' : `      <cbc:UUID>${escape(document.uuid)}</cbc:UUID>\n`) +
    (document.issueDate === undefined ? '' : `      <cbc:IssueDate>${document.issueDate}</cbc:IssueDate>\n`) +
    `      <cbc:DocumentTypeCode listAgencyID="320" listID="urn:oioubl:codelist:responsedocumenttypecode-1.1">${document.type}</cbc:DocumentTypeCode>\n` +
    `    </cac:DocumentReference>\n` +
    lines.join('') +
    `  </cac:DocumentResponse>\n` +
    `</ApplicationResponse>\n`
  );
}

function response(reference: string, code: OioublResponseCode, description: string, indent: string): string {
  return (
    `${indent}<cac:Response>\n` +
    `${indent}  <cbc:ReferenceID>${escape(reference)}</cbc:ReferenceID>\n` +
    `${indent}  <cbc:ResponseCode listAgencyID="320" listID="urn:oioubl:codelist:responsecode-1.1">${code}</cbc:ResponseCode>\n` +
    `${indent}  <cbc:Description>${escape(description)}</cbc:Description>\n` +
    `${indent}</cac:Response>\n`
  );
}

function party(element: 'SenderParty' | 'ReceiverParty', value: ResponseParty): string {
  const endpoint = value.endpointScheme === 'DK:CVR' ? `DK${value.endpointId}` : value.endpointId;
  return (
    `  <cac:${element}>\n` +
    `    <cbc:EndpointID schemeID="${value.endpointScheme}">${endpoint}</cbc:EndpointID>\n` +
    `    <cac:PartyName>\n      <cbc:Name>${escape(value.name)}</cbc:Name>\n    </cac:PartyName>\n` +
    `    <cac:PartyLegalEntity>\n` +
    `      <cbc:RegistrationName>${escape(value.name)}</cbc:RegistrationName>\n` +
    `      <cbc:CompanyID schemeID="DK:CVR">DK${value.cvr}</cbc:CompanyID>\n` +
    `    </cac:PartyLegalEntity>\n` +
    `  </cac:${element}>\n`
  );
}

function checkHeader(header: ResponseHeader): void {
  const parties = [header.sender, header.receiver];
  const valid =
    isProductId(header.responseId) &&
    SAFE_TOKEN.test(header.uuid) &&
    isIsoDate(header.issueDate) &&
    parties.every(
      (value) =>
        /^\d{8}$/.test(value.cvr) &&
        (value.endpointScheme === 'GLN' ? /^\d{13}$/ : /^\d{8}$/).test(value.endpointId) &&
        value.name.trim().length > 0,
    );
  if (!valid) {
    throw new TypeError("the answer's header is not valid (id, UUID, ISO date, GLN/CVR, names)");
  }
}

function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
}

function escape(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
