/**
 * deploy/monitoring: the Prometheus scrape configuration reaches every metrics endpoint network/topology.json
 * declares, and every query of the Grafana dashboard names metrics and labels that really exist — as collected from
 * a running network by deploy/monitoring/collect-metric-names.mjs into fixtures/metric-names.json.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { references } from './support/promql';
import { repoPath } from './support/paths';

interface Topology {
  host: string;
  ordererOrg: {
    key: string;
    host?: string;
    ca: { operationsPort: number };
    nodes: { name: string; operationsPort: number }[];
  };
  organisations: {
    key: string;
    host?: string;
    peer: { name: string; operationsPort: number };
    ca: { operationsPort: number };
    gatewayPort: number;
  }[];
}

interface ScrapeConfig {
  job_name: string;
  metrics_path?: string;
  static_configs: { targets: string[]; labels?: Record<string, string> }[];
}

interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: { uid: string };
  targets?: { expr: string; refId: string }[];
}

const topology = JSON.parse(readFileSync(repoPath('network', 'topology.json'), 'utf8')) as Topology;
const prometheus = parseDocument(readFileSync(repoPath('deploy', 'monitoring', 'prometheus.yml'), 'utf8'), {
  uniqueKeys: true,
});
const config = prometheus.toJS() as {
  global: { scrape_interval: string; scrape_timeout: string };
  scrape_configs: ScrapeConfig[];
};
const dashboard = JSON.parse(
  readFileSync(repoPath('deploy', 'monitoring', 'grafana-dashboard.json'), 'utf8'),
) as {
  uid: string;
  panels: Panel[];
  templating: { list: { name: string; type: string; query: string | { query: string } }[] };
};
/** job in the scrape configuration → metric name → label names, from the real network. */
const FIXTURE_KEY: Readonly<Record<string, string>> = {
  'fabric-orderer': 'orderer',
  'fabric-peer': 'peer',
  'fabric-ca': 'ca',
  'agreements-gateway': 'gateway',
};
const metrics = JSON.parse(
  readFileSync(repoPath('test', 'unit', 'packaging', 'fixtures', 'metric-names.json'), 'utf8'),
) as Record<string, Record<string, string[]>>;
/** Labels Prometheus itself puts on every series of a target: job, instance, and the configuration's own. */
const TARGET_LABELS = new Set(['job', 'instance', 'org', 'node']);

/** `host:port` → `org/node` for every metrics endpoint the topology declares, by job. */
function expectedTargets(): Record<string, Map<string, string>> {
  const hostOf = (org: { host?: string }): string => org.host ?? topology.host;
  const orderer = topology.ordererOrg;
  const targets: Record<string, Map<string, string>> = {
    'fabric-orderer': new Map(
      orderer.nodes.map((n) => [`${hostOf(orderer)}:${n.operationsPort}`, `orderer/${n.name}`]),
    ),
    'fabric-peer': new Map(),
    'fabric-ca': new Map([[`${hostOf(orderer)}:${orderer.ca.operationsPort}`, 'orderer/ca']]),
    'agreements-gateway': new Map(),
  };
  for (const org of topology.organisations) {
    targets['fabric-peer']!.set(`${hostOf(org)}:${org.peer.operationsPort}`, `${org.key}/${org.peer.name}`);
    targets['fabric-ca']!.set(`${hostOf(org)}:${org.ca.operationsPort}`, `${org.key}/ca`);
    targets['agreements-gateway']!.set(`${hostOf(org)}:${org.gatewayPort}`, `${org.key}/gateway`);
  }
  return targets;
}

function seconds(duration: string): number {
  const match = /^(\d+)(ms|s|m)$/.exec(duration)!;
  return Number(match[1]) * { ms: 0.001, s: 1, m: 60 }[match[2] as 'ms' | 's' | 'm'];
}

