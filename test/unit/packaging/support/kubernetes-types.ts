import * as ts from 'typescript';
import { join } from 'node:path';
import { ROOT } from './paths';

/** The kubernetes-models interface of each apiVersion/kind this project writes. */
const TYPES: Readonly<Record<string, { module: string; name: string }>> = {
  'v1/ConfigMap': { module: 'kubernetes-models/v1/ConfigMap', name: 'IConfigMap' },
  'v1/Namespace': { module: 'kubernetes-models/v1/Namespace', name: 'INamespace' },
  'v1/Service': { module: 'kubernetes-models/v1/Service', name: 'IService' },
  'apps/v1/Deployment': { module: 'kubernetes-models/apps/v1/Deployment', name: 'IDeployment' },
  'apps/v1/StatefulSet': { module: 'kubernetes-models/apps/v1/StatefulSet', name: 'IStatefulSet' },
  'networking.k8s.io/v1/NetworkPolicy': {
    module: 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy',
    name: 'INetworkPolicy',
  },
};

/**
 * What the schema validators let through: a field Kubernetes does not know (a typo such as `readinesProbe` is
 * silently dropped by the API server). Each object is written as a TypeScript object literal typed with its
 * kubernetes-models interface and type-checked in memory; excess-property checks then name every unknown field.
 * Returns the compiler's messages, one per problem, prefixed with the object's label.
 */
export function unknownFieldErrors(
  objects: readonly { label: string; apiVersion: string; kind: string }[],
): string[] {
  const file = join(ROOT, 'test', 'unit', 'packaging', '__manifests__.ts');
  const imports = new Set<string>();
  const lines: string[] = [];
  objects.forEach((object, index) => {
    const type = TYPES[`${object.apiVersion}/${object.kind}`];
    if (type === undefined) {
      throw new Error(`${object.label}: no type for ${object.apiVersion} ${object.kind}`);
    }
    imports.add(`import type { ${type.name} } from '${type.module}';`);
    const body: Record<string, unknown> = { ...object };
    delete body.label;
    lines.push(`export const o${index}: ${type.name} = ${JSON.stringify(body)};`);
  });
  const source = [...imports, ...lines].join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    target: ts.ScriptTarget.ES2022,
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => (name === file ? source : readFile(name));
  host.fileExists = (name) => name === file || fileExists(name);
  host.getSourceFile = (name, language, onError, create) =>
    name === file
      ? ts.createSourceFile(name, source, language)
      : getSourceFile(name, language, onError, create);
  const program = ts.createProgram([file], options, host);
  const sourceFile = program.getSourceFile(file)!;
  return [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)].map(
    (diagnostic) => {
      const line = sourceFile.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line - imports.size;
      return `${objects[line]?.label ?? '?'}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
    },
  );
}
