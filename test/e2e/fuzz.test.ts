/**
 * Issue 9, item 12: bad input never answers 5xx. A property-based fuzz test (fast-check) over every operation of
 * each running gateway's OpenAPI document: random path parameters (bad percent-encodings included), query
 * parameters (declared and unknown), headers (content type and encoding included), bodies built from and around the
 * request schemas, with and without a valid token. Every answer must be below 500, every error must be the one
 * problem envelope, and no canary value the fuzzer sent may come back in an error or appear in the gateway's log.
 *
 * Bounded by time (FUZZ_TIME_LIMIT_MS, default 60 s) rather than by runs, so it fits the suite on a small machine;
 * FUZZ_SEED replays a failure (the seed is printed on failure by fast-check).
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { openSync, readSync, statSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { FABRIC_HOME, gatewayLogsWritten } from '../support/network';
import { GATEWAY_URL, type GatewayOrg, type PersonName, tokenFor } from './support/gateways';
import { responseChecker } from './support/response-check';

const TIME_LIMIT_MS = Number(process.env.FUZZ_TIME_LIMIT_MS ?? '60000');
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
/**
 * Requests per second at most: well under the gateways' rate limit (GATEWAY_RATE_LIMIT_PER_MINUTE, 6000 per client
 * address), so the fuzzer tests the gateways rather than the limiter and leaves the window to the tests after it.
 */
const MAX_RATE_PER_S = Number(process.env.FUZZ_MAX_RATE_PER_S ?? '40');

/** A marker no gateway could produce by itself: if it comes back, it was echoed. */
const CANARY = `Qx9canary${Date.now().toString(36)}`;
/** What the canary looks like inside a CPR-shaped value. */
const CANARY_CPR = '0707078123';
const CANARIES = [CANARY, CANARY_CPR];

const USER_OF: Readonly<Record<GatewayOrg, PersonName>> = {
  municipality: 'sara',
  placement: 'karin',
  consultancy: 'ole',
};

type Schema = Readonly<Record<string, unknown>>;

interface Operation {
  readonly org: GatewayOrg;
  readonly method: string;
  readonly path: string;
  readonly pathParams: readonly { readonly name: string; readonly schema: Schema }[];
  readonly queryParams: readonly { readonly name: string; readonly schema: Schema }[];
  readonly body: Schema | undefined;
  readonly stream: boolean;
}

/** Every operation of one gateway, from its own OpenAPI document. */
async function operationsOf(org: GatewayOrg): Promise<{ operations: Operation[]; components: Schema }> {
  const response = await fetch(`${GATEWAY_URL[org]}/api/v1/openapi.json`);
  expect(response.status).to.equal(200);
  const document = (await response.json()) as {
    paths: Record<string, Record<string, Record<string, unknown>>>;
    components: { schemas: Schema };
  };
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, spec] of Object.entries(methods)) {
      const parameters = (spec.parameters ?? []) as { name: string; in: string; schema: Schema }[];
      const content = (spec.requestBody as { content?: Record<string, { schema: Schema }> } | undefined)
        ?.content;
      const responses = spec.responses as Record<string, { content?: Record<string, unknown> }>;
      operations.push({
        org,
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path'),
        queryParams: parameters.filter((p) => p.in === 'query'),
        body: content?.['application/json']?.schema,
        stream: Object.keys(responses['200']?.content ?? {}).includes('text/event-stream'),
      });
    }
  }
  return { operations, components: document.components.schemas };
}

/** Strings meant to break things: bad percent-encodings, control-ish characters, unicode, the canaries. */
const HOSTILE_SEGMENT = fc.constantFrom(
  '%ZZ',
  '%',
  '%E0%A4%A',
  '%C0%AF',
  '%00',
  '%2F..%2F',
  `${CANARY}%`,
  `%${CANARY}`,
  encodeURIComponent(`${CANARY} ø`),
  CANARY_CPR,
  `${CANARY}..`,
  'x'.repeat(300),
);

