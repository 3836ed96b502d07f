/**
 * What the trust measures cost, in the same run as a reference: sealing a child's record to a one-time key (the
 * chaincode's side of a personal-data read, plus the gateway's key generation and opening), and checking the
 * proposal timestamp against the peer's clock, each against the latency of the cheapest evaluation on the real
 * network (`OrganisationContract:WhoAmI` through fabric-gateway, when the network runs). Not a test: it prints a
 * table.
 *
 *   npm run bench:trust                  # 2000 sealed reads, 200 000 clock checks, 300 WhoAmI evaluations
 */
import { performance } from 'node:perf_hooks';
import { canonicalJson } from 'agreements-chaincode/core/canonical-json';
import { requireProposalTimeNearPeerClock, runtimePeer } from 'agreements-chaincode/contract/endorsing-peer';
import { oneTimeReaderKey, open, readerPublicKey, seal, sealContext } from '@fabric-agreements/api';
import type { ChaincodeStub } from 'agreements-chaincode/contract/stub';
import { DirectTarget } from './targets';

/** A record the size of a real one: the pair collection's fields and the municipality's case facts. */
const RECORD = {
  child: {
    name: 'Preben Hansen Jørgensen',
    guardians: ['Birthe Hansen', 'Jens Jørgensen'],
    school: 'Taastrup Realskole, 4.b',
    contact: 'Birthe Hansen, 20 30 40 50',
  },
  municipal: { cpr: '0101164234', caseFacts: 'x'.repeat(2000) },
};

function timeEach(label: string, count: number, operation: () => void): { label: string; micros: number } {
  for (let i = 0; i < Math.min(200, count); i += 1) operation();
  const start = performance.now();
  for (let i = 0; i < count; i += 1) operation();
  return { label, micros: ((performance.now() - start) * 1000) / count };
}

async function timeEachAsync(label: string, count: number, operation: () => Promise<void>) {
  for (let i = 0; i < 20; i += 1) await operation();
  const start = performance.now();
  for (let i = 0; i < count; i += 1) await operation();
  return { label, micros: ((performance.now() - start) * 1000) / count };
}

async function main(): Promise<void> {
  const plaintext = canonicalJson(RECORD);
  const context = sealContext('child-pseudonym', 'f'.repeat(64));
  const rows = [
    timeEach('serialise the record only (no sealing)', 20_000, () => {
      canonicalJson(RECORD);
    }),
    timeEach('sealed read: gateway key pair + chaincode seal + gateway open', 2_000, () => {
      const reader = oneTimeReaderKey();
      const box = seal(plaintext, readerPublicKey(reader.publicKeyBase64), context);
      open(box, reader.privateKey, context);
    }),
  ];
  const now = Date.now();
  const stub = {
    getTxTimestamp: () => ({ seconds: Math.floor(now / 1000), nanos: 0 }),
  } as unknown as ChaincodeStub;
  const peer = runtimePeer();
  rows.push(
    timeEach('proposal timestamp check', 200_000, () => {
      requireProposalTimeNearPeerClock(stub, peer);
    }),
  );
  let reference: { label: string; micros: number } | undefined;
  try {
    const direct = await DirectTarget.connect('placements', 'agreements');
    try {
      reference = await timeEachAsync('reference: WhoAmI evaluated through fabric-gateway', 300, () =>
        direct.whoAmI(),
      );
    } finally {
      direct.close();
    }
  } catch (error) {
    process.stdout.write(
      `(no network reference: ${error instanceof Error ? error.message : String(error)})\n`,
    );
  }
  process.stdout.write(
    '\n| Operation | µs per operation | share of the reference evaluation |\n|---|---:|---:|\n',
  );
  for (const row of [...rows, ...(reference === undefined ? [] : [reference])]) {
    const share = reference === undefined ? '—' : `${((100 * row.micros) / reference.micros).toFixed(2)} %`;
    process.stdout.write(`| ${row.label} | ${row.micros.toFixed(1)} | ${share} |\n`);
  }
}

void main();
