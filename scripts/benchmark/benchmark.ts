/**
 * Throughput, latency, failures and CPU of the agreements chaincode's write (draft an agreement) and read (get one),
 * through the municipality's REST gateway and straight through @hyperledger/fabric-gateway, each as a ratio to a
 * reference measured in the same run: a put-one-key TypeScript contract (`benchmark/reference-chaincode`) deployed
 * on the same channel with the same endorsement policy and endorsed by the same two organisations. Not a test: it
 * prints tables (docs/benchmark.md says how to read them).
 *
 *   npm run bench                                   # defaults: 1,8,32,128 workers, 10 s each after 2 s warm-up
 *   npm run bench -- --concurrency 8,64 --rounds 3 --scenarios direct-write,reference-write
 *
 * Flags (or environment): --duration s (BENCH_DURATION_S), --warmup s (BENCH_WARMUP_S), --concurrency list
 * (BENCH_CONCURRENCY), --rounds n (BENCH_ROUNDS), --scenarios list (BENCH_SCENARIOS), --gateway URL
 * (BENCH_GATEWAY_URL), --issuer URL (DEV_OIDC_ISSUER), BENCH_REFERENCE_CHAINCODE (`reference`). Scenarios run
 * interleaved — every round runs each concurrency's scenarios back to back, reference first — so that load from
 * elsewhere on the machine falls on subject and reference alike. The gateway's rate limit (6000 a minute per
 * client address by default) is below what the read scenarios send; run the gateway with a higher one first:
 *
 *   GATEWAY_RATE_LIMIT_PER_MINUTE=1000000 bash scripts/gateway.sh restart municipality
 *
 * Every write drafts a new agreement (ids `bench-rest-…`, `bench-direct-…`) or puts a new reference key.
 */
import { parseArgs } from 'node:util';
import * as path from 'node:path';
import { cpuSpent, sampleCpu } from './cpu';
import { runLoad, type Operation, type RunResult } from './load';
import { DirectTarget, HttpFailure, RestTarget, ROOT } from './targets';

const SCENARIOS = [
  'reference-write',
  'direct-write',
  'rest-write',
  'reference-read',
  'direct-read',
  'rest-read',
] as const;
type Scenario = (typeof SCENARIOS)[number];
/** What each scenario is compared with. */
const REFERENCE: Readonly<Record<Scenario, Scenario>> = {
  'reference-write': 'reference-write',
  'direct-write': 'reference-write',
  'rest-write': 'direct-write',
  'reference-read': 'reference-read',
  'direct-read': 'reference-read',
  'rest-read': 'direct-read',
};

interface Settings {
  readonly durationMs: number;
  readonly warmupMs: number;
  readonly concurrency: readonly number[];
  readonly rounds: number;
  readonly scenarios: readonly Scenario[];
  readonly gatewayUrl: string;
  readonly issuer: string;
  readonly domain: string;
  readonly reference: string;
}

/** Each flag's environment variable, used when the flag is not given, and its default. */
const FLAGS = {
  duration: { env: 'BENCH_DURATION_S', default: '10' },
  warmup: { env: 'BENCH_WARMUP_S', default: '2' },
  concurrency: { env: 'BENCH_CONCURRENCY', default: '1,8,32,128' },
  rounds: { env: 'BENCH_ROUNDS', default: '1' },
  scenarios: { env: 'BENCH_SCENARIOS', default: SCENARIOS.join(',') },
  gateway: { env: 'BENCH_GATEWAY_URL', default: 'http://localhost:3000' },
  issuer: { env: 'DEV_OIDC_ISSUER', default: 'http://localhost:4000' },
} as const;
type Flag = keyof typeof FLAGS;

function settings(): Settings {
  const given = flagValues();
  const value = (flag: Flag): string => given[flag] ?? process.env[FLAGS[flag].env] ?? FLAGS[flag].default;
  const scenarios = scenariosOf(value('scenarios'));
  return {
    durationMs: positive(value('duration'), 'duration') * 1000,
    warmupMs: positive(value('warmup'), 'warmup', true) * 1000,
    concurrency: value('concurrency')
      .split(',')
      .map((text) => Math.floor(positive(text, 'concurrency'))),
    rounds: Math.floor(positive(value('rounds'), 'rounds')),
    scenarios,
    gatewayUrl: value('gateway').replace(/\/$/, ''),
    issuer: value('issuer').replace(/\/$/, ''),
    domain: process.env.BENCH_DOMAIN ?? 'placements',
    reference: process.env.BENCH_REFERENCE_CHAINCODE ?? 'reference',
  };
}

