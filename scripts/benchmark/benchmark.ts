/**
 * Throughput, latency, failures and CPU of the agreements chaincode's write (draft an agreement) and read (get one),
 * through the municipality's REST gateway and straight through @hyperledger/fabric-gateway, each as a ratio to a
 * reference measured in the same run: a put-one-key TypeScript contract (`benchmark/reference-chaincode`) deployed
 * on the same channel with the same endorsement policy and endorsed by the same two organisations. Named only, the
 * personal-data write (a child's shared record) against fabric-samples' asset-transfer-private-data `CreateAsset`
 * (deployed by the operator: docs/benchmark.md). Not a test: it prints tables (docs/benchmark.md says
 * how to read them).
 *
 *   npm run bench                                   # defaults: 1,8,32,128 workers, 10 s each after 2 s warm-up
 *   npm run bench -- --concurrency 8,64 --rounds 3 --scenarios direct-write,reference-write
 *   npm run bench -- --scenarios rest-read --gateway A=http://localhost:3000 --gateway B=http://localhost:3300
 *
 * Flags (or environment): --duration s (BENCH_DURATION_S), --warmup s (BENCH_WARMUP_S), --concurrency list
 * (BENCH_CONCURRENCY), --rounds n (BENCH_ROUNDS), --scenarios list (BENCH_SCENARIOS), --gateway [NAME=]URL, repeatable
 * (BENCH_GATEWAY_URL, comma-separated), --http-client pooled|fetch (BENCH_HTTP_CLIENT), --direct-signer fabric|node
 * (BENCH_DIRECT_SIGNER), --issuer URL
 * (DEV_OIDC_ISSUER), BENCH_REFERENCE_CHAINCODE (`reference`). With two or more gateways every REST scenario runs
 * against each, in alternating order (--together, BENCH_TOGETHER=true: all at the same time, each with the given
 * workers), and each gateway after the first is reported as a ratio to the first: two builds of the gateway judged
 * in one run (scripts/benchmark/extra-gateway.sh starts a second one). Scenarios run
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
import {
  DirectTarget,
  HttpFailure,
  RestTarget,
  ROOT,
  type DirectSigner,
  type HttpClientKind,
} from './targets';

const SCENARIOS = [
  'reference-write',
  'direct-write',
  'rest-write',
  'reference-read',
  'direct-read',
  'rest-read',
  'reference-personal-write',
  'direct-personal-write',
  'rest-personal-write',
] as const;
type Scenario = (typeof SCENARIOS)[number];
/** What runs when no scenarios are named: the personal-data ones need the private-data reference deployed. */
const DEFAULT_SCENARIOS: readonly Scenario[] = SCENARIOS.filter((name) => !name.includes('personal'));
/** What each scenario is compared with. */
const REFERENCE: Readonly<Record<Scenario, Scenario>> = {
  'reference-write': 'reference-write',
  'direct-write': 'reference-write',
  'rest-write': 'direct-write',
  'reference-read': 'reference-read',
  'direct-read': 'reference-read',
  'rest-read': 'direct-read',
  'reference-personal-write': 'reference-personal-write',
  'direct-personal-write': 'reference-personal-write',
  'rest-personal-write': 'direct-personal-write',
};

/** A gateway the REST scenarios run against: its name in the tables and its base URL. */
interface GatewayTarget {
  readonly name: string;
  readonly url: string;
}

interface Settings {
  readonly durationMs: number;
  readonly warmupMs: number;
  readonly concurrency: readonly number[];
  readonly rounds: number;
  readonly scenarios: readonly Scenario[];
  readonly gateways: readonly GatewayTarget[];
  readonly httpClient: HttpClientKind;
  readonly directSigner: DirectSigner;
  /** Several gateways: run each REST scenario against all of them at the same time instead of one after another. */
  readonly together: boolean;
  readonly issuer: string;
  readonly domain: string;
  readonly reference: string;
  readonly privateData: string;
}

/** Each string flag's environment variable, used when the flag is not given, and its default. */
const FLAGS = {
  duration: { env: 'BENCH_DURATION_S', default: '10' },
  warmup: { env: 'BENCH_WARMUP_S', default: '2' },
  concurrency: { env: 'BENCH_CONCURRENCY', default: '1,8,32,128' },
  rounds: { env: 'BENCH_ROUNDS', default: '1' },
  scenarios: { env: 'BENCH_SCENARIOS', default: DEFAULT_SCENARIOS.join(',') },
  'http-client': { env: 'BENCH_HTTP_CLIENT', default: 'pooled' },
  'direct-signer': { env: 'BENCH_DIRECT_SIGNER', default: 'fabric' },
  issuer: { env: 'DEV_OIDC_ISSUER', default: 'http://localhost:4000' },
} as const;
type Flag = keyof typeof FLAGS;

/** What the command line gave: the string flags, the gateways (repeatable) and `--together`. */
interface GivenFlags {
  readonly strings: Partial<Record<Flag, string>>;
  readonly gateway?: readonly string[];
  readonly together?: boolean;
}

