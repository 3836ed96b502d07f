import { expect } from 'chai';
import * as api from '@fabric-agreements/api';
import { COMPONENT_SCHEMAS, COMPONENT_SOURCES } from 'agreements-gateway/http/openapi/components';
import { startTestApp, type TestApp } from './support/test-app';

interface Document {
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
  readonly components: { readonly schemas: Readonly<Record<string, unknown>> };
}
interface Operation {
  readonly requestBody?: Media;
  readonly responses: Readonly<Record<string, Media>>;
}
interface Media {
  readonly content?: Readonly<Record<string, { readonly schema?: unknown }>>;
}

const REF = '#/components/schemas/';

/** Every `$ref` target in a schema. */
function referencesIn(node: unknown): string[] {
  if (typeof node !== 'object' || node === null) {
    return [];
  }
  const own = (node as { $ref?: unknown }).$ref;
  return [
    ...(typeof own === 'string' ? [own.slice(REF.length)] : []),
    ...Object.values(node).flatMap(referencesIn),
  ];
}

describe('gateway: every schema of the OpenAPI document comes from @fabric-agreements/api', () => {
  let app: TestApp;
  let document: Document;

  before(async () => {
    app = await startTestApp();
    document = (await (await fetch(`${app.baseUrl}/api/v1/openapi.json`)).json()) as Document;
  });
  after(() => app.close());

  it('names each component after a schema the package exports, and nothing hand-written', () => {
    const exported = new Set<unknown>(Object.values(api));
    const foreign = Object.entries(COMPONENT_SOURCES).filter(([, schema]) => !exported.has(schema));
    expect(foreign.map(([name]) => name)).to.deep.equal([]);
  });

  it('serves exactly those components', () => {
    expect(document.components.schemas).to.deep.equal(
      JSON.parse(JSON.stringify(COMPONENT_SCHEMAS)) as unknown,
    );
  });

  it('gives every JSON request and response a component (or a list of one)', () => {
    // The gateway's answers about itself (not the ledger's), described where they are served: system-routes.ts.
    const own = new Set(['/healthz', '/readyz', '/api/v1/domains', '/api/v1/me']);
    const inline: string[] = [];
    const refs: string[] = [];
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const media = [operation.requestBody, ...Object.values(operation.responses)];
        for (const [type, { schema }] of media.flatMap((part) => Object.entries(part?.content ?? {}))) {
          const targets = referencesIn(schema);
          refs.push(...targets);
          if (type.includes('json') && targets.length === 0 && !own.has(path)) {
            inline.push(`${method} ${path}`);
          }
        }
      }
    }
    expect(inline).to.deep.equal([]);
    expect(refs.filter((name) => !(name in COMPONENT_SOURCES))).to.deep.equal([]);
  });
});