/** Values of one JSON Schema `type`. */
type ValuesOfType = (schema: Schema, components: Schema, depth: number) => fc.Arbitrary<unknown>;

const VALUES_BY_TYPE = new Map<unknown, ValuesOfType>([
  ['integer', (schema) => integerOf(schema)],
  ['number', () => fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 })],
  ['boolean', () => fc.boolean()],
  ['array', (schema, components, depth) => arrayOf(schema, components, depth)],
  ['object', (schema, components, depth) => objectOf(schema, components, depth)],
  ['string', (schema) => stringOf(schema)],
]);

/** A value for a schema, valid most of the time, with the canary wherever free text may go. */
function valueOf(schema: Schema, components: Schema, depth = 0): fc.Arbitrary<unknown> {
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const target = components[ref.replace('#/components/schemas/', '')] as Schema | undefined;
    return target === undefined || depth > 6 ? fc.constant(null) : valueOf(target, components, depth + 1);
  }
  const choice = choiceOf(schema, components, depth);
  if (choice !== undefined) return choice;
  const ofType = VALUES_BY_TYPE.get(schema.type);
  return ofType === undefined
    ? fc.oneof(fc.constant(CANARY), fc.integer(), fc.constant(null))
    : ofType(schema, components, depth);
}

/** One of a `oneOf`'s or `anyOf`'s options, the `const`, or one of the `enum`; `undefined` for other schemas. */
function choiceOf(schema: Schema, components: Schema, depth: number): fc.Arbitrary<unknown> | undefined {
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0) {
      return fc.oneof(...(options as Schema[]).map((option) => valueOf(option, components, depth + 1)));
    }
  }
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  return undefined;
}

function integerOf(schema: Schema): fc.Arbitrary<number> {
  const min = typeof schema.minimum === 'number' ? schema.minimum : -1000;
  const max = typeof schema.maximum === 'number' ? Math.min(schema.maximum, min + 1_000_000) : min + 1000;
  return fc.integer({ min, max });
}

function arrayOf(schema: Schema, components: Schema, depth: number): fc.Arbitrary<unknown[]> {
  const items = (schema.items ?? {}) as Schema;
  const minLength = typeof schema.minItems === 'number' ? schema.minItems : 0;
  return fc.array(valueOf(items, components, depth + 1), {
    minLength,
    maxLength: Math.max(minLength, 3),
  });
}

function stringOf(schema: Schema): fc.Arbitrary<string> {
  if (schema.format === 'date') {
    return fc.constantFrom('2026-01-01', '2026-02-30', '2026-06-31', '2031-12-31');
  }
  if (schema.format === 'date-time') return fc.constant(new Date().toISOString());
  if (typeof schema.pattern === 'string') {
    const pattern = schema.pattern;
    if (pattern.includes('[0-9]{6}-?[0-9]{4}')) {
      // CPR-shaped: the canary, a real child's number, or an impossible date.
      return fc.constantFrom(
        CANARY_CPR,
        '150318-4321',
        '310618-4321',
        `${CANARY_CPR.slice(0, 6)}-${CANARY_CPR.slice(6)}`,
      );
    }
    return fc.oneof(
      { weight: 6, arbitrary: fc.stringMatching(new RegExp(pattern)).filter((s) => s.length < 200) },
      { weight: 1, arbitrary: fc.constant(CANARY) },
    );
  }
  const maxLength = typeof schema.maxLength === 'number' ? Math.min(schema.maxLength, 200) : 200;
  return fc.oneof(
    fc.constant(CANARY),
    fc
      .string({ minLength: 1, maxLength })
      .map((s) => `${s}${CANARY}`.slice(0, Math.max(maxLength, CANARY.length))),
  );
}

function objectOf(schema: Schema, components: Schema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required ?? []) as string[]);
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) {
    record[name] = valueOf(property, components, depth + 1);
  }
  const known = fc.record(record, {
    requiredKeys: Object.keys(properties).filter((name) => required.has(name)),
  });
  return fc.tuple(known, rarely, rarely).map(([value, unknownKey, dropRequired]) => {
    const result: Record<string, unknown> = { ...value };
    if (unknownKey) result[CANARY_CPR] = CANARY; // an unknown property whose name could be a CPR number
    const firstRequired = [...required][0];
    return dropRequired && firstRequired !== undefined
      ? Object.fromEntries(Object.entries(result).filter(([name]) => name !== firstRequired))
      : result;
  });
}