function settings(): Settings {
  const given = flagValues();
  const env = process.env;
  const value = (flag: Flag): string => given.strings[flag] ?? env[FLAGS[flag].env] ?? FLAGS[flag].default;
  return {
    durationMs: positive(value('duration'), 'duration') * 1000,
    warmupMs: positive(value('warmup'), 'warmup', true) * 1000,
    concurrency: value('concurrency')
      .split(',')
      .map((text) => Math.floor(positive(text, 'concurrency'))),
    rounds: Math.floor(positive(value('rounds'), 'rounds')),
    scenarios: scenariosOf(value('scenarios')),
    gateways: gatewayTargets(given.gateway ?? (env.BENCH_GATEWAY_URL ?? 'http://localhost:3000').split(',')),
    httpClient: oneOf(value('http-client'), ['pooled', 'fetch'] as const, '--http-client'),
    directSigner: oneOf(value('direct-signer'), ['fabric', 'node'] as const, '--direct-signer'),
    together: given.together ?? env.BENCH_TOGETHER === 'true',
    issuer: value('issuer').replace(/\/$/, ''),
    domain: env.BENCH_DOMAIN ?? 'placements',
    reference: env.BENCH_REFERENCE_CHAINCODE ?? 'reference',
    privateData: env.BENCH_PRIVATE_DATA_CHAINCODE ?? 'privatedata',
  };
}

/** The flags given on the command line; `--help` prints the usage and exits. */
function flagValues(): GivenFlags {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      concurrency: { type: 'string' },
      rounds: { type: 'string' },
      scenarios: { type: 'string' },
      gateway: { type: 'string', multiple: true },
      'http-client': { type: 'string' },
      'direct-signer': { type: 'string' },
      together: { type: 'boolean' },
      issuer: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    process.stdout.write(
      'npm run bench -- [--duration s] [--warmup s] [--concurrency n,n,…] [--rounds n] [--scenarios ' +
        `${SCENARIOS.join(',')}] [--gateway [NAME=]URL]... [--together] [--http-client pooled|fetch] [--direct-signer fabric|node] [--issuer URL]\n`,
    );
    process.exit(0);
  }
  const { gateway, together, ...rest } = values;
  const strings = Object.fromEntries(Object.entries(rest).filter(([flag]) => flag in FLAGS));
  return { strings, gateway, together };
}

