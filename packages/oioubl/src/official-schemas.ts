import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** Where the shipped schemas live, next to `src/` and `dist/` alike. */
export const SCHEMA_DIRECTORY = path.resolve(__dirname, '..', 'schemas');

/**
 * The environment variable naming a folder with the official OASIS UBL 2.1 schemas (its `maindoc/` and `common/`).
 * They are not in the repository: see schemas/SOURCE.md.
 */
export const UBL21_SCHEMAS_VARIABLE = 'OIOUBL_UBL21_SCHEMAS';

/** Where the official schemas are looked for when the variable is not set. */
const DROP_IN_DIRECTORY = path.join(SCHEMA_DIRECTORY, 'ubl-2.1');

/** The SHA-256 of each official file the product needs, as OASIS released it (schemas/ubl-2.1.sha256). */
const CHECKSUMS_FILE = path.join(SCHEMA_DIRECTORY, 'ubl-2.1.sha256');

/**
 * The folder of the official UBL 2.1 schemas to validate against, or undefined when there is none (the product's
 * profile schemas are used then). A folder that is named but does not hold exactly the released files is an error,
 * never a silent fallback.
 * @throws Error naming the folder and the first file missing or changed.
 */
export function officialSchemaDirectory(environment: NodeJS.ProcessEnv = process.env): string | undefined {
  const named = environment[UBL21_SCHEMAS_VARIABLE];
  const directory = named !== undefined && named !== '' ? path.resolve(named) : DROP_IN_DIRECTORY;
  if (named === undefined && !existsSync(directory)) {
    return undefined;
  }
  for (const [file, expected] of officialChecksums()) {
    const location = path.join(directory, file);
    if (!existsSync(location)) {
      throw new Error(`the UBL 2.1 schema folder ${directory} has no ${file}`);
    }
    const actual = createHash('sha256').update(readFileSync(location)).digest('hex');
    if (actual !== expected) {
      throw new Error(`${file} in ${directory} is not the file OASIS released (SHA-256 differs)`);
    }
  }
  return directory;
}

/** [relative path, SHA-256] of each official file, from schemas/ubl-2.1.sha256 (`sha256sum -c` format). */
export function officialChecksums(): readonly (readonly [string, string])[] {
  return readFileSync(CHECKSUMS_FILE, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [sha256 = '', file = ''] = line.trim().split(/\s+/);
      return [file, sha256] as const;
    });
}

/** The schema set a process validates against: the official UBL 2.1 schemas when found, else the profile schemas. */
export type SchemaSet =
  { readonly name: 'ubl-2.1'; readonly directory: string } | { readonly name: 'profile' };

let inUse: SchemaSet | undefined;

/** The schema set of this process, decided once (from {@link UBL21_SCHEMAS_VARIABLE} or the drop-in folder). */
export function schemaSetInUse(): SchemaSet {
  if (inUse === undefined) {
    const directory = officialSchemaDirectory();
    inUse = directory === undefined ? { name: 'profile' } : { name: 'ubl-2.1', directory };
  }
  return inUse;
}
