/**
 * Fails when a TypeScript module reaches itself through its relative imports, type-only imports included
 * (eslint-plugin-import-x's `no-cycle` skips those, but a types cycle still ties the modules into one unit).
 * Usage: tsx scripts/lint/import-cycles.ts [directory …] (default: chaincode/src gateway/src scripts test).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '..', '..');
const DEFAULT_ROOTS = ['chaincode/src', 'gateway/src', 'scripts', 'test'];

function typeScriptFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (name === 'node_modules' || name === 'dist') {
      return [];
    }
    return statSync(path).isDirectory() ? typeScriptFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) {
    return undefined;
  }
  const base = resolve(dirname(from), specifier);
  return [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
}

function importGraph(files: readonly string[]): Map<string, readonly string[]> {
  return new Map(
    files.map((file) => {
      const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
      const targets = importedFiles.flatMap(({ fileName }) => resolveImport(file, fileName) ?? []);
      return [file, targets];
    }),
  );
}

/** Strongly connected components with more than one module (Tarjan). */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  /** The modules on the stack down to `root`: one strongly connected component. */
  const popComponent = (root: string): string[] => {
    const component: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      onStack.delete(member);
      component.push(member);
      if (member === root) {
        break;
      }
    }
    return component;
  };
  const lower = (node: string, value: number): void => {
    low.set(node, Math.min(low.get(node) ?? 0, value));
  };
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node) ?? 0);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        lower(node, low.get(next) ?? 0);
      } else if (onStack.has(next)) {
        lower(node, index.get(next) ?? 0);
      }
    }
    if (low.get(node) === index.get(node)) {
      const component = popComponent(node);
      if (component.length > 1) {
        found.push(component);
      }
    }
  };
  for (const node of graph.keys()) {
    if (!index.has(node)) {
      visit(node);
    }
  }
  return found;
}

const roots = process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_ROOTS;
const graph = importGraph(roots.flatMap((root) => typeScriptFiles(resolve(ROOT, root))));
const found = cycles(graph);
for (const component of found) {
  console.error(
    `import cycle: ${component
      .map((file) => relative(ROOT, file))
      .sort()
      .join(' ↔ ')}`,
  );
}
process.exitCode = found.length === 0 ? 0 : 1;
