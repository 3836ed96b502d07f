import type { ChildService } from '../../services/child-service';
import type { PseudonymService } from '../../services/pseudonym-service';
import { CHILD_PSEUDONYM, ID, MSP_ID } from '../openapi/parameters';
import { ref } from '../openapi/schema-builders';
import type { OperationSpec } from '../operation';
import {
  bodyRecord,
  callerOf,
  DOMAIN_PARAM,
  HORIZON_QUERY,
  ok,
  PAGE_QUERY,
  pageOf,
  param,
  queryNumber,
  queryString,
  written,
} from './common';

const CHILD = '/api/v1/{domain}/children/{childPseudonym}';
const TAG = 'Children and personal data';
const PARAMS = {
  domain: DOMAIN_PARAM,
  childPseudonym: { description: "The child's keyed pseudonym.", schema: CHILD_PSEUDONYM },
};

/** The caseworker's overview of a child, personal data (logged reads, erasure), the access log. */
export function childOperations(children: ChildService, pseudonyms: PseudonymService): OperationSpec[] {
  const operations: OperationSpec[] = [
    {
      operationId: 'getChildOverview',
      method: 'get',
      path: `${CHILD}/overview`,
      tag: TAG,
      summary: "The caseworker's overview: every agreement of the child, its deadlines and held instalments",
      auth: true,
      pathParams: PARAMS,
      queryParams: { horizonDays: HORIZON_QUERY },
      responses: { 200: { description: 'The overview.', schema: ref('ChildOverview') } },
      handler: async (context) =>
        ok(
          await children.overview(
            callerOf(context),
            param(context, 'domain'),
            param(context, 'childPseudonym'),
            queryNumber(context, 'horizonDays'),
          ),
        ),
    },
    {
      operationId: 'putSharedPersonalData',
      method: 'put',
      path: `${CHILD}/personal-data/shared/{providerMspId}`,
      tag: TAG,
      summary: 'Store what the municipality and one provider share about the child (municipal staff)',
      description:
        "Name, guardians, school, contact, into the municipality's and this provider's shared private collection. " +
        'The data goes to the peers as transient data, endorsed only by those two organisations; it never reaches ' +
        'a block, an event, an error or a log. Replaces what was stored. The write is logged.',
      auth: true,
      personalData: true,
      pathParams: {
        ...PARAMS,
        providerMspId: { description: 'The provider that shares the data.', schema: MSP_ID },
      },
      requestBody: { description: 'The shared personal data.', schema: ref('ChildRecord') },
      responses: {
        200: { description: 'Stored (field names only in the answer).', schema: ref('PersonalDataWrite') },
      },
      errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'WRONG_ROLE'],
      handler: async (context) =>
        written(
          await children.putSharedPersonalData(
            callerOf(context),
            param(context, 'domain'),
            param(context, 'childPseudonym'),
            param(context, 'providerMspId'),
            context.body,
          ),
        ),
    },
    {
      operationId: 'putMunicipalPersonalData',
      method: 'put',
      path: `${CHILD}/personal-data/municipal`,
      tag: TAG,
      summary:
        'Store what only the municipality holds about the child: CPR number, case facts (municipal staff)',
      description:
        "Into the municipality's own private collection, endorsed by the municipality's peers alone: no provider's " +
        'peer ever receives it. Replaces what was stored.',
      auth: true,
      personalData: true,
      pathParams: PARAMS,
      requestBody: { description: "The municipality's own personal data.", schema: ref('MunicipalRecord') },
      responses: {
        200: { description: 'Stored (field names only in the answer).', schema: ref('PersonalDataWrite') },
      },
      errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'WRONG_ROLE'],
      handler: async (context) => {
        pseudonyms.requireCprOf(param(context, 'childPseudonym'), context.body);
        return written(
          await children.putMunicipalPersonalData(
            callerOf(context),
            param(context, 'domain'),
            param(context, 'childPseudonym'),
            context.body,
          ),
        );
      },
    },
    {
      operationId: 'readPersonalData',
      method: 'post',
      path: `${CHILD}/personal-data/reads`,
      tag: TAG,
      summary: "Read the child's personal data; the read is logged on the ledger first",
      description:
        'Appends an access-log entry (who, when, which fields, the purpose code) and then returns the data the ' +
        "caller's organisation may hold, fetched from its own peer without ordering. Never cached.",
      auth: true,
      personalData: true,
      pathParams: PARAMS,
      requestBody: { description: 'Provider and purpose.', schema: ref('PersonalDataReadRequest') },
      responses: { 200: { description: 'The data.', schema: ref('PersonalDataRead') } },
      errors: ['NOT_FOUND', 'FORBIDDEN', 'WRONG_ROLE', 'PRECONDITION_FAILED'],
      handler: async (context) => {
        const body = bodyRecord(context);
        return ok(
          await children.readPersonalData(
            callerOf(context),
            param(context, 'domain'),
            param(context, 'childPseudonym'),
            String(body.providerMspId),
            String(body.purpose),
          ),
        );
      },
    },
    {
      operationId: 'getPersonalDataStatus',
      method: 'get',
      path: `${CHILD}/personal-data/status`,
      tag: TAG,
      summary: 'Whether personal data is held, per collection (hashes only, no data, not logged)',
      auth: true,
      pathParams: PARAMS,
      queryParams: {
        providerMspId: { description: 'The provider of the pair.', schema: MSP_ID, required: true },
      },
      responses: { 200: { description: 'Presence per collection.', schema: ref('PersonalDataStatus') } },
      handler: async (context) =>
        ok(
          await children.personalDataStatus(
            callerOf(context),
            param(context, 'domain'),
            param(context, 'childPseudonym'),
            queryString(context, 'providerMspId') ?? '',
          ),
        ),
    },
    {
      operationId: 'erasePersonalData',
      method: 'post',
      path: `${CHILD}/personal-data/erasure`,
      tag: TAG,
      summary: "Erase the child's personal data everywhere (municipal staff)",
      description:
        'Purges every private collection holding it, on every member peer and in private history; the agreements ' +
        '(pseudonym only) and the on-chain hashes stay. Logged as an erasure with the reason code.',
      auth: true,
      idempotent: true,
      pathParams: PARAMS,
      requestBody: { description: 'The reason.', schema: ref('ErasureRequest') },
      responses: { 200: { description: 'Erased.', schema: ref('ErasureWrite') } },
      errors: ['FORBIDDEN', 'WRONG_ROLE'],
      handler: async (context) =>
        written(
          await children.erase(
            callerOf(context),
            param(context, 'domain'),
            param(context, 'childPseudonym'),
            String(bodyRecord(context).reason),
          ),
        ),
    },
    {
      operationId: 'bindGuardian',
      method: 'put',
      path: `${CHILD}/guardians/{guardianId}`,
      tag: TAG,
      summary: 'Let a guardian see who accessed this child’s personal data (municipal staff)',
      description:
        'Binds the guardian — their login at the municipality, with role `guardian` — to this child, in the ' +
        "municipality's own collection. The guardian may then read this child's access log and nothing else; a " +
        'new binding of the same guardian replaces the old one.',
      auth: true,
      idempotent: true,
      pathParams: { ...PARAMS, guardianId: { description: "The guardian's login.", schema: ID } },
      responses: { 200: { description: 'Bound.', schema: ref('GuardianBindingWrite') } },
      errors: ['FORBIDDEN', 'WRONG_ROLE'],
      handler: async (context) =>
        written(
          await children.bindGuardian(
            callerOf(context),
            param(context, 'domain'),
            param(context, 'childPseudonym'),
            param(context, 'guardianId'),
          ),
        ),
    },
    {
      operationId: 'getAccessLog',
      method: 'get',
      path: `${CHILD}/access-log`,
      tag: TAG,
      summary:
        "Who wrote, read or erased the child's personal data, when and why (municipality; guardian view)",
      auth: true,
      pathParams: PARAMS,
      queryParams: PAGE_QUERY,
      responses: { 200: { description: 'Entries, oldest first.', schema: ref('AccessLogPage') } },
      handler: async (context) =>
        ok(
          await children.accessLog(
            callerOf(context),
            param(context, 'domain'),
            param(context, 'childPseudonym'),
            pageOf(context),
          ),
        ),
    },
  ];
  return operations;
}
