// tsc compiles with rootDir ".." (the gateway imports the chaincode's error catalogue and domain vocabulary), so
// its output lands in dist/gateway/src. These one-line entry points keep the documented paths stable.
import { writeFileSync } from 'node:fs';

const entries = {
  'dist/main.js': './gateway/src/main.js',
};
for (const [file, target] of Object.entries(entries)) {
  writeFileSync(file, `'use strict';\nrequire('${target}');\n`);
}
