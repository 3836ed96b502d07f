import type { XmlDocument } from './libxml2-types';
import { UBL_NAMESPACES } from './namespaces';
import { refuse } from './refusal';
import { libxml2, safeParseOptions } from './xml-engine';

/** The largest document accepted by default: an invoice of 100 lines is well under 200 KiB. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

/** The UBL documents the product receives. */
export type ReceivedDocumentType = 'Invoice' | 'CreditNote';

const ROOTS: Readonly<Record<ReceivedDocumentType, string>> = {
  Invoice: UBL_NAMESPACES.invoice,
  CreditNote: UBL_NAMESPACES.creditNote,
};

// A DTD is where entity declarations (XXE, "billion laughs") live; an OIOUBL document never has one.
const FORBIDDEN_MARKUP = /<!(?:DOCTYPE|ENTITY|ATTLIST|ELEMENT|NOTATION)/i;
const XML_DECLARATION = /^<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

/** A parsed received document; its owner disposes it. */
export interface ParsedDocument {
  readonly type: ReceivedDocumentType;
  readonly document: XmlDocument;
}

/**
 * Parses a received document safely: bounded size; UTF-8 only; any DTD or entity declaration refused before the
 * parser sees it; no network, no external entities, no entity expansion; the root must be a UBL 2.1 Invoice or
 * CreditNote in its own namespace.
 * @throws OioublRefusal `DOCUMENT_TOO_LARGE`, `XML_MALFORMED`, `XML_FORBIDDEN_CONSTRUCT`, `WRONG_DOCUMENT_TYPE`.
 */
export async function parseReceivedDocument(
  bytes: Uint8Array,
  maxBytes: number = DEFAULT_MAX_DOCUMENT_BYTES,
): Promise<ParsedDocument> {
  if (bytes.byteLength > maxBytes) {
    refuse('DOCUMENT_TOO_LARGE', 'the document is larger than accepted', { maxBytes });
  }
  const text = decodeUtf8(bytes);
  if (FORBIDDEN_MARKUP.test(text)) {
    refuse(
      'XML_FORBIDDEN_CONSTRUCT',
      'the document has a DTD or entity declarations, which are not accepted',
    );
  }
  const declaredEncoding = XML_DECLARATION.exec(text)?.[1];
  if (declaredEncoding !== undefined && !/^utf-?8$/i.test(declaredEncoding)) {
    refuse('XML_MALFORMED', 'the document must be encoded in UTF-8', { reason: 'encoding' });
  }
  const module = await libxml2();
  let document: XmlDocument;
  try {
    document = module.XmlDocument.fromString(text, { option: safeParseOptions(module) });
  } catch {
    // libxml2's message quotes the input: it is dropped, never passed on.
    return refuse('XML_MALFORMED', 'the document is not well-formed XML');
  }
  const root = document.root;
  const type = (Object.keys(ROOTS) as ReceivedDocumentType[]).find(
    (candidate) => root.name === candidate && root.namespaceUri === ROOTS[candidate],
  );
  if (type === undefined) {
    document.dispose();
    return refuse(
      'WRONG_DOCUMENT_TYPE',
      'the document is not a UBL 2.1 Invoice or CreditNote in the UBL namespace',
    );
  }
  return { type, document };
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return refuse('XML_MALFORMED', 'the document is not valid UTF-8', { reason: 'encoding' });
  }
}