/** The flags given on the command line; `--help` prints the usage and exits. */
function flagValues(): Partial<Record<Flag, string>> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      concurrency: { type: 'string' },
      rounds: { type: 'string' },
      scenarios: { type: 'string' },
      gateway: { type: 'string' },
      issuer: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    process.stdout.write(
      'npm run bench -- [--duration s] [--warmup s] [--concurrency n,n,…] [--rounds n] [--scenarios ' +
        `${SCENARIOS.join(',')}] [--gateway URL] [--issuer URL]\n`,
    );
    process.exit(0);
  }
  return values;
}

/**
 * The scenarios a comma-separated list names, in the order of SCENARIOS (references first), whatever order they were
 * named in.
 * @throws Error naming the scenarios that do not exist.
 */
function scenariosOf(list: string): readonly Scenario[] {
  const named = list.split(',');
  const unknown = named.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new Error(`unknown scenarios ${unknown.join(', ')} (known: ${SCENARIOS.join(', ')})`);
  }
  return SCENARIOS.filter((name) => named.includes(name));
}

function positive(text: string, name: string, zeroAllowed = false): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || (!zeroAllowed && value === 0)) {
    throw new Error(`--${name} must be a ${zeroAllowed ? 'non-negative' : 'positive'} number`);
  }
  return value;
}

function describeFailure(error: unknown): string {
  if (error instanceof HttpFailure) return error.reason;
  if (error instanceof Error) {
    // fabric-gateway errors carry a gRPC status code and, for a commit, the validation code.
    const { code } = error as { code?: unknown };
    return typeof code === 'number' || typeof code === 'string'
      ? `${error.name} ${code.toString()}`
      : error.name;
  }
  return 'unknown';
}

/** One measured run with the CPU the network's processes spent during it. */
interface Measured extends RunResult {
  readonly round: number;
  readonly cpuSeconds: ReadonlyMap<string, number>;
}

const fixed = (value: number, digits = 1): string => (Number.isFinite(value) ? value.toFixed(digits) : '–');

/** Sum over runs of the same scenario and concurrency (rounds pooled): throughput from totals. */
interface Pooled {
  readonly name: Scenario;
  readonly concurrency: number;
  readonly succeeded: number;
  readonly seconds: number;
  readonly failures: Readonly<Record<string, number>>;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly cpuSeconds: ReadonlyMap<string, number>;
  /** Per round: throughput ÷ the reference's in the same round (the interleaved ratio). */
  readonly ratios: readonly number[];
}

function pool(results: readonly Measured[]): Pooled[] {
  const pooled: Pooled[] = [];
  const keyOf = (r: Measured): string => `${r.name}@${r.concurrency.toString()}`;
  for (const key of [...new Set(results.map(keyOf))]) {
    const runs = results.filter((r) => keyOf(r) === key);
    const first = runs[0];
    if (first === undefined) continue;
    const name = first.name as Scenario;
    const failures: Record<string, number> = {};
    const cpu = new Map<string, number>();
    for (const run of runs) {
      for (const [reason, count] of Object.entries(run.failures))
        failures[reason] = (failures[reason] ?? 0) + count;
      for (const [label, seconds] of run.cpuSeconds) cpu.set(label, (cpu.get(label) ?? 0) + seconds);
    }
    const ratios = runs.flatMap((run) => {
      const reference = results.find(
        (r) => r.name === REFERENCE[name] && r.concurrency === run.concurrency && r.round === run.round,
      );
      return reference === undefined || reference.throughput === 0
        ? []
        : [run.throughput / reference.throughput];
    });
    const median = (pick: (r: Measured) => number): number =>
      [...runs.map(pick)].sort((a, b) => a - b)[Math.floor(runs.length / 2)] ?? Number.NaN;
    pooled.push({
      name,
      concurrency: first.concurrency,
      succeeded: runs.reduce((sum, r) => sum + r.succeeded, 0),
      seconds: runs.reduce((sum, r) => sum + r.seconds, 0),
      failures,
      p50: median((r) => r.latencyMs.p50),
      p95: median((r) => r.latencyMs.p95),
      p99: median((r) => r.latencyMs.p99),
      cpuSeconds: cpu,
      ratios,
    });
  }
  return pooled;
}

