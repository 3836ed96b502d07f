/**
 * The root package declares every package its tests and scripts import (issue 11, item 6): nothing may work only
 * because a workspace's dependency happens to be hoisted into the root node_modules.
 */
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function sourcesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|mjs)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.includes(`${path.sep}node_modules${path.sep}`));
}

/** `@scope/name` or `name` of every bare specifier a file imports (statically, for its side effects, or dynamically). */
function importedPackages(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom|^import|\bimport\()\s*['"]([^'"]+)['"]/gm)].map(
    (m) => m[1]!,
  );
  return (
    specifiers
      // A `${…}` specifier is inside code that writes code (a template), not an import of this file.
      .filter(
        (specifier) =>
          !specifier.startsWith('.') && !specifier.startsWith('node:') && !specifier.includes('${'),
      )
      .map((specifier) =>
        specifier
          .split('/')
          .slice(0, specifier.startsWith('@') ? 2 : 1)
          .join('/'),
      )
      .filter((name) => !builtinModules.includes(name))
  );
}

describe('the root package', function () {
  it('declares every package the root tests and scripts import', function () {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    const declared = new Set(Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }));
    const undeclared = [...sourcesUnder('test'), ...sourcesUnder('scripts')].flatMap((file) =>
      importedPackages(file)
        .filter((name) => !declared.has(name))
        .map((name) => `${path.relative(ROOT, file)}: ${name}`),
    );
    expect(undeclared).to.deep.equal([]);
  });
});
