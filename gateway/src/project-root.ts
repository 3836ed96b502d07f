import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The repository root: the nearest ancestor of `from` whose package.json declares npm workspaces. Works from
 * `src/` (tsx) and from `dist/` alike. Returns `undefined` when the gateway runs outside the repository.
 */
export function findProjectRoot(from: string = __dirname): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { workspaces?: unknown };
        if (Array.isArray(parsed.workspaces)) {
          return dir;
        }
      } catch {
        // Not a readable manifest; keep climbing.
      }
    }
    if (path.dirname(dir) === dir) {
      return undefined;
    }
  }
}
