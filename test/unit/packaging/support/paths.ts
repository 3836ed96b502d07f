import { resolve } from 'node:path';

/** The repository root, from test/unit/packaging/support. */
export const ROOT = resolve(__dirname, '..', '..', '..', '..');

/** A path inside the repository. */
export function repoPath(...parts: readonly string[]): string {
  return resolve(ROOT, ...parts);
}
