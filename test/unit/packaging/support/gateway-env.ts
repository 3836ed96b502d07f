import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Replaces every mounted-secret path in a container's environment (`/var/run/secrets/…`) by a file or folder made
 * under a scratch directory, so the gateway's own `loadConfig` can check the environment as the container would
 * see it. Folders for `*_DIR` variables; files of 32 random-looking bytes otherwise (the pseudonym key's minimum).
 */
export function withScratchSecrets(env: Readonly<Record<string, string>>): Record<string, string> {
  const scratch = mkdtempSync(join(tmpdir(), 'packaging-secrets-'));
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (!value.startsWith('/var/run/secrets/')) {
      result[name] = value;
      continue;
    }
    const local = join(scratch, value);
    if (name.endsWith('_DIR')) {
      mkdirSync(local, { recursive: true });
    } else {
      mkdirSync(dirname(local), { recursive: true });
      writeFileSync(local, 'k'.repeat(32));
    }
    result[name] = local;
  }
  return result;
}
