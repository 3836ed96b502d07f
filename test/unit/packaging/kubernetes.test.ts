/**
 * deploy/kubernetes/municipality: one organisation's peer, CA, chaincode server and gateway. Offline: every object
 * is validated against the Kubernetes schema of its kind (kubernetes-models), then against what the project
 * promises of it — non-root pods under the restricted Pod Security Standard, probes, requests and limits,
 * PersistentVolumeClaims for the ledger, the CA database and the gateway's data, Secrets referenced and never
 * embedded, network policies that deny by default and name real ports, Fabric images of the pinned versions, a
 * peer configured like network/templates/core.yaml, and a gateway environment the gateway itself accepts.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IService } from 'kubernetes-models/v1/Service';
import type { INamespace } from 'kubernetes-models/v1/Namespace';
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { parse } from 'yaml';
import { loadConfig } from 'agreements-gateway/config';
import { withScratchSecrets } from './support/gateway-env';
import { validateAgainstSchema } from './support/kubernetes-schema';
import { unknownFieldErrors } from './support/kubernetes-types';
import { loadFolder, yamlFiles } from './support/manifests';
import { repoPath } from './support/paths';

const DIR = repoPath('deploy', 'kubernetes', 'municipality');
const { kustomization, manifests } = loadFolder(DIR);
const objects = manifests.map((manifest) => manifest.object);
const workloads = objects.filter((o) => o.kind === 'StatefulSet' || o.kind === 'Deployment') as (
  IStatefulSet | IDeployment
)[];
const operatorDoc = readFileSync(repoPath('deploy', 'README.md'), 'utf8');
const versions = Object.fromEntries(
  readFileSync(repoPath('network', 'versions.env'), 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => line.split('=') as [string, string]),
);

function podOf(workload: IStatefulSet | IDeployment): IPodSpec {
  return workload.spec!.template.spec!;
}

function workload(name: string): IStatefulSet | IDeployment {
  const found = workloads.find((w) => w.metadata!.name === name);
  expect(found, `workload ${name}`).to.not.equal(undefined);
  return found!;
}

function container(name: string): IContainer {
  return podOf(workload(name)).containers[0]!;
}

const orgConfig = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'org') as IConfigMap;

/** A container's environment with ConfigMap references resolved from this folder (secret values stay refs). */
function resolvedEnv(c: IContainer): Record<string, string> {
  const env: Record<string, string> = {};
  for (const variable of c.env ?? []) {
    const ref = variable.valueFrom?.configMapKeyRef;
    if (variable.value !== undefined) {
      env[variable.name] = variable.value;
    } else if (ref?.name === 'org') {
      env[variable.name] = orgConfig.data![ref.key]!;
    }
  }
  return env;
}

/** The port a probe checks (HTTP or TCP). */
function probePort(probe: IProbe): number | string | undefined {
  return probe.httpGet?.port ?? probe.tcpSocket?.port;
}

/** The Secrets and ConfigMaps the workloads mount or read variables from, by name. */
function referencedSources(): { secrets: Set<string>; configMaps: Set<string> } {
  const secrets = new Set<string>();
  const configMaps = new Set<string>();
  for (const pod of workloads.map(podOf)) {
    for (const volume of pod.volumes ?? []) {
      if (volume.secret) secrets.add(volume.secret.secretName!);
      if (volume.configMap) configMaps.add(volume.configMap.name!);
    }
    for (const { valueFrom } of pod.containers.flatMap((c) => c.env ?? [])) {
      if (valueFrom?.secretKeyRef) secrets.add(valueFrom.secretKeyRef.name!);
      if (valueFrom?.configMapKeyRef) configMaps.add(valueFrom.configMapKeyRef.name!);
    }
  }
  return { secrets, configMaps };
}