/** `text` when it is one of `allowed`. @throws Error naming the flag and what it allows. */
function oneOf<T extends string>(text: string, allowed: readonly T[], flag: string): T {
  const found = allowed.find((candidate) => candidate === text);
  if (found === undefined) throw new Error(`${flag} must be ${allowed.join(' or ')}`);
  return found;
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

/** `URL` or `NAME=URL`, each; unnamed ones are called A, B, … in the order given. */
function gatewayTargets(specs: readonly string[]): GatewayTarget[] {
  const targets = specs.map((spec, index) => {
    const match = /^([A-Za-z][\w.-]*)=(.+)$/.exec(spec.trim());
    return {
      name: match?.[1] ?? String.fromCharCode(65 + index),
      url: (match?.[2] ?? spec.trim()).replace(/\/$/, ''),
    };
  });
  if (new Set(targets.map((t) => t.name)).size !== targets.length) {
    throw new Error('--gateway names must differ');
  }
  return targets;
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
  /** The run it is a ratio to (by name: a scenario, or `rest-read@A` with several gateways). */
  readonly compareWith: string;
  readonly cpuSeconds: ReadonlyMap<string, number>;
}

const fixed = (value: number, digits = 1): string => (Number.isFinite(value) ? value.toFixed(digits) : '–');

/** Sum over runs of the same scenario and concurrency (rounds pooled): throughput from totals. */
interface Pooled {
  readonly name: string;
  readonly compareWith: string;
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
    const { name, compareWith } = first;
    const failures: Record<string, number> = {};
    const cpu = new Map<string, number>();
    for (const run of runs) {
      for (const [reason, count] of Object.entries(run.failures))
        failures[reason] = (failures[reason] ?? 0) + count;
      for (const [label, seconds] of run.cpuSeconds) cpu.set(label, (cpu.get(label) ?? 0) + seconds);
    }
    const ratios = runs.flatMap((run) => {
      const reference = results.find(
        (r) => r.name === compareWith && r.concurrency === run.concurrency && r.round === run.round,
      );
      return reference === undefined || reference.throughput === 0
        ? []
        : [run.throughput / reference.throughput];
    });
    const median = (pick: (r: Measured) => number): number =>
      [...runs.map(pick)].sort((a, b) => a - b)[Math.floor(runs.length / 2)] ?? Number.NaN;
    pooled.push({
      name,
      compareWith,
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
        : p.ratios.map((value) => fixed(value, 2)).join(' / ') + ` (vs ${p.compareWith})`;
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
    const reference = pooled.find((r) => r.name === p.compareWith && r.concurrency === p.concurrency);
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

/** Says which gateways would answer a benchmark's load with 429 RATE_LIMITED, and how to raise their limit. */
async function warnOfRateLimits(
  gateways: readonly { readonly name: string; readonly rest: RestTarget }[],
  log: (text: string) => void,
): Promise<void> {
  for (const gateway of gateways) {
    const limit = await gateway.rest.rateLimitPerMinute();
    if (limit !== undefined && limit < 100_000) {
      log(
        `gateway ${gateway.name} allows ${limit.toString()} requests a minute per client; expect 429 RATE_LIMITED. ` +
          'Raise it with GATEWAY_RATE_LIMIT_PER_MINUTE=1000000 bash scripts/gateway.sh restart municipality',
      );
    }
  }
}

async function main(): Promise<void> {
  const config = settings();
  const log = (text: string): void => {
    process.stderr.write(`[bench] ${text}\n`);
  };
  const pidDir = path.join(process.env.FABRIC_AGREEMENTS_HOME ?? path.join(ROOT, '.fabric'), 'pids');
  const token = await RestTarget.token(config.issuer);
  const gateways = config.gateways.map((gateway) => ({
    ...gateway,
    rest: new RestTarget({ baseUrl: gateway.url, domain: config.domain, token, client: config.httpClient }),
  }));
  const [first] = gateways;
  if (first === undefined) throw new Error('no gateway');
  const rest = first.rest;
  if (config.scenarios.some((s) => s.startsWith('rest'))) await warnOfRateLimits(gateways, log);
  const direct = await DirectTarget.connect(
    config.domain,
    'agreements',
    config.reference,
    config.privateData,
    config.directSigner,
  );
  log(`direct identity: ${direct.identitySource}`);
  try {
    // One agreement and one reference key to read (the draft through the gateway also enrols Sara if need be).
    const agreementId = await rest.draft();
    const referenceKey = config.scenarios.includes('reference-read') ? await direct.referenceWrite() : '';
    const operations: Readonly<Record<Scenario, (target: RestTarget) => Operation>> = {
      'reference-write': () => async () => {
        await direct.referenceWrite();
      },
      'direct-write': () => async () => {
        await direct.draft();
      },
      'rest-write': (target) => async () => {
        await target.draft();
      },
      'reference-read': () => () => direct.referenceRead(referenceKey),
      'direct-read': () => () => direct.read(agreementId),
      'rest-read': (target) => () => target.read(agreementId),
      'reference-personal-write': () => async () => {
        await direct.referencePersonalWrite();
      },
      'direct-personal-write': () => async () => {
        await direct.personalWrite();
      },
      'rest-personal-write': (target) => async () => {
        await target.personalWrite();
      },
    };
    const results: Measured[] = [];
    for (let round = 1; round <= config.rounds; round++) {
      // With several gateways, every other round runs them in reverse order, so neither always goes first.
      const order = round % 2 === 1 ? gateways : [...gateways].reverse();
      for (const concurrency of config.concurrency) {
        // Each step's runs go at the same time: one run, or with --together every gateway's run of a REST scenario.
        const steps = config.scenarios.flatMap((scenario) => {
          if (!scenario.startsWith('rest-') || gateways.length < 2) {
            return [
              [{ name: scenario, compareWith: REFERENCE[scenario], operation: operations[scenario](rest) }],
            ];
          }
          const runs = order.map((gateway) => ({
            name: `${scenario}@${gateway.name}`,
            // Made together, the first gateway shares the machine with the others: no ratio to the direct run then.
            compareWith:
              gateway !== first ? `${scenario}@${first.name}` : config.together ? '' : REFERENCE[scenario],
            operation: operations[scenario](gateway.rest),
          }));
          return config.together ? [runs] : runs.map((run) => [run]);
        });
        for (const step of steps) {
          const before = sampleCpu(pidDir);
          const measured = await Promise.all(
            step.map((run) =>
              runLoad({
                name: run.name,
                operation: run.operation,
                concurrency,
                durationMs: config.durationMs,
                warmupMs: config.warmupMs,
                describe: describeFailure,
              }),
            ),
          );
          // The warm-up's CPU is in the sample too; scale it out by time. Runs made together share one sample: each
          // gateway's own column is right for its run, the rest of the row is the step's.
          const spent = cpuSpent(before, sampleCpu(pidDir));
          step.forEach((run, index) => {
            const result = measured[index];
            if (result === undefined) return;
            const measuredShare = result.seconds / (result.seconds + config.warmupMs / 1000);
            const cpuSeconds = new Map(
              [...spent].map(([label, seconds]) => [label, seconds * measuredShare]),
            );
            log(
              `round ${round.toString()} ${run.name} ×${concurrency.toString()}: ${fixed(result.throughput)} req/s, ` +
                `p50 ${fixed(result.latencyMs.p50)} ms`,
            );
            results.push({ ...result, round, compareWith: run.compareWith, cpuSeconds });
          });
        }
      }
    }
    const pooled = pool(results);
    process.stdout.write(`\nThroughput and latency\n\n${throughputTable(pooled)}\n`);
    process.stdout.write(`\nCPU ms per successful request, by process\n\n${cpuTable(pooled)}\n`);
  } finally {
    direct.close();
    for (const gateway of gateways) gateway.rest.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
