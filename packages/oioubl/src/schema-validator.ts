import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { XmlDocument, XsdValidator } from './libxml2-types';
import { refuse } from './refusal';
import { libxml2, safeParseOptions, SCHEMA_DIRECTORY, type Libxml2Module } from './xml-engine';

/** The schemas shipped in `schemas/` (see schemas/SOURCE.md for what they are and where they come from). */
export const SCHEMA_ENTRY_POINTS = {
  Invoice: 'profile/inbound/invoice.xsd',
  CreditNote: 'profile/inbound/credit-note.xsd',
  ApplicationResponse: 'profile/response/application-response.xsd',
} as const;
export type SchemaName = keyof typeof SCHEMA_ENTRY_POINTS;

const compiled = new Map<SchemaName, Promise<XsdValidator>>();

/** The compiled validator for a schema, compiled once per process. */
export function schemaValidator(name: SchemaName): Promise<XsdValidator> {
  let validator = compiled.get(name);
  if (validator === undefined) {
    validator = libxml2().then((module) => compile(module, name));
    compiled.set(name, validator);
  }
  return validator;
}

/**
 * Loads libxml2 and compiles every shipped schema: the cold start (about a second) paid at start-up rather than by
 * the first document.
 */
export async function prepareSchemas(): Promise<void> {
  await Promise.all((Object.keys(SCHEMA_ENTRY_POINTS) as SchemaName[]).map((name) => schemaValidator(name)));
}

/**
 * Validates a received document against its schema.
 * @throws OioublRefusal `XML_SCHEMA_INVALID` (details: how many problems; never their text, which quotes the input).
 */
export async function requireSchemaValid(document: XmlDocument, name: SchemaName): Promise<void> {
  const validator = await schemaValidator(name);
  try {
    validator.validate(document);
  } catch (error) {
    const problems =
      typeof error === 'object' && error !== null && 'details' in error && Array.isArray(error.details)
        ? error.details.length
        : 1;
    refuse('XML_SCHEMA_INVALID', `the document does not follow the ${name} schema`, { problems });
  }
}

/**
 * Checks XML the product wrote itself (an ApplicationResponse) against its schema, with libxml2's messages: for tests
 * and for a self-check before sending.
 */
export async function schemaProblems(xml: string, name: SchemaName): Promise<readonly string[]> {
  const module = await libxml2();
  const validator = await schemaValidator(name);
  let document: XmlDocument | undefined;
  try {
    document = module.XmlDocument.fromString(xml, { option: safeParseOptions(module) });
    validator.validate(document);
    return [];
  } catch (error) {
    const details =
      typeof error === 'object' && error !== null && 'details' in error && Array.isArray(error.details)
        ? (error.details as readonly { message?: unknown }[])
        : [];
    return details.length > 0
      ? details.map((detail) => String(detail.message).trim())
      : [error instanceof Error ? error.message : 'invalid'];
  } finally {
    document?.dispose();
  }
}

function compile(module: Libxml2Module, name: SchemaName): XsdValidator {
  const file = path.join(SCHEMA_DIRECTORY, SCHEMA_ENTRY_POINTS[name]);
  // The schema document stays alive with its validator for the life of the process.
  const schema = module.XmlDocument.fromString(readFileSync(file, 'utf8'), {
    url: file,
    option: safeParseOptions(module),
  });
  return module.XsdValidator.fromDoc(schema);
}
