import { vi } from 'vitest';

/** A request the fake gateway received. */
export interface Received {
  readonly method: string;
  readonly path: string;
  readonly headers: Headers;
  readonly body: string;
}

type Handler = (
  request: Received,
) => { status?: number; body: unknown; headers?: Record<string, string> } | undefined;

/**
 * Stands in for the organisation's gateway: answers `fetch` from a handler and records every request, so a test can
 * check what left the browser.
 */
export function fakeGateway(handler: Handler): Received[] {
  const received: Received[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const request =
      input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'), init);
    const url = new URL(request.url, 'http://localhost');
    const entry: Received = {
      method: request.method,
      path: url.pathname + url.search,
      headers: request.headers,
      body: request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text(),
    };
    received.push(entry);
    const answer = handler(entry) ?? { status: 404, body: { code: 'ROUTE_NOT_FOUND', status: 404 } };
    const status = answer.status ?? 200;
    return new Response(JSON.stringify(answer.body), {
      status,
      headers: {
        'content-type': status >= 400 ? 'application/problem+json' : 'application/json',
        ...answer.headers,
      },
    });
  });
  return received;
}

/** The session `GET /auth/session` answers for one of the story's people. */
export function sessionOf(
  name: string,
  role: string,
  organisation = 'Høje-Taastrup Kommune',
  mspId = 'MunicipalityMSP',
) {
  return {
    person: { name, displayName: name.charAt(0).toUpperCase() + name.slice(1), role, organisation, mspId },
    csrfToken: 'csrf-test-token',
    domains: ['placements'],
  };
}

/** The registry of the story's domain. */
export const REGISTRY = {
  municipality: { mspId: 'MunicipalityMSP', name: 'Høje-Taastrup Kommune', kind: 'municipality' },
  providers: [
    { mspId: 'PlacementSiteMSP', name: 'Opholdsstedet Østervold', kind: 'placement_site' },
    { mspId: 'ConsultancyMSP', name: 'Samværskonsulenterne', kind: 'consultancy' },
  ],
  delegationRule: {
    version: 1,
    tiers: [
      {
        fromMonthlyValue: 0,
        alternatives: [[{ role: 'director', count: 1 }], [{ role: 'centre_head', count: 2 }]],
      },
    ],
  },
};
