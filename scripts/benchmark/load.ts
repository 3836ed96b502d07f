/** A closed-loop load generator and its statistics: a fixed number of workers, each sending the next request as soon as the previous one is answered. */

/** One request of a scenario; resolves when it succeeded, rejects when it failed. */
export type Operation = () => Promise<void>;

/** What a run measured. */
export interface RunResult {
  readonly name: string;
  readonly concurrency: number;
  readonly seconds: number;
  readonly succeeded: number;
  /** Failures by a short reason (HTTP status and code, or the error's name). */
  readonly failures: Readonly<Record<string, number>>;
  /** Successful requests per second. */
  readonly throughput: number;
  /** Latency of the successful requests, milliseconds. */
  readonly latencyMs: {
    readonly p50: number;
    readonly p95: number;
    readonly p99: number;
    readonly max: number;
  };
}

/** What a {@link runLoad} call is given. */
export interface LoadOptions {
  readonly name: string;
  readonly operation: Operation;
  readonly concurrency: number;
  readonly durationMs: number;
  /** Requests sent before measuring (warms connections, identities and the JIT); not counted. */
  readonly warmupMs: number;
  /** A short reason for a failure, to count failures by. */
  readonly describe: (error: unknown) => string;
}

/** Runs `operation` with `concurrency` workers for the warm-up and then the measured duration. */
export async function runLoad(options: Readonly<LoadOptions>): Promise<RunResult> {
  const { operation, concurrency, describe } = options;
  await workers(concurrency, Date.now() + options.warmupMs, operation, () => undefined);

  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  const started = process.hrtime.bigint();
  await workers(concurrency, Date.now() + options.durationMs, operation, (outcome) => {
    if (outcome.error === undefined) {
      latencies.push(outcome.ms);
    } else {
      const reason = describe(outcome.error);
      failures[reason] = (failures[reason] ?? 0) + 1;
    }
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    name: options.name,
    concurrency,
    seconds,
    succeeded: latencies.length,
    failures,
    throughput: latencies.length / seconds,
    latencyMs: {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: latencies[latencies.length - 1] ?? Number.NaN,
    },
  };
}

interface Outcome {
  readonly ms: number;
  readonly error: unknown;
}

async function workers(
  count: number,
  until: number,
  operation: Operation,
  record: (outcome: Outcome) => void,
): Promise<void> {
  const worker = async (): Promise<void> => {
    while (Date.now() < until) {
      const started = process.hrtime.bigint();
      let error: unknown = undefined;
      try {
        await operation();
      } catch (caught) {
        error = caught ?? new Error('failed');
      }
      record({ ms: Number(process.hrtime.bigint() - started) / 1e6, error });
    }
  };
  await Promise.all(Array.from({ length: count }, worker));
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}
