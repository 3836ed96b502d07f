import type { RegistryService } from '../../services/registry-service';
import { arrayOf, openObject, ref, stringEnum } from '../openapi/schema-builders';
import type { OperationSpec } from '../operation';
import { callerOf, DOMAIN_PARAM, ok, param, written } from './common';

/** The outcome of the readiness checks. */
export interface Readiness {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, 'ok' | 'failing'>>;
}

/** What the system operations need to know. */
export interface SystemContext {
  readonly orgKey: string;
  readonly mspId: string;
  readonly channels: readonly string[];
  /** Peer reachable and chaincode answering (cached briefly by the implementation). */
  readonly readiness: () => Promise<Readiness>;
}

const READINESS = openObject(
  {
    status: stringEnum(['ready', 'not_ready']),
    checks: { type: 'object', additionalProperties: stringEnum(['ok', 'failing']) },
  },
  ['status', 'checks'],
);

/** Liveness, readiness, the domains served, the caller; the registry and the delegation rule per domain. */
export function systemOperations(context: SystemContext, registry: RegistryService): OperationSpec[] {
  return [
    {
      operationId: 'healthz',
      method: 'get',
      path: '/healthz',
      tag: 'Operations',
      summary: 'Liveness: the process is up and serving HTTP (checks no dependency)',
      auth: false,
      responses: {
        200: { description: 'Alive.', schema: openObject({ status: { const: 'ok' } }, ['status']) },
      },
      handler: () => Promise.resolve(ok({ status: 'ok' })),
    },
    {
      operationId: 'readyz',
      method: 'get',
      path: '/readyz',
      tag: 'Operations',
      summary: "Readiness: the organisation's peer is reachable and the chaincode answers on every domain",
      auth: false,
      responses: {
        200: { description: 'Ready.', schema: READINESS },
        503: { description: 'Not ready; `checks` says what fails.', schema: READINESS },
      },
      handler: async () => {
        const readiness = await context.readiness();
        return {
          status: readiness.ready ? 200 : 503,
          body: { status: readiness.ready ? 'ready' : 'not_ready', checks: readiness.checks },
          ...(readiness.ready ? {} : { headers: { 'retry-after': '5' } }),
        };
      },
    },
    {
      operationId: 'listDomains',
      method: 'get',
      path: '/api/v1/domains',
      tag: 'Domains',
      summary: 'The domains (Fabric channels) this organisation takes part in',
      auth: false,
      responses: {
        200: {
          description: 'The domains.',
          schema: openObject(
            {
              organisation: openObject({ key: { type: 'string' }, mspId: { type: 'string' } }, [
                'key',
                'mspId',
              ]),
              domains: arrayOf(
                openObject({ name: { type: 'string' }, href: { type: 'string' } }, ['name', 'href']),
              ),
            },
            ['organisation', 'domains'],
          ),
        },
      },
      handler: () =>
        Promise.resolve(
          ok({
            organisation: { key: context.orgKey, mspId: context.mspId },
            domains: context.channels.map((name) => ({ name, href: `/api/v1/${name}` })),
          }),
        ),
    },
    {
      operationId: 'getMe',
      method: 'get',
      path: '/api/v1/me',
      tag: 'Domains',
      summary: 'The caller as the gateway authenticated them',
      auth: true,
      responses: {
        200: {
          description: 'The caller.',
          schema: openObject(
            {
              username: { type: 'string' },
              org: { type: 'string' },
              role: { type: 'string' },
              mspId: { type: 'string' },
            },
            ['username', 'org', 'role', 'mspId'],
          ),
        },
      },
      handler: (operation) => {
        const { principal } = callerOf(operation);
        return Promise.resolve(ok({ ...principal, mspId: context.mspId }));
      },
    },
    {
      operationId: 'whoAmI',
      method: 'get',
      path: '/api/v1/{domain}/me',
      tag: 'Domains',
      summary: "The caller as the chaincode sees them (certificate id, role, organisation's kind)",
      auth: true,
      pathParams: { domain: DOMAIN_PARAM },
      responses: { 200: { description: 'The identity.', schema: ref('FabricIdentity') } },
      handler: async (operation) =>
        ok(await registry.whoAmI(callerOf(operation), param(operation, 'domain'))),
    },
    {
      operationId: 'getRegistry',
      method: 'get',
      path: '/api/v1/{domain}/registry',
      tag: 'Domains',
      summary: 'Which organisation is the municipality, which are providers, and the delegation rule',
      auth: true,
      pathParams: { domain: DOMAIN_PARAM },
      responses: { 200: { description: 'The registry.', schema: ref('Registry') } },
      handler: async (operation) =>
        ok(await registry.registry(callerOf(operation), param(operation, 'domain'))),
    },
    {
      operationId: 'setDelegationRule',
      method: 'put',
      path: '/api/v1/{domain}/registry/delegation-rule',
      tag: 'Domains',
      summary: "Adopt a new version of the municipality's delegation rule (director)",
      auth: true,
      pathParams: { domain: DOMAIN_PARAM },
      requestBody: { description: 'The tiers.', schema: ref('DelegationRuleInput') },
      responses: { 200: { description: 'Adopted.', schema: ref('DelegationRuleWrite') } },
      errors: ['FORBIDDEN', 'WRONG_ROLE', 'VALIDATION_FAILED'],
      handler: async (operation) =>
        written(
          await registry.setDelegationRule(callerOf(operation), param(operation, 'domain'), operation.body),
        ),
    },
    {
      operationId: 'setAttestationRule',
      method: 'put',
      path: '/api/v1/{domain}/registry/attestation-rule',
      tag: 'Domains',
      summary:
        "Adopt the municipality's attestation rule: who attests invoices, and automatic attestation (director)",
      auth: true,
      pathParams: { domain: DOMAIN_PARAM },
      requestBody: { description: 'The rule.', schema: ref('AttestationRule') },
      responses: { 200: { description: 'Adopted.', schema: ref('DelegationRuleWrite') } },
      errors: ['FORBIDDEN', 'WRONG_ROLE', 'VALIDATION_FAILED'],
      handler: async (operation) =>
        written(
          await registry.setAttestationRule(callerOf(operation), param(operation, 'domain'), operation.body),
        ),
    },
  ];
}
