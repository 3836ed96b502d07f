import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** A Kubernetes object as written in a manifest, with the file it came from. */
export interface Manifest {
  readonly file: string;
  readonly object: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };
}

/** The kustomization of a folder: what `kubectl apply -k` reads. */
export interface Kustomization {
  readonly namespace: string;
  readonly resources: readonly string[];
  readonly [key: string]: unknown;
}

/** Every YAML document of every file a kustomization lists, parsed strictly (duplicate keys are errors). */
export function loadFolder(dir: string): { kustomization: Kustomization; manifests: readonly Manifest[] } {
  const kustomization = parseOne(join(dir, 'kustomization.yaml')) as Kustomization;
  const manifests: Manifest[] = [];
  for (const file of kustomization.resources) {
    for (const document of parseAllDocuments(readFileSync(join(dir, file), 'utf8'), { uniqueKeys: true })) {
      if (document.errors.length > 0) {
        throw new Error(`${file}: ${document.errors.map((error) => error.message).join('; ')}`);
      }
      const object = document.toJS() as Manifest['object'] | null;
      if (object !== null) {
        manifests.push({ file, object });
      }
    }
  }
  return { kustomization, manifests };
}

/** The YAML files of a folder. */
export function yamlFiles(dir: string): readonly string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml') || file.endsWith('.yml'))
    .sort();
}

function parseOne(file: string): unknown {
  const documents = parseAllDocuments(readFileSync(file, 'utf8'), { uniqueKeys: true });
  if (documents.length !== 1 || documents[0]!.errors.length > 0) {
    throw new Error(`${file}: expected one valid YAML document`);
  }
  return documents[0]!.toJS();
}
