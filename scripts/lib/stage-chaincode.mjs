// Stages the chaincode as it ships: `peer lifecycle chaincode package` and the peers' node builder see only the
// chaincode directory, and the shared package (@fabric-agreements/api) is a workspace, not on npm. So the staged copy
// vendors every workspace package the chaincode depends on under vendor/<dir> and names it as a `file:` dependency;
// `.npmrc` says install-links, so `npm ci` on a peer copies it into node_modules (no symlink leaves the build output).
//
//   node scripts/lib/stage-chaincode.mjs OUT            the whole package: package.json, lockfile, dist, vendor
//   node scripts/lib/stage-chaincode.mjs OUT --manifest only the manifests, to write the lockfile from
//
// The same staging feeds scripts/lock-chaincode.sh, so the lockfile always matches what ships.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const chaincode = join(root, 'chaincode');
const [out, mode] = process.argv.slice(2);
if (out === undefined || (mode !== undefined && mode !== '--manifest')) {
  console.error('usage: stage-chaincode.mjs OUT [--manifest]');
  process.exit(2);
}
const manifestOnly = mode === '--manifest';
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** Workspace packages by name: the ones under packages/ are what the chaincode may vendor. */
const workspaces = new Map(
  readJson(join(root, 'package.json'))
    .workspaces.filter((dir) => dir.startsWith('packages/'))
    .map((dir) => [readJson(join(root, dir, 'package.json')).name, dir]),
);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const manifest = readJson(join(chaincode, 'package.json'));
const dependencies = { ...manifest.dependencies };
for (const name of Object.keys(dependencies)) {
  const dir = workspaces.get(name);
  if (dir === undefined) {
    continue;
  }
  const source = join(root, dir);
  const target = join(out, 'vendor', dir.slice('packages/'.length));
  const vendored = readJson(join(source, 'package.json'));
  delete vendored.scripts;
  delete vendored.devDependencies;
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, 'package.json'), `${JSON.stringify(vendored, null, 2)}\n`);
  if (!manifestOnly) {
    for (const entry of vendored.files ?? []) {
      if (!existsSync(join(source, entry))) {
        console.error(`stage-chaincode: ${dir}/${entry} is missing; build ${name} first`);
        process.exit(1);
      }
      cpSync(join(source, entry), join(target, entry), { recursive: true });
    }
  }
  dependencies[name] = `file:vendor/${dir.slice('packages/'.length)}`;
}
delete manifest.devDependencies;
writeFileSync(join(out, 'package.json'), `${JSON.stringify({ ...manifest, dependencies }, null, 2)}\n`);
writeFileSync(join(out, '.npmrc'), 'install-links=true\n');
if (!manifestOnly) {
  cpSync(join(chaincode, 'package-lock.json'), join(out, 'package-lock.json'));
  cpSync(join(chaincode, 'dist'), join(out, 'dist'), { recursive: true });
}
