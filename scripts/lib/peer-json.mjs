#!/usr/bin/env node
// Reads the JSON a Fabric CLI printed (on standard input) and answers one question, so that no script parses JSON
// with sed or grep:
//   peer-json.mjs committed-sequence          querycommitted --output json → its sequence (empty if none)
//   peer-json.mjs committed-version           querycommitted --output json → its version (empty if none)
//   peer-json.mjs installed PACKAGE_ID        queryinstalled --output json → exit 0 if the package is installed
//   peer-json.mjs approved PACKAGE_ID         queryapproved --output json → exit 0 if approved with that package
//   peer-json.mjs height                      `peer channel getinfo` ("Blockchain info: {…}") → the block height
import { readFileSync } from 'node:fs';

const [question, argument] = process.argv.slice(2);
const input = readFileSync(0, 'utf8');
/** The first JSON object in the input (getinfo prefixes it with a label); undefined when there is none. */
function document() {
  const start = input.indexOf('{');
  if (start < 0) return undefined;
  try {
    return JSON.parse(input.slice(start));
  } catch {
    return undefined;
  }
}
const doc = document();
/** Whether `value` occurs as a string anywhere in `node`. */
const holds = (node, value) =>
  node === value ||
  (typeof node === 'object' && node !== null && Object.values(node).some((v) => holds(v, value)));
switch (question) {
  case 'committed-sequence':
    if (Number.isInteger(doc?.sequence)) console.log(doc.sequence);
    break;
  case 'committed-version':
    if (typeof doc?.version === 'string') console.log(doc.version);
    break;
  case 'installed':
  case 'approved':
    // The package id appears as a value (package_id) in either document; its field's spelling differs by version.
    process.exitCode = holds(doc, argument) ? 0 : 1;
    break;
  case 'height':
    if (Number.isInteger(doc?.height)) console.log(doc.height);
    else process.exitCode = 1;
    break;
  default:
    process.stderr.write(`peer-json: unknown question ${question ?? ''}\n`);
    process.exitCode = 2;
}