/** `true` about one time in eight: most requests are valid but for one thing. */
const rarely = fc.oneof(
  { weight: 7, arbitrary: fc.constant(false) },
  { weight: 1, arbitrary: fc.constant(true) },
);

/** Mostly `usual`, sometimes one of the `others`. */
function mostly<T>(usual: T, ...others: T[]): fc.Arbitrary<T> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(usual) },
    { weight: 2, arbitrary: fc.constantFrom(...others) },
  );
}

/** A body: from the schema, around it (wrong JSON types, garbage), or raw bytes. */
function bodyOf(operation: Operation, components: Schema): fc.Arbitrary<string | undefined> {
  const fromSchema =
    operation.body === undefined
      ? fc.constant<unknown>({})
      : valueOf(operation.body, components).map((value) => value);
  return fc.oneof(
    { weight: 12, arbitrary: fromSchema.map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(`{"a":"${CANARY}"`, CANARY, '[]', 'null', '"x"', '{"__proto__":{}}'),
    },
    {
      weight: 1,
      arbitrary: fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
    },
  );
}

interface FuzzRequest {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string | Uint8Array | undefined;
  readonly authenticated: boolean;
}

function requestOf(operation: Operation, components: Schema): fc.Arbitrary<FuzzRequest> {
  const segments = operation.pathParams.map((parameter) =>
    fc.oneof(
      { weight: 8, arbitrary: valueOf(parameter.schema, components).map(String) },
      { weight: 1, arbitrary: HOSTILE_SEGMENT },
    ),
  );
  const query = fc.tuple(
    ...operation.queryParams.map((parameter) =>
      fc.option(
        fc.oneof(
          { weight: 6, arbitrary: valueOf(parameter.schema, components).map(String) },
          { weight: 1, arbitrary: fc.constantFrom(CANARY, '%ZZ') },
        ),
        { nil: undefined },
      ),
    ),
    rarely,
  );
  const contentType = mostly<string | undefined>(
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=latin1',
    `application/json; charset=${CANARY}`,
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    ';;=',
    `${CANARY}/json`,
    undefined,
  );
  const encoding = mostly<string | undefined>(
    undefined,
    'identity',
    'gzip',
    'gzip-valid',
    'deflate',
    'br',
    `x-${CANARY}`,
    'gzip, gzip',
  );
  const authorization = mostly('valid', 'none', 'garbage', 'basic');
  return fc
    .record({
      segments: fc.tuple(...segments),
      query,
      contentType,
      encoding,
      authorization,
      body:
        operation.method === 'GET' || operation.method === 'HEAD'
          ? fc.constant(undefined)
          : bodyOf(operation, components),
      extraHeader: mostly<string | undefined>(
        undefined,
        'idempotency-key',
        'last-event-id',
        'accept',
        'fabric-min-block',
      ),
    })
    .map(
      ({ segments: values, query: queryValues, contentType, encoding, authorization, body, extraHeader }) => {
        const encoded = encodedBody(contentType, encoding, body);
        return {
          path: `${pathOf(operation.path, values)}${queryOf(operation.queryParams, queryValues)}`,
          headers: {
            ...encoded.headers,
            ...AUTHORIZATION_HEADERS.get(authorization),
            ...(extraHeader === undefined ? {} : EXTRA_HEADERS.get(extraHeader)),
          },
          body: encoded.sent,
          authenticated: authorization === 'valid',
        };
      },
    );
}

/** The path with the segments filled in: a valid-looking value encoded as a client would, a hostile one raw. */
function pathOf(template: string, values: readonly string[]): string {
  let index = 0;
  return template.replace(/\{[^}]+\}/g, () => {
    const value = values[index++] ?? '';
    return /^[A-Za-z0-9._:-]*$/.test(value) || value.includes('%') ? value : encodeURIComponent(value);
  });
}

