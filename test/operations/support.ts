/**
 * What the operations tests share: the network's and gateways' scripts run as an operator runs them, `status` read
 * back as rows, the gateways' data directories and a fingerprint of their files, and waiting for a condition.
 */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');

/** The network these tests act on: its home (FABRIC_AGREEMENTS_HOME), default the repository's `.fabric`. */
export interface NetworkHandle {
  readonly home: string;
}

export const DEFAULT_NETWORK: NetworkHandle = {
  home: process.env.FABRIC_AGREEMENTS_HOME ?? join(ROOT, '.fabric'),
};

function scriptEnv(network: NetworkHandle): NodeJS.ProcessEnv {
  return { ...process.env, FABRIC_AGREEMENTS_HOME: network.home };
}

/** Runs `scripts/<script>` with `args`, as the operator would; returns its standard output. */
export function script(network: NetworkHandle, name: string, ...args: string[]): string {
  return execFileSync('bash', [join(ROOT, 'scripts', name), ...args], {
    env: scriptEnv(network),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** `script` timed, in seconds. */
export function timed(network: NetworkHandle, name: string, ...args: string[]): number {
  const started = Date.now();
  script(network, name, ...args);
  return (Date.now() - started) / 1000;
}

/** One process row of `network.sh status`. */
export interface ProcessRow {
  readonly name: string;
  readonly pid: string;
  readonly state: string;
  readonly restarts: number;
}

/** The process table `network.sh status` prints. */
export function processes(network: NetworkHandle): ProcessRow[] {
  const out = script(network, 'network.sh', 'status');
  const table = out.split('\n\n')[0] ?? '';
  return table
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [name = '', pid = '', state = '', restarts = '0'] = line.trim().split(/\s+/);
      return { name, pid, state, restarts: Number(restarts) };
    });
}

export function processNamed(network: NetworkHandle, name: string): ProcessRow {
  const row = processes(network).find((candidate) => candidate.name === name);
  expect(row, `${name} in network.sh status`).not.to.equal(undefined);
  return row!;
}

/** The wallet and state directories `gateway.sh env ORG` gives an organisation's gateway. */
export function gatewayDirs(network: NetworkHandle, org: string): { wallet: string; state: string } {
  const out = script(network, 'gateway.sh', 'env', org);
  const value = (name: string): string => {
    const match = new RegExp(`^export ${name}='([^']*)'$`, 'm').exec(out);
    expect(match, name).not.to.equal(null);
    return match![1]!;
  };
  return { wallet: value('GATEWAY_WALLET_DIR'), state: value('GATEWAY_STATE_DIR') };
}

/** Every file under `dir` with a hash of its content: what must survive a stop and start unchanged. */
export function fileDigests(dir: string): Map<string, string> {
  const digests = new Map<string, string>();
  const walk = (current: string): void => {
    for (const entry of readdirSync(current)) {
      const path = join(current, entry);
      if (statSync(path).isDirectory()) walk(path);
      else digests.set(path, createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(dir);
  return digests;
}

/** The pid file of one of the network's processes. */
export function pidOf(network: NetworkHandle, name: string): number {
  return Number(readFileSync(join(network.home, 'pids', `${name}.pid`), 'utf8').trim());
}

/** Polls `check` until it returns a value other than `undefined`, or fails after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${what}: not within ${timeoutMs} ms${last instanceof Error ? `; last error ${last.message}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
