/**
 * Writes the gateway's OpenAPI document to web/openapi.json from the gateway's own code, with no network and no
 * ledger: the operations are built over a Fabric client that is never called. The web build generates its typed
 * client from this file, so a change of the API breaks the UI's compile rather than its users.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { EventAudience } from 'agreements-gateway/events/event-audience';
import type { FabricClient } from 'agreements-gateway/fabric/fabric-client';
import { buildOperations, buildServices } from 'agreements-gateway/gateway';
import { buildOpenApiDocument } from 'agreements-gateway/http/openapi/document';
import { COMPONENT_SCHEMAS } from 'agreements-gateway/http/openapi/components';
import { StreamSlots } from 'agreements-gateway/http/stream-slots';

const unused = new Proxy({} as FabricClient, {
  get() {
    throw new Error('the OpenAPI document is built without a Fabric client');
  },
});

// A municipality with a pseudonym key serves every operation; the document is the same for every organisation
// apart from its title.
const services = buildServices(unused, {
  chaincodeName: 'agreements',
  ownMspId: 'MunicipalityMSP',
  pseudonymKey: Buffer.alloc(32, 1),
  pseudonymLookupRoles: ['caseworker'],
  eventAudience: new EventAudience('MunicipalityMSP', () => Promise.resolve('MunicipalityMSP')),
});
const context = { orgKey: 'municipality', mspId: 'MunicipalityMSP', channels: ['placements', 'prevention'] };
const operations = buildOperations(
  services,
  { ...context, readiness: () => Promise.resolve({ ready: true, checks: {} }) },
  new AbortController().signal,
  new StreamSlots({ perUser: 1, total: 1 }),
);
const document = buildOpenApiDocument(operations, COMPONENT_SCHEMAS, { ...context, version: 'web' });
const target = path.join(import.meta.dirname, '..', 'openapi.json');
writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