/** `?…` with the declared parameters given, and an unknown one when the last value says so; `''` for none. */
function queryOf(declared: Operation['queryParams'], values: readonly unknown[]): string {
  const parameters: string[] = [];
  declared.forEach((parameter, i) => {
    const value = values[i] as string | undefined;
    if (value !== undefined)
      parameters.push(`${parameter.name}=${value.includes('%') ? value : encodeURIComponent(value)}`);
  });
  if (values[declared.length] === true) parameters.push(`${CANARY}=${CANARY_CPR}`);
  return parameters.length > 0 ? `?${parameters.join('&')}` : '';
}

/** A body as sent, with its content type and encoding (`gzip-valid`: gzip that inflates). */
function encodedBody(
  contentType: string | undefined,
  encoding: string | undefined,
  body: string | undefined,
): { readonly headers: Record<string, string>; readonly sent: string | Uint8Array | undefined } {
  if (body === undefined) return { headers: {}, sent: undefined };
  const headers: Record<string, string> = contentType === undefined ? {} : { 'content-type': contentType };
  if (encoding === 'gzip-valid') {
    return { headers: { ...headers, 'content-encoding': 'gzip' }, sent: gzipSync(Buffer.from(body)) };
  }
  return {
    headers: encoding === undefined ? headers : { ...headers, 'content-encoding': encoding },
    sent: body,
  };
}

/** The `authorization` choices other than a valid token (added when sent) and none. */
const AUTHORIZATION_HEADERS = new Map<string, Record<string, string>>([
  ['garbage', { authorization: `Bearer ${CANARY}.${CANARY}.${CANARY}` }],
  ['basic', { authorization: `Basic ${Buffer.from(`${CANARY}:x`).toString('base64')}` }],
]);

/** The `extraHeader` choices: headers with a value no gateway should take, or repeat. */
const EXTRA_HEADERS = new Map<string, Record<string, string>>([
  ['idempotency-key', { 'idempotency-key': `${CANARY}-key` }],
  ['last-event-id', { 'last-event-id': CANARY }],
  ['accept', { accept: `${CANARY}/x` }],
  ['fabric-min-block', { 'fabric-min-block': `placements:1, ${CANARY}:x` }],
]);

const PROBLEM_KEYS = new Set([
  'type',
  'title',
  'status',
  'code',
  'detail',
  'details',
  'requestId',
  'transactionId',
]);

/**
 * Sends a fuzzed request, with the person's token when it is to be authenticated; a request the gateway has not
 * answered in 90 s is aborted (and the abort also ends an event stream once it answered).
 */
async function sendFuzzed(
  operation: Operation,
  request: FuzzRequest,
  token: string | undefined,
): Promise<{ readonly response: Response; readonly abort: AbortController }> {
  const headers = { ...request.headers };
  if (request.authenticated) headers.authorization = `Bearer ${token ?? ''}`;
  const abort = new AbortController();
  const timer = setTimeout(() => {
    abort.abort();
  }, 90_000);
  try {
    const response = await fetch(`${GATEWAY_URL[operation.org]}${request.path}`, {
      method: operation.method,
      headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: abort.signal,
    });
    return { response, abort };
  } finally {
    clearTimeout(timer);
  }
}

/** An error answer is the one problem envelope, and repeats none of the canaries. */
function expectProblem(what: string, status: number, type: string, text: string): void {
  expect(type, what).to.match(/^application\/problem\+json/);
  const problem = JSON.parse(text) as Record<string, unknown>;
  expect(
    Object.keys(problem).filter((key) => !PROBLEM_KEYS.has(key)),
    what,
  ).to.deep.equal([]);
  expect(problem.status, what).to.equal(status);
  expect(problem.code, what).to.be.a('string');
  expect(problem.type, what).to.equal(`urn:fabric-agreements:error:${String(problem.code)}`);
  for (const canary of CANARIES) {
    expect(text, `${what}: the answer repeats input`).not.to.include(canary);
  }
}

