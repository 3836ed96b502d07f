/**
 * Reading OIOUBL documents in the browser, for display only: the ApplicationResponse the gateway answered with (its
 * verdict, and one response per rejected line), and the lines of the provider's own document (to name them). The
 * gateway has judged the document; nothing here decides anything. Elements are found by local name, so a prefix
 * or default namespace makes no difference.
 */

/** One `cac:Response`: the product's code (`ReferenceID`), the OIOUBL response code and the Danish explanation. */
export interface ResponseEntry {
  readonly reference: string;
  readonly code: string;
  readonly description: string;
}

/** An ApplicationResponse as the screens show it. */
export interface ApplicationResponseView {
  readonly id: string;
  readonly issueDate: string;
  readonly documentId: string;
  readonly documentType: string;
  readonly response: ResponseEntry;
  readonly lines: readonly (ResponseEntry & { readonly lineId: string })[];
}

/** One line of an OIOUBL Invoice or CreditNote. */
export interface DocumentLine {
  readonly lineId: string;
  readonly item: string;
  readonly name: string;
  readonly amount: string;
}

/** The product's `ReferenceID` of a document response when the document was judged against the agreement. */
export const JUDGED_REFERENCES = ['ACCEPTED', 'PARTIALLY_ACCEPTED', 'REJECTED'] as const;
export type JudgedReference = (typeof JUDGED_REFERENCES)[number];

function parse(xml: string): Document | undefined {
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  return document.getElementsByTagName('parsererror').length > 0 ? undefined : document;
}

function children(parent: Element, name: string): Element[] {
  return [...parent.children].filter((child) => child.localName === name);
}

function text(parent: Element | undefined, ...path: string[]): string {
  let current = parent;
  for (const name of path) {
    current = current === undefined ? undefined : children(current, name)[0];
  }
  return current?.textContent.trim() ?? '';
}

function responseOf(element: Element | undefined): ResponseEntry {
  return {
    reference: text(element, 'Response', 'ReferenceID'),
    code: text(element, 'Response', 'ResponseCode'),
    description: text(element, 'Response', 'Description'),
  };
}

/** The answer's verdict and line responses; `undefined` when the text is not an ApplicationResponse. */
export function readApplicationResponse(xml: string): ApplicationResponseView | undefined {
  const root = parse(xml)?.documentElement;
  if (root?.localName !== 'ApplicationResponse') return undefined;
  const documentResponse = children(root, 'DocumentResponse')[0];
  return {
    id: text(root, 'ID'),
    issueDate: text(root, 'IssueDate'),
    documentId: text(documentResponse, 'DocumentReference', 'ID'),
    documentType: text(documentResponse, 'DocumentReference', 'DocumentTypeCode'),
    response: responseOf(documentResponse),
    lines: (documentResponse === undefined ? [] : children(documentResponse, 'LineResponse')).map((line) => ({
      lineId: text(line, 'LineReference', 'LineID'),
      ...responseOf(line),
    })),
  };
}

/** The lines of an OIOUBL Invoice or CreditNote (empty when the text is neither, or not XML). */
export function readDocumentLines(xml: string): DocumentLine[] {
  const root = parse(xml)?.documentElement;
  if (root === undefined) return [];
  const lines = [...children(root, 'InvoiceLine'), ...children(root, 'CreditNoteLine')];
  return lines.map((line) => ({
    lineId: text(line, 'ID'),
    item: text(line, 'Item', 'SellersItemIdentification', 'ID'),
    name: text(line, 'Item', 'Name'),
    amount: text(line, 'LineExtensionAmount'),
  }));
}

/** The verdict when the answer took the document in (wholly, in part or judged it rejected); `undefined` if refused. */
export function judgedReference(view: ApplicationResponseView): JudgedReference | undefined {
  return JUDGED_REFERENCES.find((reference) => reference === view.response.reference);
}
