import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { XmlDocument, XsdValidator } from './libxml2-types';
import { UBL_NAMESPACES } from './namespaces';
import { SCHEMA_DIRECTORY, schemaSetInUse } from './official-schemas';
import { refuse } from './refusal';
import { libxml2, safeParseOptions, type Libxml2Module } from './xml-engine';

/**
 * The schema of each document in each set (see schemas/SOURCE.md): the official OASIS UBL 2.1 schemas, relative to
 * their folder (not in the repository), or the product's profile schemas shipped in `schemas/profile/`. OIOUBL's
 * profile is checked on top of either, in code (`profile-rules.ts` and the rules after it).
 */
export const SCHEMA_ENTRY_POINTS = {
  'ubl-2.1': {
    Invoice: 'maindoc/UBL-Invoice-2.1.xsd',
    CreditNote: 'maindoc/UBL-CreditNote-2.1.xsd',
    ApplicationResponse: 'maindoc/UBL-ApplicationResponse-2.1.xsd',
  },
  profile: {
    Invoice: 'profile/inbound/invoice.xsd',
    CreditNote: 'profile/inbound/credit-note.xsd',
    ApplicationResponse: 'profile/response/application-response.xsd',
  },
} as const;
export type SchemaName = keyof (typeof SCHEMA_ENTRY_POINTS)['profile'];
const SCHEMA_NAMES: readonly SchemaName[] = ['Invoice', 'CreditNote', 'ApplicationResponse'];

const ROOT_NAMESPACES: Readonly<Record<SchemaName, string>> = {
  Invoice: UBL_NAMESPACES.invoice,
  CreditNote: UBL_NAMESPACES.creditNote,
  ApplicationResponse: UBL_NAMESPACES.applicationResponse,
};

let compiled: Promise<(name: SchemaName) => XsdValidator> | undefined;

/** The compiled validators, compiled once per process. */
function validators(): Promise<(name: SchemaName) => XsdValidator> {
  compiled ??= libxml2().then(compile);
  return compiled;
}

/**
 * Loads libxml2 and compiles the schemas: the cold start (one to a few seconds for the official schemas on a loaded
 * 2-core machine) paid at start-up rather than by the first document.
 * @throws Error when a folder of official schemas is named but does not hold the released files.
 */
export async function prepareSchemas(): Promise<void> {
  await validators();
}

/**
 * Validates a received document against the schema of its type. The root is checked first: the official schemas are
 * compiled as one, so an Invoice is validated as an Invoice, and nothing else passes as one.
 * @throws OioublRefusal `XML_SCHEMA_INVALID` (details: how many problems; never their text, which quotes the input).
 */
export async function requireSchemaValid(document: XmlDocument, name: SchemaName): Promise<void> {
  const validator = (await validators())(name);
  if (!hasRoot(document, name)) {
    refuse('XML_SCHEMA_INVALID', `the document is not a UBL 2.1 ${name}`, { problems: 1 });
  }
  try {
    validator.validate(document);
  } catch (error) {
    refuse('XML_SCHEMA_INVALID', `the document does not follow the ${name} schema`, {
      problems: problemDetails(error).length || 1,
    });
  }
}

/**
 * Checks XML against the schema of a document, with libxml2's messages: for XML the product wrote itself (an
 * ApplicationResponse) and for tests. Empty when valid.
 */
export async function schemaProblems(xml: string, name: SchemaName): Promise<readonly string[]> {
  const module = await libxml2();
  const validator = (await validators())(name);
  let document: XmlDocument | undefined;
  try {
    document = module.XmlDocument.fromString(xml, { option: safeParseOptions(module) });
    if (!hasRoot(document, name)) {
      return [`the root element is not a UBL 2.1 ${name}`];
    }
    validator.validate(document);
    return [];
  } catch (error) {
    const details = problemDetails(error);
    return details.length > 0
      ? details.map((detail) => String(detail.message).trim())
      : [error instanceof Error ? error.message : 'invalid'];
  } finally {
    document?.dispose();
  }
}

function hasRoot(document: XmlDocument, name: SchemaName): boolean {
  return document.root.name === name && document.root.namespaceUri === ROOT_NAMESPACES[name];
}

function problemDetails(error: unknown): readonly { message?: unknown }[] {
  return typeof error === 'object' && error !== null && 'details' in error && Array.isArray(error.details)
    ? (error.details as readonly { message?: unknown }[])
    : [];
}

function compile(module: Libxml2Module): (name: SchemaName) => XsdValidator {
  const set = schemaSetInUse();
  if (set.name === 'ubl-2.1') {
    // One schema of ours that only imports the three official documents: UBL's common components (a 2.4 MB
    // aggregate module among them) are compiled once, not three times. Its URL puts it in the official folder, so
    // the imports resolve there.
    const imports = SCHEMA_NAMES.map(
      (name) =>
        `<xsd:import namespace="${ROOT_NAMESPACES[name]}" schemaLocation="${SCHEMA_ENTRY_POINTS['ubl-2.1'][name]}"/>`,
    ).join('');
    const schema =
      '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"' +
      ` targetNamespace="urn:fabric-agreements:oioubl:ubl-2.1-documents">${imports}</xsd:schema>`;
    const validator = fromText(module, schema, path.join(set.directory, 'ubl-2.1-documents.xsd'));
    return () => validator;
  }
  const profile: Record<SchemaName, XsdValidator> = {
    Invoice: fromProfileFile(module, 'Invoice'),
    CreditNote: fromProfileFile(module, 'CreditNote'),
    ApplicationResponse: fromProfileFile(module, 'ApplicationResponse'),
  };
  return (name) => profile[name];
}

function fromProfileFile(module: Libxml2Module, name: SchemaName): XsdValidator {
  const file = path.join(SCHEMA_DIRECTORY, SCHEMA_ENTRY_POINTS.profile[name]);
  return fromText(module, readFileSync(file, 'utf8'), file);
}

function fromText(module: Libxml2Module, text: string, url: string): XsdValidator {
  // The schema document stays alive with its validator for the life of the process.
  const schema = module.XmlDocument.fromString(text, { url, option: safeParseOptions(module) });
  return module.XsdValidator.fromDoc(schema);
}
