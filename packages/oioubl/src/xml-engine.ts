import { closeSync, openSync, readSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Libxml2Module, ParseOption, XmlInputProvider } from './libxml2-types';
import { SCHEMA_DIRECTORY, schemaSetInUse } from './official-schemas';

export type { Libxml2Module } from './libxml2-types';

let loading: Promise<Libxml2Module> | undefined;

/**
 * Loads libxml2 once per process and lets it read `.xsd` files only inside the shipped schemas' folder and the
 * official UBL 2.1 schemas' folder (the schemas' imports); received documents never load anything: they are refused
 * if they have a DTD, and parsed without network or external entities.
 */
export function libxml2(): Promise<Libxml2Module> {
  // An ES module with top-level await: a real dynamic import (tsconfig module node16 keeps it one).
  loading ??= import('libxml2-wasm').then((module: Libxml2Module) => {
    const set = schemaSetInUse();
    module.xmlRegisterInputProvider(
      schemaFilesOnly(set.name === 'ubl-2.1' ? [SCHEMA_DIRECTORY, set.directory] : [SCHEMA_DIRECTORY]),
    );
    return module;
  });
  return loading;
}

/** The parse options for everything this package parses: no network, no external entities, no entity expansion. */
export function safeParseOptions(module: Libxml2Module): ParseOption {
  const options = module.ParseOption;
  return options.XML_PARSE_NONET | options.XML_PARSE_NO_XXE | options.XML_PARSE_NOERROR;
}

function schemaFilesOnly(directories: readonly string[]): XmlInputProvider {
  const roots = directories.map((directory) => realpathSync(directory) + path.sep);
  const open = new Map<number, number>();
  let nextHandle = 1;
  const resolve = (filename: string): string | undefined => {
    try {
      const file = realpathSync(filename.startsWith('file:') ? fileURLToPath(filename) : filename);
      return roots.some((root) => file.startsWith(root)) && file.endsWith('.xsd') ? file : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    match: (filename) => resolve(filename) !== undefined,
    open: (filename) => {
      const file = resolve(filename);
      if (file === undefined) {
        return undefined;
      }
      const handle = nextHandle++;
      open.set(handle, openSync(file, 'r'));
      return handle;
    },
    read: (handle, buffer) => {
      const fd = open.get(handle);
      return fd === undefined ? -1 : readSync(fd, buffer, 0, buffer.byteLength, null);
    },
    close: (handle) => {
      const fd = open.get(handle);
      open.delete(handle);
      if (fd !== undefined) {
        closeSync(fd);
      }
      return fd !== undefined;
    },
  };
}