describe('deploy/kubernetes/municipality', () => {
  it('kustomization lists every manifest of the folder, and the manifests leave the namespace to it', () => {
    const listed = [...kustomization.resources].sort();
    expect(listed).to.deep.equal(yamlFiles(DIR).filter((file) => file !== 'kustomization.yaml'));
    for (const object of objects) {
      expect(object.metadata.namespace, `${object.kind} ${object.metadata.name}`).to.equal(undefined);
    }
    const namespace = objects.find((o) => o.kind === 'Namespace') as INamespace;
    expect(namespace.metadata!.name).to.equal(kustomization.namespace);
    expect(namespace.metadata!.labels!['pod-security.kubernetes.io/enforce']).to.equal('restricted');
  });

  it('every object matches the Kubernetes schema of its kind', () => {
    for (const { file, object } of manifests) {
      expect(() => {
        validateAgainstSchema(object);
      }, `${file}: ${object.kind} ${object.metadata.name}`).not.to.throw();
    }
  });

  it('no object has a field Kubernetes does not know (type-checked against the kubernetes-models types)', function () {
    this.timeout(60_000);
    const labelled = manifests.map(({ file, object }) => ({
      label: `${file}: ${object.kind} ${object.metadata.name}`,
      ...object,
    }));
    expect(unknownFieldErrors(labelled)).to.deep.equal([]);
    const typo = structuredClone(labelled.find((o) => o.kind === 'StatefulSet')!) as unknown as {
      label: string;
      apiVersion: string;
      kind: string;
      spec: { template: { spec: { containers: Record<string, unknown>[] } } };
    };
    typo.spec.template.spec.containers[0]!.readinesProbe = {};
    expect(unknownFieldErrors([typo]).join('\n')).to.match(/readinesProbe/);
  });

  it('the schema check is live: a wrong type or a missing required field is refused', () => {
    const peer = structuredClone(workload('peer0')) as unknown as Record<string, Record<string, unknown>>;
    peer.spec!.replicas = 'one';
    expect(() => {
      validateAgainstSchema(peer as unknown as { apiVersion: string; kind: string });
    }).to.throw(/replicas/);
    const service = structuredClone(objects.find((o) => o.kind === 'Service')!) as unknown as {
      apiVersion: string;
      kind: string;
      spec: { ports: { port?: number }[] };
    };
    delete service.spec.ports[0]!.port;
    expect(() => {
      validateAgainstSchema(service);
    }).to.throw(/port/);
  });

  it('runs peer, CA, chaincode server and gateway', () => {
    const kinds = Object.fromEntries(workloads.map((w) => [w.metadata!.name!, w.kind]));
    expect(kinds).to.deep.equal({
      peer0: 'StatefulSet',
      ca: 'StatefulSet',
      chaincode: 'Deployment',
      gateway: 'StatefulSet',
    });
  });

  it('every pod runs as non-root under the restricted Pod Security Standard, root filesystem read-only', () => {
    for (const w of workloads) {
      const pod = podOf(w);
      const name = w.metadata!.name!;
      expect(pod.securityContext!.runAsNonRoot, name).to.equal(true);
      expect(pod.securityContext!.runAsUser, name).to.be.greaterThan(0);
      expect(pod.securityContext!.seccompProfile!.type, name).to.equal('RuntimeDefault');
      expect(pod.automountServiceAccountToken, name).to.equal(false);
      for (const c of [...pod.containers, ...(pod.initContainers ?? [])]) {
        expect(c.securityContext!.allowPrivilegeEscalation, c.name).to.equal(false);
        expect(c.securityContext!.capabilities!.drop, c.name).to.deep.equal(['ALL']);
        expect(c.securityContext!.readOnlyRootFilesystem, c.name).to.equal(true);
        expect(c.securityContext!.privileged ?? false, c.name).to.equal(false);
      }
    }
  });

  it('every container has requests and limits, liveness and readiness probes on ports it declares', () => {
    for (const w of workloads) {
      for (const c of podOf(w).containers) {
        for (const bound of ['requests', 'limits'] as const) {
          expect(c.resources![bound], `${c.name} ${bound}`).to.have.all.keys('cpu', 'memory');
        }
        const ports = new Set((c.ports ?? []).flatMap((p) => [p.name, p.containerPort]));
        for (const probe of [c.livenessProbe, c.readinessProbe]) {
          expect(probe, `${c.name} probe`).to.not.equal(undefined);
        }
        for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) {
          if (probe !== undefined) {
            const port = probePort(probe);
            expect(ports.has(port), `${c.name} probe port ${String(port)}`).to.be.true;
          }
        }
      }
    }
  });

  it('readiness of the gateway checks its dependencies, liveness does not', () => {
    const c = container('gateway');
    expect(c.readinessProbe!.httpGet!.path).to.equal('/readyz');
    expect(c.livenessProbe!.httpGet!.path).to.equal('/healthz');
  });

  it('images are pinned; the Fabric images are the versions network/versions.env names', () => {
    for (const w of workloads) {
      for (const c of podOf(w).containers) {
        expect(c.image, c.name).to.match(/:(\d+\.\d+\.\d+)$|@sha256:[0-9a-f]{64}$/);
      }
    }
    expect(container('peer0').image).to.equal(`hyperledger/fabric-peer:${versions.FABRIC_VERSION!}`);
    expect(container('ca').image).to.equal(`hyperledger/fabric-ca:${versions.FABRIC_CA_VERSION!}`);
  });

  it('the ledger, the CA database and the gateway data live on PersistentVolumeClaims', () => {
    const claimMountedAt = (name: string): string => {
      const set = workload(name) as IStatefulSet;
      const claims = (set.spec!.volumeClaimTemplates ?? []).map((claim) => claim.metadata!.name);
      const mounts = set.spec!.template.spec!.containers[0]!.volumeMounts ?? [];
      const mount = mounts.find((m) => claims.includes(m.name));
      expect(mount, `${name} mounts a claim`).to.not.equal(undefined);
      return mount!.mountPath;
    };
    expect(claimMountedAt('peer0')).to.equal(resolvedEnv(container('peer0')).CORE_PEER_FILESYSTEMPATH);
    expect(claimMountedAt('ca')).to.equal(resolvedEnv(container('ca')).FABRIC_CA_HOME);
    const gatewayEnv = resolvedEnv(container('gateway'));
    const data = claimMountedAt('gateway');
    expect(gatewayEnv.GATEWAY_WALLET_DIR!.startsWith(`${data}/`)).to.be.true;
    expect(gatewayEnv.GATEWAY_STATE_DIR!.startsWith(`${data}/`)).to.be.true;
  });

  it('Secrets are referenced, never embedded, and each is documented for the operator', () => {
    expect(objects.filter((o) => o.kind === 'Secret')).to.be.empty;
    const { secrets, configMaps } = referencedSources();
    for (const secret of secrets) {
      expect(operatorDoc, `Secret ${secret} in deploy/README.md`).to.include(`\`${secret}\``);
    }
    const defined = new Set(objects.filter((o) => o.kind === 'ConfigMap').map((o) => o.metadata.name));
    for (const map of configMaps) {
      if (!defined.has(map)) {
        expect(operatorDoc, `ConfigMap ${map} in deploy/README.md`).to.include(`\`${map}\``);
      }
    }
    // Every key read from the org ConfigMap exists in it.
    for (const variable of workloads.flatMap((w) => podOf(w).containers.flatMap((c) => c.env ?? []))) {
      const ref = variable.valueFrom?.configMapKeyRef;
      if (ref?.name === 'org') {
        expect(orgConfig.data, variable.name).to.have.property(ref.key);
      }
    }
  });

  it('mounted Secrets are readable by their owner and the pod group only, never by others', () => {
    for (const w of workloads) {
      for (const volume of podOf(w).volumes ?? []) {
        if (volume.secret === undefined) continue;
        const mode = volume.secret.defaultMode ?? 0o644;
        expect(mode & 0o007, `${volume.name} others`).to.equal(0);
        expect(mode & 0o222, `${volume.name} writable`).to.equal(0);
      }
    }
  });

  it('Prometheus annotations name the port each pod serves metrics on', () => {
    for (const w of workloads) {
      const annotations = w.spec!.template.metadata!.annotations ?? {};
      if (annotations['prometheus.io/scrape'] !== 'true') continue;
      const ports = podOf(w)
        .containers.flatMap((c) => c.ports ?? [])
        .map((p) => String(p.containerPort));
      expect(ports, w.metadata!.name).to.include(annotations['prometheus.io/port']);
      expect(annotations['prometheus.io/path']).to.equal('/metrics');
    }
    const scraped = workloads.filter(
      (w) => w.spec!.template.metadata!.annotations?.['prometheus.io/scrape'] === 'true',
    );
    expect(scraped.map((w) => w.metadata!.name)).to.have.members(['peer0', 'ca', 'gateway']);
  });

  it('Services select real pods and forward to ports those pods declare', () => {
    for (const service of objects.filter((o) => o.kind === 'Service') as IService[]) {
      const selected = workloads.filter((w) =>
        Object.entries(service.spec!.selector!).every(
          ([k, v]) => w.spec!.template.metadata!.labels![k] === v,
        ),
      );
      expect(selected, `Service ${service.metadata!.name!}`).to.have.length(1);
      const ports = podOf(selected[0]!).containers.flatMap((c) => c.ports ?? []);
      for (const port of service.spec!.ports!) {
        const target = ports.find((p) => p.name === port.targetPort || p.containerPort === port.targetPort);
        expect(target, `${service.metadata!.name!}:${port.port}`).to.not.equal(undefined);
        expect(target!.containerPort, 'Service port equals container port').to.equal(port.port);
      }
    }
  });

  it('network policies deny by default and open only ports the selected pods listen on', () => {
    const policies = objects.filter((o) => o.kind === 'NetworkPolicy') as INetworkPolicy[];
    const deny = policies.find((p) => p.metadata!.name === 'default-deny')!;
    expect(deny.spec!.podSelector).to.deep.equal({});
    expect(deny.spec!.policyTypes).to.have.members(['Ingress', 'Egress']);
    expect(deny.spec!.ingress ?? [], 'default-deny allows nothing').to.be.empty;
    expect(deny.spec!.egress ?? []).to.be.empty;
    for (const policy of policies) {
      const labels = policy.spec!.podSelector.matchLabels;
      if (labels === undefined) continue;
      const selected = workloads.filter((w) =>
        Object.entries(labels).every(([k, v]) => w.spec!.template.metadata!.labels![k] === v),
      );
      expect(selected, `NetworkPolicy ${policy.metadata!.name!} selects a workload`).to.have.length(1);
      const listening = new Set(
        podOf(selected[0]!)
          .containers.flatMap((c) => c.ports ?? [])
          .map((p) => p.containerPort),
      );
      for (const rule of policy.spec!.ingress ?? []) {
        for (const port of rule.ports ?? []) {
          expect(
            listening.has(port.port as number),
            `${policy.metadata!.name!} ingress port ${String(port.port)}`,
          ).to.be.true;
        }
      }
    }
    // The chaincode server may be reached by its peer only.
    const chaincode = policies.find((p) => p.metadata!.name === 'chaincode')!;
    expect(chaincode.spec!.ingress).to.deep.equal([
      {
        from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'peer' } } }],
        ports: [{ protocol: 'TCP', port: 9999 }],
      },
    ]);
  });

  it('the peer is configured like network/templates/core.yaml wherever the template fixes a value', () => {
    const template = parse(
      readFileSync(repoPath('network', 'templates', 'core.yaml'), 'utf8').replace(/\{\{(\w+)\}\}/g, '__$1__'),
    ) as Record<string, unknown>;
    /** The template's value at CORE_A_B_C, matching keys case-insensitively, or undefined. */
    const lookup = (name: string): unknown => {
      let node: unknown = template;
      let rest = name.replace(/^CORE_/, '').toLowerCase();
      while (rest !== '') {
        if (node === null || typeof node !== 'object') return undefined;
        const key = Object.keys(node).find(
          (k) => rest === k.toLowerCase() || rest.startsWith(`${k.toLowerCase()}_`),
        );
        if (key === undefined) return undefined;
        node = (node as Record<string, unknown>)[key];
        rest = rest.slice(key.length + 1);
      }
      return node;
    };
    let compared = 0;
    for (const [name, value] of Object.entries(resolvedEnv(container('peer0')))) {
      const found = name.startsWith('CORE_') ? lookup(name) : undefined;
      if (!['string', 'number', 'boolean'].includes(typeof found)) continue;
      const expected = String(found);
      if (expected.includes('__')) continue; // an address or path the template fills per node
      expect(value, name).to.equal(expected);
      compared++;
    }
    expect(compared, 'settings compared').to.be.at.least(10);
    // The chaincode runs as a service: the peer's chaincode listener stays on loopback.
    expect(resolvedEnv(container('peer0')).CORE_PEER_CHAINCODELISTENADDRESS).to.match(/^127\.0\.0\.1:/);
  });

  it('the chaincode server listens where its Service, its network policy and its image say', () => {
    const env = resolvedEnv(container('chaincode'));
    const port = Number(env.CORE_CHAINCODE_ADDRESS!.split(':').pop());
    expect(container('chaincode').ports!.map((p) => p.containerPort)).to.deep.equal([port]);
    const dockerfile = readFileSync(repoPath('deploy', 'docker', 'chaincode.Dockerfile'), 'utf8');
    expect(dockerfile).to.match(new RegExp(`^EXPOSE ${port}$`, 'm'));
  });

  it("the gateway's environment is one the gateway accepts in production mode", () => {
    const c = container('gateway');
    const env = withScratchSecrets(resolvedEnv(c));
    const config = loadConfig(env, { projectRoot: '/app' });
    expect(config.mode).to.equal('production');
    expect(config.org.mspId).to.equal(orgConfig.data!['msp-id']);
    expect(c.ports!.map((p) => p.containerPort)).to.deep.equal([config.http.port]);
    expect(config.pseudonymKeyPath, 'the municipality holds the pseudonym key').to.not.equal(undefined);
  });
});
