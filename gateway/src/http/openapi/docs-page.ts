import { catalogueEntries } from '../../errors/catalogue';
import type { JsonSchema, OperationSpec } from '../operation';
import { COMPONENT_REF_PREFIX } from './schema-builders';

/**
 * A self-contained HTML rendering of the API (no scripts, no CDN, so it works under the strict Content Security
 * Policy and offline): every operation with its parameters, body schema and responses, and the error catalogue.
 * The machine-readable document is at `/api/v1/openapi.json`.
 */
export function renderDocsPage(
  title: string,
  operations: readonly OperationSpec[],
  components: Readonly<Record<string, JsonSchema>>,
): string {
  const byTag = new Map<string, OperationSpec[]>();
  for (const operation of operations) {
    byTag.set(operation.tag, [...(byTag.get(operation.tag) ?? []), operation]);
  }
  const sections = [...byTag.entries()]
    .map(
      ([tag, list]) =>
        `<section><h2>${escape(tag)}</h2>${list.map((operation) => renderOperation(operation)).join('')}</section>`,
    )
    .join('');
  const errors = catalogueEntries()
    .map((entry) => `<tr><td><code>${escape(entry.code)}</code></td><td>${entry.status.toString()}</td></tr>`)
    .join('');
  const schemas = Object.entries(components)
    .map(
      ([name, schema]) =>
        `<div class="op" id="schema-${escape(name)}"><b>${escape(name)}</b>${schemaBlock(schema)}</div>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.6rem}h2{border-bottom:1px solid #ccc;padding-bottom:.3rem;margin-top:2.5rem}
.op{border:1px solid #ddd;border-radius:6px;margin:1rem 0;padding:.6rem 1rem}
.m{display:inline-block;min-width:4.5rem;font-weight:700;text-transform:uppercase}
.get{color:#0b6e4f}.post{color:#1f4e9c}.put{color:#8a5a00}.delete{color:#a11}
code,pre{background:#f5f5f5;border-radius:4px}pre{padding:.5rem;overflow:auto;font-size:.8rem}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .6rem;text-align:left}
details summary{cursor:pointer}
</style></head><body>
<h1>${escape(title)}</h1>
<p>Machine-readable description: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).
Authenticate with <code>Authorization: Bearer &lt;access token&gt;</code>. Writes accept an
<code>Idempotency-Key</code> header and return <code>{transactionId, blockNumber, data}</code>.</p>
${sections}
<section><h2>Schemas</h2>${schemas}</section>
<section><h2>Error codes</h2><p>Every error is an RFC 9457 problem document with one of these codes.</p>
<table><tr><th>code</th><th>status</th></tr>${errors}</table></section>
</body></html>`;
}

function renderOperation(operation: OperationSpec): string {
  const parameters = [
    ...Object.entries(operation.pathParams ?? {}).map(([name, p]) => ({
      name,
      where: 'path',
      ...p,
      required: true,
    })),
    ...Object.entries(operation.queryParams ?? {}).map(([name, p]) => ({ name, where: 'query', ...p })),
  ];
  const parameterRows = parameters
    .map(
      (p) =>
        `<tr><td><code>${escape(p.name)}</code></td><td>${p.where}</td><td>${p.required === true ? 'yes' : 'no'}</td><td>${escape(p.description)}</td></tr>`,
    )
    .join('');
  const responses = Object.entries(operation.responses)
    .map(([status, response]) => `<li><b>${status}</b> ${escape(response.description)}</li>`)
    .join('');
  return `<div class="op" id="${escape(operation.operationId)}">
<div><span class="m ${operation.method}">${operation.method}</span> <code>${escape(operation.path)}</code>
${operation.auth ? '' : ' <small>(no token)</small>'}</div>
<p><b>${escape(operation.summary)}</b>${operation.description === undefined ? '' : ` ${escape(operation.description)}`}</p>
${parameterRows === '' ? '' : `<table><tr><th>parameter</th><th>in</th><th>required</th><th>description</th></tr>${parameterRows}</table>`}
${operation.requestBody === undefined ? '' : `<p>Request body: ${escape(operation.requestBody.description)}</p>${schemaBlock(operation.requestBody.schema)}`}
<ul>${responses}</ul>
${operation.errors === undefined ? '' : `<p><small>Typical errors: ${operation.errors.map((code) => `<code>${escape(code)}</code>`).join(' ')}</small></p>`}
</div>`;
}

/** A schema as JSON, with component references turned into links. */
function schemaBlock(schema: JsonSchema): string {
  const json = escape(JSON.stringify(schema, null, 2));
  const prefix = escape(COMPONENT_REF_PREFIX);
  return `<pre>${json.replace(new RegExp(`${prefix}([A-Za-z]+)`, 'g'), '<a href="#schema-$1">$1</a>')}</pre>`;
}

function escape(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0).toString()};`);
}