/** Reads what a gateway appended to its log since `offset`. */
function logSince(org: GatewayOrg, offset: number): string {
  const file = join(FABRIC_HOME, 'logs', `gateway-${org}.log`);
  const size = statSync(file).size;
  if (size <= offset) return '';
  const buffer = Buffer.alloc(size - offset);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, offset);
  } finally {
    closeSync(fd);
  }
  return buffer.toString('utf8');
}

function logSize(org: GatewayOrg): number {
  return statSync(join(FABRIC_HOME, 'logs', `gateway-${org}.log`)).size;
}

describe('REST gateway fuzz: bad input never answers 5xx, never echoes (issue 9, item 12)', function () {
  this.timeout(TIME_LIMIT_MS * 3 + 60_000);
  const orgs: readonly GatewayOrg[] = ['municipality', 'placement', 'consultancy'];
  const logOffsets = new Map<GatewayOrg, number>();
  let sent = 0;
  /** Answers by status and error code: printed with FUZZ_VERBOSE=1, to see what the fuzzer reached. */
  const seen = new Map<string, number>();

  before(function () {
    for (const org of orgs) logOffsets.set(org, logSize(org));
  });

  it('answers every fuzzed request of every operation below 500, in the one envelope, without the canary', async function () {
    const byOrg = await Promise.all(orgs.map(async (org) => ({ org, ...(await operationsOf(org)) })));
    const arbitraries = byOrg.flatMap(({ operations, components }) =>
      operations.map((operation) =>
        requestOf(operation, components).map((request) => ({ operation, request })),
      ),
    );
    let nextSlot = Date.now();
    const tokens = new Map<GatewayOrg, string>();
    for (const org of orgs) tokens.set(org, await tokenFor(USER_OF[org]));

    await fc.assert(
      fc.asyncProperty(fc.oneof(...arbitraries), async ({ operation, request }) => {
        const wait = nextSlot - Date.now();
        nextSlot = Math.max(nextSlot, Date.now()) + 1000 / MAX_RATE_PER_S;
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const { response, abort } = await sendFuzzed(operation, request, tokens.get(operation.org));
        sent++;
        const key = `${operation.method} ${response.status.toString()}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
        const what = `${operation.method} ${operation.path} → ${response.status.toString()} (${request.path.slice(0, 120)})`;
        const type = response.headers.get('content-type') ?? '';
        if (operation.stream && response.status === 200) {
          expect(type, what).to.match(/^text\/event-stream/);
          abort.abort();
          await response.body?.cancel().catch(() => undefined);
          return;
        }
        const text = await response.text();
        expect(response.status, `${what} ${text.slice(0, 300)}`).to.be.below(500);
        if (response.status >= 400) expectProblem(what, response.status, type, text);
        const body = type.includes('json') && text !== '' ? (JSON.parse(text) as unknown) : undefined;
        const checker = await responseChecker(GATEWAY_URL[operation.org]);
        expect(
          checker.issues(operation.method, request.path, response.status, type, body),
          `${what} as the OpenAPI document describes it`,
        ).to.deep.equal([]);
      }),
      {
        interruptAfterTimeLimit: TIME_LIMIT_MS,
        numRuns: 100_000,
        ...(SEED === undefined ? {} : { seed: SEED }),
      },
    );
    if (process.env.FUZZ_VERBOSE === '1') {
      console.log(`fuzz: ${sent.toString()} requests`, Object.fromEntries([...seen].sort()));
    }
    expect(sent, 'the fuzzer reached the gateways').to.be.greaterThan(50);
  });

  it("leaves no canary and no stack trace in any gateway's log", async function () {
    await gatewayLogsWritten();
    for (const org of orgs) {
      const written = logSince(org, logOffsets.get(org) ?? 0);
      for (const canary of CANARIES) {
        expect(written.includes(canary), `the ${org} gateway logged fuzzed input`).to.equal(false);
      }
      expect(written, `the ${org} gateway logged a stack trace`).not.to.match(/"stack"/);
    }
  });
});
