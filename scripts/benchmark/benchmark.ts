/**
 * Throughput and latency of one read (GET an agreement) and one write (draft an agreement: endorse by both
 * parties' peers, order, commit) through the municipality's REST gateway, and of the same two operations straight
 * through @hyperledger/fabric-gateway with the same identity and peer. Not a test: it prints a table.
 *
 *   npm run bench                                   # defaults: 10 s per scenario after 2 s warm-up, 8 workers
 *   npm run bench -- --duration 20 --concurrency 16 --scenarios rest-read,direct-read
 *
 * Flags (or environment): --duration s (BENCH_DURATION_S), --warmup s (BENCH_WARMUP_S), --concurrency n
 * (BENCH_CONCURRENCY), --scenarios list (BENCH_SCENARIOS), --gateway URL (BENCH_GATEWAY_URL), --issuer URL
 * (DEV_OIDC_ISSUER). The gateway's rate limit (6000 a minute per client address by default) is below what the
 * read scenario sends; run the gateway with a higher one first:
 *
 *   GATEWAY_RATE_LIMIT_PER_MINUTE=1000000 bash scripts/gateway.sh restart municipality
 *
 * Every write drafts a new agreement (ids `bench-rest-…`, `bench-direct-…`) on the placements channel.
 */
import { parseArgs } from 'node:util';
import { runLoad, type Operation, type RunResult } from './load';
import { DirectTarget, HttpFailure, RestTarget } from './targets';

const SCENARIOS = ['rest-read', 'direct-read', 'rest-write', 'direct-write'] as const;
type Scenario = (typeof SCENARIOS)[number];

interface Settings {
  readonly durationMs: number;
  readonly warmupMs: number;
  readonly concurrency: number;
  readonly scenarios: readonly Scenario[];
  readonly gatewayUrl: string;
  readonly issuer: string;
  readonly domain: string;
}

function settings(): Settings {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      concurrency: { type: 'string' },
      scenarios: { type: 'string' },
      gateway: { type: 'string' },
      issuer: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    process.stdout.write(
      'npm run bench -- [--duration s] [--warmup s] [--concurrency n] [--scenarios ' +
        `${SCENARIOS.join(',')}] [--gateway URL] [--issuer URL]\n`,
    );
    process.exit(0);
  }
  const env = process.env;
  const scenarios = (values.scenarios ?? env.BENCH_SCENARIOS ?? SCENARIOS.join(',')).split(',');
  const unknown = scenarios.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new Error(`unknown scenarios ${unknown.join(', ')} (known: ${SCENARIOS.join(', ')})`);
  }
  return {
    durationMs: positive(values.duration ?? env.BENCH_DURATION_S ?? '10', 'duration') * 1000,
    warmupMs: positive(values.warmup ?? env.BENCH_WARMUP_S ?? '2', 'warmup', true) * 1000,
    concurrency: Math.floor(positive(values.concurrency ?? env.BENCH_CONCURRENCY ?? '8', 'concurrency')),
    scenarios: scenarios as Scenario[],
    gatewayUrl: (values.gateway ?? env.BENCH_GATEWAY_URL ?? 'http://localhost:3000').replace(/\/$/, ''),
    issuer: (values.issuer ?? env.DEV_OIDC_ISSUER ?? 'http://localhost:4000').replace(/\/$/, ''),
    domain: env.BENCH_DOMAIN ?? 'placements',
  };
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
  if (error instanceof Error) return error.name;
  return 'unknown';
}

function table(results: readonly RunResult[]): string {
  const rows = results.map((r) => {
    const failed = Object.entries(r.failures)
      .map(([reason, count]) => `${count.toString()}× ${reason}`)
      .join(', ');
    const ms = (value: number): string => value.toFixed(1);
    return `| ${r.name} | ${r.concurrency.toString()} | ${r.succeeded.toString()} | ${failed === '' ? '0' : failed} | ${r.throughput.toFixed(1)} | ${ms(r.latencyMs.p50)} | ${ms(r.latencyMs.p95)} | ${ms(r.latencyMs.p99)} | ${ms(r.latencyMs.max)} |`;
  });
  return [
    '| scenario | workers | ok | failed | req/s | p50 ms | p95 ms | p99 ms | max ms |',
    '|---|---:|---:|---|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

async function main(): Promise<void> {
  const config = settings();
  const log = (text: string): void => {
    process.stderr.write(`[bench] ${text}\n`);
  };
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
  const direct = await DirectTarget.connect(config.domain, 'agreements');
  log(`direct identity: ${direct.identitySource}`);
  try {
    // One agreement to read, written through the gateway (which also enrols Sara if she is new to it).
    const agreementId = await rest.draft();
    const operations: Readonly<Record<Scenario, Operation>> = {
      'rest-read': () => rest.read(agreementId),
      'direct-read': () => direct.read(agreementId),
      'rest-write': async () => {
        await rest.draft();
      },
      'direct-write': async () => {
        await direct.draft();
      },
    };
    const results: RunResult[] = [];
    for (const name of config.scenarios) {
      log(`${name}: ${config.concurrency.toString()} workers, ${(config.durationMs / 1000).toString()} s`);
      const result = await runLoad({
        name,
        operation: operations[name],
        concurrency: config.concurrency,
        durationMs: config.durationMs,
        warmupMs: config.warmupMs,
        describe: describeFailure,
      });
      log(`${name}: ${result.throughput.toFixed(1)} req/s, p50 ${result.latencyMs.p50.toFixed(1)} ms`);
      results.push(result);
    }
    process.stdout.write(`${table(results)}\n`);
  } finally {
    direct.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