describe('deploy/monitoring/prometheus.yml', () => {
  it('is valid YAML with one job per kind of metrics endpoint', () => {
    expect(prometheus.errors).to.be.empty;
    expect(config.scrape_configs.map((job) => job.job_name)).to.have.members(Object.keys(FIXTURE_KEY));
    expect(seconds(config.global.scrape_timeout)).to.be.at.most(seconds(config.global.scrape_interval));
  });

  it("scrapes exactly the topology's operations and gateway ports, each labelled with its organisation", () => {
    const expected = expectedTargets();
    for (const job of config.scrape_configs) {
      const actual = new Map<string, string>();
      for (const group of job.static_configs) {
        for (const target of group.targets) {
          actual.set(target, `${group.labels?.org ?? '?'}/${group.labels?.node ?? '?'}`);
        }
      }
      expect([...actual.entries()].sort(), job.job_name).to.deep.equal(
        [...expected[job.job_name]!.entries()].sort(),
      );
      expect(job.metrics_path ?? '/metrics').to.equal('/metrics');
    }
  });

  it('those ports serve Prometheus metrics: the node templates, the CAs and the gateway say so', () => {
    const core = readFileSync(repoPath('network', 'templates', 'core.yaml'), 'utf8');
    expect(core).to.match(/^operations:\n\s+listenAddress: \{\{HOST\}\}:\{\{OPERATIONS_PORT\}\}/m);
    expect(core).to.match(/^metrics:\n\s+provider: prometheus/m);
    const orderer = readFileSync(repoPath('network', 'templates', 'orderer.yaml'), 'utf8');
    expect(orderer).to.match(/^Operations:\n\s+ListenAddress: \{\{HOST\}\}:\{\{OPERATIONS_PORT\}\}/m);
    expect(orderer).to.match(/^Metrics:\n\s+Provider: prometheus/m);
    expect(readFileSync(repoPath('scripts', 'lib', 'crypto.sh'), 'utf8')).to.include(
      '--metrics.provider prometheus',
    );
    expect(readFileSync(repoPath('gateway', 'src', 'http', 'app.ts'), 'utf8')).to.include(
      "app.get('/metrics'",
    );
  });
});

describe('deploy/monitoring/grafana-dashboard.json', () => {
  const panels = dashboard.panels.filter((panel) => panel.type !== 'row');

  it('the metric-name fixture holds what a real network served for every job', () => {
    for (const key of Object.values(FIXTURE_KEY)) {
      expect(Object.keys(metrics[key] ?? {}).length, key).to.be.greaterThan(20);
    }
  });

  it('has unique panel ids, a layout within 24 columns, and a query on every panel', () => {
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).to.equal(ids.length);
    for (const panel of panels) {
      expect(panel.gridPos.x + panel.gridPos.w, panel.title).to.be.at.most(24);
      expect(panel.datasource?.uid, panel.title).to.equal('${datasource}');
      expect(panel.targets ?? [], panel.title).to.not.be.empty;
    }
  });

  it('queries only metrics and labels that exist on the job they name', () => {
    let checked = 0;
    for (const panel of panels) {
      for (const target of panel.targets!) {
        const refs = references(target.expr);
        const available = new Set<string>(TARGET_LABELS);
        for (const selector of refs.selectors) {
          const where = `${panel.title}: ${selector.metric}`;
          const job = /job="([^"]+)"/.exec(target.expr)?.[1];
          if (selector.metric === 'up') {
            selector.labels.forEach(
              (label) => expect(TARGET_LABELS.has(label), `${where} {${label}}`).to.be.true,
            );
            continue;
          }
          expect(job, `${where} names its job`).to.be.a('string');
          const key = FIXTURE_KEY[job!];
          expect(key, `${where}: job ${job!} is scraped`).to.be.a('string');
          const labels = metrics[key!]![selector.metric];
          expect(labels, `${where} exists on ${job!}`).to.be.an('array');
          for (const label of selector.labels) {
            expect(TARGET_LABELS.has(label) || labels!.includes(label), `${where} {${label}}`).to.be.true;
          }
          labels!.forEach((label) => available.add(label));
          checked++;
        }
        for (const label of refs.groupingLabels) {
          expect(available.has(label), `${panel.title}: by (${label})`).to.be.true;
        }
      }
    }
    expect(checked).to.be.greaterThan(20);
  });

  it('variables query labels that exist', () => {
    for (const variable of dashboard.templating.list.filter((v) => v.type === 'query')) {
      const query = typeof variable.query === 'string' ? variable.query : variable.query.query;
      const match = /^label_values\((\w+)(\{[^}]*\})?,\s*(\w+)\)$/.exec(query)!;
      expect(match, variable.name).to.not.equal(null);
      const [, metric, , label] = match;
      const exists =
        (metric === 'up' && TARGET_LABELS.has(label!)) ||
        Object.values(metrics).some((job) => job[metric!]?.includes(label!));
      expect(exists, `${variable.name}: ${metric!} has ${label!}`).to.be.true;
    }
  });

  it('shows what an operator needs: endorsement and commit latency, heights, raft, gateway traffic, the shim', () => {
    const queried = new Set(
      panels.flatMap((p) => p.targets!.flatMap((t) => references(t.expr).selectors.map((s) => s.metric))),
    );
    for (const metric of [
      'endorser_proposal_duration_bucket',
      'ledger_block_processing_time_bucket',
      'ledger_blockchain_height',
      'consensus_etcdraft_leader_changes',
      'gateway_http_requests_total',
      'gateway_http_request_duration_seconds_bucket',
      'gateway_errors_total',
      'chaincode_shim_requests_received',
    ]) {
      expect(queried.has(metric), metric).to.be.true;
    }
  });
});
