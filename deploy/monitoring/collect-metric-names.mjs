// Scrapes every metrics endpoint of the running local network (ports from network/topology.json) and writes the
// metric names each kind of target declares, with the label names of their series, to the fixture the dashboard test checks
// against:  node deploy/monitoring/collect-metric-names.mjs [OUT]  (default test/unit/packaging/fixtures/metric-names.json)
// Run it after the case story (`npm run demo`), so that histograms and labelled series have been observed at least
// once; a labelled metric never observed has no series and so no label names here. Values are not kept.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = resolve(process.argv[2] ?? join(root, 'test/unit/packaging/fixtures/metric-names.json'));
const topology = JSON.parse(readFileSync(join(root, 'network/topology.json'), 'utf8'));

/** job → `host:port` targets, as deploy/monitoring/prometheus.yml names them. */
const targets = { orderer: [], peer: [], ca: [], gateway: [] };
const hostOf = (org) => org.host ?? topology.host;
for (const node of topology.ordererOrg.nodes) {
  targets.orderer.push(`${hostOf(topology.ordererOrg)}:${node.operationsPort}`);
}
targets.ca.push(`${hostOf(topology.ordererOrg)}:${topology.ordererOrg.ca.operationsPort}`);
for (const org of topology.organisations) {
  targets.peer.push(`${hostOf(org)}:${org.peer.operationsPort}`);
  targets.ca.push(`${hostOf(org)}:${org.ca.operationsPort}`);
  targets.gateway.push(`${hostOf(org)}:${org.gatewayPort}`);
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s/;
const TYPE = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (\w+)/;
/** The series names a declared metric has (a declared metric with labels has no series until first observed). */
const SERIES = { histogram: ['_bucket', '_sum', '_count'], summary: ['', '_sum', '_count'] };
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="(?:[^"\\]|\\.)*"/g;

const result = {};
for (const [job, list] of Object.entries(targets)) {
  const metrics = new Map();
  let answered = 0;
  for (const target of list) {
    let text;
    try {
      const response = await fetch(`http://${target}/metrics`, { signal: AbortSignal.timeout(5000) });
      if (!response.ok) continue;
      text = await response.text();
    } catch {
      continue; // e.g. orderer1/orderer2 of a one-orderer network
    }
    answered++;
    for (const line of text.split('\n')) {
      const declared = TYPE.exec(line);
      if (declared !== null) {
        for (const suffix of SERIES[declared[2]] ?? ['']) {
          if (!metrics.has(declared[1] + suffix)) metrics.set(declared[1] + suffix, new Set());
        }
        continue;
      }
      const match = SAMPLE.exec(line);
      if (match === null) continue;
      const labels = metrics.get(match[1]) ?? new Set();
      for (const label of (match[2] ?? '').matchAll(LABEL)) labels.add(label[1]);
      metrics.set(match[1], labels);
    }
  }
  if (answered === 0) {
    process.stderr.write(`no ${job} target answered (${list.join(', ')}): is the network running?\n`);
    process.exit(1);
  }
  result[job] = Object.fromEntries(
    [...metrics.keys()].sort().map((name) => [name, [...metrics.get(name)].sort()]),
  );
}
// Written as the repository's Prettier would write it, so `npm run lint` accepts the fixture as collected.
const prettier = await import('prettier');
const options = (await prettier.resolveConfig(out)) ?? {};
writeFileSync(out, await prettier.format(JSON.stringify(result), { ...options, parser: 'json' }));
process.stdout.write(
  `${out}: ${Object.entries(result)
    .map(([job, names]) => `${job} ${Object.keys(names).length}`)
    .join(', ')} series names\n`,
);