function throughputTable(pooled: readonly Pooled[]): string {
  const rows = pooled.map((p) => {
    const failed = Object.entries(p.failures)
      .map(([reason, count]) => `${count.toString()}× ${reason}`)
      .join(', ');
    const ratio =
      p.ratios.length === 0
        ? '–'
        : p.ratios.map((value) => fixed(value, 2)).join(' / ') + ` (vs ${REFERENCE[p.name]})`;
    return `| ${p.name} | ${p.concurrency.toString()} | ${p.succeeded.toString()} | ${failed === '' ? '0' : failed} | ${fixed(p.succeeded / p.seconds)} | ${ratio} | ${fixed(p.p50)} | ${fixed(p.p95)} | ${fixed(p.p99)} |`;
  });
  return [
    '| scenario | workers | ok | failed | req/s | ratio per round | p50 ms | p95 ms | p99 ms |',
    '|---|---:|---:|---|---:|---|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

/** CPU milliseconds per successful request, per process, and their total, with the total's ratio to the reference. */
function cpuTable(pooled: readonly Pooled[]): string {
  const labels = [...new Set(pooled.flatMap((p) => [...p.cpuSeconds.keys()]))].sort();
  const perRequest = (p: Pooled, label: string): number =>
    p.succeeded === 0 ? Number.NaN : ((p.cpuSeconds.get(label) ?? 0) * 1000) / p.succeeded;
  const total = (p: Pooled): number =>
    p.succeeded === 0
      ? Number.NaN
      : ([...p.cpuSeconds.values()].reduce((a, b) => a + b, 0) * 1000) / p.succeeded;
  const rows = pooled.map((p) => {
    const reference = pooled.find((r) => r.name === REFERENCE[p.name] && r.concurrency === p.concurrency);
    const ratio = reference === undefined ? '–' : fixed(total(p) / total(reference), 2);
    const cells = labels.map((label) => fixed(perRequest(p, label)));
    return `| ${p.name} | ${p.concurrency.toString()} | ${cells.join(' | ')} | ${fixed(total(p))} | ${ratio} |`;
  });
  return [
    `| scenario | workers | ${labels.join(' | ')} | total | ratio |`,
    `|---|---:|${labels.map(() => '---:').join('|')}|---:|---:|`,
    ...rows,
  ].join('\n');
}

async function main(): Promise<void> {
  const config = settings();
  const log = (text: string): void => {
    process.stderr.write(`[bench] ${text}\n`);
  };
  const pidDir = path.join(process.env.FABRIC_AGREEMENTS_HOME ?? path.join(ROOT, '.fabric'), 'pids');
  const rest = new RestTarget({
    baseUrl: config.gatewayUrl,
    domain: config.domain,
    token: await RestTarget.token(config.issuer),
  });
  const limit = await rest.rateLimitPerMinute();
  if (limit !== undefined && limit < 100_000 && config.scenarios.some((s) => s.startsWith('rest'))) {
    log(
      `the gateway allows ${limit.toString()} requests a minute per client; expect 429 RATE_LIMITED. Raise it with ` +
        'GATEWAY_RATE_LIMIT_PER_MINUTE=1000000 bash scripts/gateway.sh restart municipality',
    );
  }
  const direct = await DirectTarget.connect(config.domain, 'agreements', config.reference);
  log(`direct identity: ${direct.identitySource}`);
  try {
    // One agreement and one reference key to read (the draft through the gateway also enrols Sara if need be).
    const agreementId = await rest.draft();
    const referenceKey = config.scenarios.some((s) => s.startsWith('reference'))
      ? await direct.referenceWrite()
      : '';
    const operations: Readonly<Record<Scenario, Operation>> = {
      'reference-write': async () => {
        await direct.referenceWrite();
      },
      'direct-write': async () => {
        await direct.draft();
      },
      'rest-write': async () => {
        await rest.draft();
      },
      'reference-read': () => direct.referenceRead(referenceKey),
      'direct-read': () => direct.read(agreementId),
      'rest-read': () => rest.read(agreementId),
    };
    const results: Measured[] = [];
    for (let round = 1; round <= config.rounds; round++) {
      for (const concurrency of config.concurrency) {
        for (const name of config.scenarios) {
          const before = sampleCpu(pidDir);
          const result = await runLoad({
            name,
            operation: operations[name],
            concurrency,
            durationMs: config.durationMs,
            warmupMs: config.warmupMs,
            describe: describeFailure,
          });
          // The warm-up's CPU is in the sample too; scale it out by time.
          const spent = cpuSpent(before, sampleCpu(pidDir));
          const measuredShare = result.seconds / (result.seconds + config.warmupMs / 1000);
          const cpuSeconds = new Map([...spent].map(([label, seconds]) => [label, seconds * measuredShare]));
          log(
            `round ${round.toString()} ${name} ×${concurrency.toString()}: ${fixed(result.throughput)} req/s, ` +
              `p50 ${fixed(result.latencyMs.p50)} ms`,
          );
          results.push({ ...result, round, cpuSeconds });
        }
      }
    }
    const pooled = pool(results);
    process.stdout.write(`\nThroughput and latency\n\n${throughputTable(pooled)}\n`);
    process.stdout.write(`\nCPU ms per successful request, by process\n\n${cpuTable(pooled)}\n`);
  } finally {
    direct.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
