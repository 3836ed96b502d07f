/**
 * How long receiving one OIOUBL invoice takes (safe parse, schema, profile rules, parties, totals, mapping): cold — the
 * start of a process (loading libxml2's WebAssembly, compiling the schemas: `prepareSchemas`), the first document after
 * it, and warm, every later one.
 * Not a test: it prints a table. Run cold in a fresh process:
 *
 *   npm run bench:oioubl                 # 1 cold + 200 warm receipts of the case story's invoice (3 lines)
 *   npm run bench:oioubl -- 100          # ... of a 100-line invoice
 */
import { performance } from 'node:perf_hooks';
import { prepareSchemas, receiveDocument } from '@fabric-agreements/oioubl';
import { BUYER, bytes, PLACEMENT_LINES, placementInvoice, SELLER } from '../../test/unit/oioubl/fixtures';

const WARM_RUNS = 200;

async function main(): Promise<void> {
  const lineCount = Number(process.argv[2] ?? PLACEMENT_LINES.length);
  const lines = Array.from({ length: lineCount }, (_, index) => ({
    ...PLACEMENT_LINES[0],
    ...PLACEMENT_LINES[index % PLACEMENT_LINES.length],
    item: `line-${index + 1}`,
  })) as typeof PLACEMENT_LINES;
  const document = bytes(placementInvoice({ lines }));
  const options = { buyer: BUYER, seller: SELLER };

  const prepareStart = performance.now();
  await prepareSchemas();
  const prepare = performance.now() - prepareStart;
  const firstStart = performance.now();
  await receiveDocument(document, options);
  const first = performance.now() - firstStart;

  const warm: number[] = [];
  for (let run = 0; run < WARM_RUNS; run++) {
    const start = performance.now();
    await receiveDocument(document, options);
    warm.push(performance.now() - start);
  }
  warm.sort((a, b) => a - b);
  const at = (fraction: number): string => (warm[Math.floor(fraction * (warm.length - 1))] ?? 0).toFixed(2);
  console.log(`OIOUBL invoice: ${lineCount} lines, ${document.byteLength} bytes`);
  console.log(
    `cold: loading libxml2 (WebAssembly) and compiling the UBL 2.1 schemas: ${prepare.toFixed(1)} ms`,
  );
  console.log(`first document after that: ${first.toFixed(1)} ms`);
  console.log(`warm over ${WARM_RUNS} runs: median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`);
}

void main();
