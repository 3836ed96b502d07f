import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { FabricObserver } from '../fabric/fabric-client';
import type { FabricStage } from '../fabric/error-mapping';

/** The gateway's Prometheus metrics, in a registry of their own (so tests can build several apps). */
export class GatewayMetrics implements FabricObserver {
  readonly registry = new Registry();
  readonly #requests: Counter<'method' | 'route' | 'status'>;
  readonly #requestSeconds: Histogram<'method' | 'route' | 'status'>;
  readonly #fabricSeconds: Histogram<'stage' | 'outcome'>;
  readonly #errors: Counter<'code'>;
  readonly #inFlight: Gauge;
  readonly #events: Counter<'channel'>;

  constructor(defaultLabels: Readonly<Record<string, string>> = {}) {
    this.registry.setDefaultLabels({ ...defaultLabels });
    collectDefaultMetrics({ register: this.registry });
    this.#requests = new Counter({
      name: 'gateway_http_requests_total',
      help: 'HTTP requests by method, route template and status.',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.#requestSeconds = new Histogram({
      name: 'gateway_http_request_duration_seconds',
      help: 'HTTP request latency by method, route template and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [this.registry],
    });
    this.#fabricSeconds = new Histogram({
      name: 'gateway_fabric_stage_duration_seconds',
      help: 'Latency of each Fabric stage (evaluate, endorse, submit, commit_status) by outcome.',
      labelNames: ['stage', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [this.registry],
    });
    this.#errors = new Counter({
      name: 'gateway_errors_total',
      help: 'Error responses by catalogue code.',
      labelNames: ['code'],
      registers: [this.registry],
    });
    this.#inFlight = new Gauge({
      name: 'gateway_fabric_submits_in_flight',
      help: 'Submits currently between endorsement and commit.',
      registers: [this.registry],
    });
    this.#events = new Counter({
      name: 'gateway_chaincode_events_total',
      help: 'Chaincode events received and checkpointed, by channel.',
      labelNames: ['channel'],
      registers: [this.registry],
    });
  }

  httpRequest(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: status.toString() };
    this.#requests.inc(labels);
    this.#requestSeconds.observe(labels, seconds);
  }

  error(code: string): void {
    this.#errors.inc({ code });
  }

  stage(stage: FabricStage, outcome: 'ok' | 'error' | 'retry', seconds: number): void {
    this.#fabricSeconds.observe({ stage, outcome }, seconds);
  }

  inFlightSubmits(count: number): void {
    this.#inFlight.set(count);
  }

  chaincodeEvent(channel: string): void {
    this.#events.inc({ channel });
  }
}
