import { ApiError } from '../../errors/api-error';
import type { AgreementFilter, AgreementService } from '../../services/agreement-service';
import { AGREEMENT_STATUSES } from '@fabric-agreements/api';
import { CHILD_PSEUDONYM, MSP_ID, VERSION_NUMBER } from '../openapi/parameters';
import { integer, ref, stringEnum } from '../openapi/schema-builders';
import type { OperationSpec } from '../operation';
import {
  AGREEMENT_PARAMS,
  AGREEMENT_PATH,
  agreementQuery,
  agreementWrite,
  bodyRecord,
  callerOf,
  DOMAIN_PARAM,
  integerParam,
  ok,
  PAGE_QUERY,
  pageOf,
  param,
  queryString,
  written,
} from './common';

const AGREEMENTS = '/api/v1/{domain}/agreements';
const AGREEMENT = AGREEMENT_PATH;
const TAG = 'Agreements';
const PARAMS = AGREEMENT_PARAMS;
const SIGNING_ERRORS = [
  'NOT_FOUND',
  'INVALID_STATE',
  'VERSION_MISMATCH',
  'FORBIDDEN',
  'WRONG_ROLE',
  'ALREADY_SIGNED',
  'SIDE_ALREADY_COMPLETE',
];

/** Agreements: drafting, signatures, amendments, termination, reading and listing. */
export function agreementOperations(agreements: AgreementService): OperationSpec[] {
  return [
    {
      operationId: 'draftAgreement',
      method: 'post',
      path: AGREEMENTS,
      tag: TAG,
      summary: 'Draft an agreement from a template (caseworker)',
      description:
        "Creates version 1 in status `draft` with the template's obligations. Kinds: `placement`, `visitation` " +
        '(relates to a placement), `add_on` (relates to a placement).',
      auth: true,
      idempotent: true,
      pathParams: { domain: DOMAIN_PARAM },
      requestBody: { description: 'The draft.', schema: ref('AgreementDraft') },
      responses: { 201: { description: 'Drafted.', schema: ref('AgreementWrite') } },
      errors: ['VALIDATION_FAILED', 'INVALID_ID', 'INVALID_DATE', 'FORBIDDEN', 'WRONG_ROLE', 'CONFLICT'],
      handler: async (context) => {
        const domain = param(context, 'domain');
        const draft = bodyRecord(context);
        const result = await agreements.draft(callerOf(context), domain, draft);
        return written(result, `/api/v1/${domain}/agreements/${encodeURIComponent(String(draft.id))}`);
      },
    },
    {
      operationId: 'listAgreements',
      method: 'get',
      path: AGREEMENTS,
      tag: TAG,
      summary: 'List agreements by child, provider or status',
      description:
        'Exactly one of `childPseudonym`, `providerMspId`, `status`. A provider sees only its own agreements.',
      auth: true,
      pathParams: { domain: DOMAIN_PARAM },
      queryParams: {
        childPseudonym: { description: 'Agreements of this child.', schema: CHILD_PSEUDONYM },
        providerMspId: { description: "This provider's agreements.", schema: MSP_ID },
        status: { description: 'Agreements in this status.', schema: stringEnum(AGREEMENT_STATUSES) },
        ...PAGE_QUERY,
      },
      responses: { 200: { description: 'One page of agreements.', schema: ref('AgreementPage') } },
      handler: async (context) => {
        const filters: AgreementFilter[] = [];
        const childPseudonym = queryString(context, 'childPseudonym');
        const providerMspId = queryString(context, 'providerMspId');
        const status = queryString(context, 'status');
        if (childPseudonym !== undefined) filters.push({ childPseudonym });
        if (providerMspId !== undefined) filters.push({ providerMspId });
        if (status !== undefined) filters.push({ status });
        const [filter] = filters;
        if (filter === undefined || filters.length > 1) {
          throw new ApiError({
            code: 'REQUEST_INVALID',
            details: {
              issues: [
                {
                  in: 'query',
                  pointer: '',
                  rule: 'oneOf',
                  message: 'give exactly one of childPseudonym, providerMspId, status',
                },
              ],
            },
          });
        }
        return ok(
          await agreements.list(callerOf(context), param(context, 'domain'), filter, pageOf(context)),
        );
      },
    },
    {
      operationId: 'getAgreement',
      method: 'get',
      path: AGREEMENT,
      tag: TAG,
      summary: 'Read an agreement',
      auth: true,
      pathParams: PARAMS,
      responses: { 200: { description: 'The agreement.', schema: ref('Agreement') } },
      errors: ['NOT_FOUND', 'FORBIDDEN', 'WRONG_ROLE'],
      handler: agreementQuery(({ caller, domain, agreementId }) =>
        agreements.get(caller, domain, agreementId),
      ),
    },
    {
      operationId: 'reviseDraft',
      method: 'put',
      path: AGREEMENT,
      tag: TAG,
      summary: "Replace a draft's terms (caseworker)",
      auth: true,
      pathParams: PARAMS,
      requestBody: { description: 'The revised draft.', schema: ref('AgreementDraftRevision') },
      responses: { 200: { description: 'Revised.', schema: ref('AgreementWrite') } },
      errors: ['NOT_FOUND', 'INVALID_STATE', 'VALIDATION_FAILED'],
      handler: agreementWrite(({ caller, domain, agreementId, context }) =>
        agreements.reviseDraft(caller, domain, agreementId, bodyRecord(context)),
      ),
    },
    {
      operationId: 'getAgreementHistory',
      method: 'get',
      path: `${AGREEMENT}/history`,
      tag: TAG,
      summary: 'Every committed change of an agreement, newest first',
      auth: true,
      pathParams: PARAMS,
      responses: { 200: { description: 'The history.', schema: ref('AgreementHistory') } },
      handler: agreementQuery(({ caller, domain, agreementId }) =>
        agreements.history(caller, domain, agreementId),
      ),
    },
    {
      operationId: 'submitForSignatures',
      method: 'post',
      path: `${AGREEMENT}/submission`,
      tag: TAG,
      summary: 'Freeze the draft and open it for signatures (caseworker)',
      auth: true,
      idempotent: true,
      pathParams: PARAMS,
      responses: { 200: { description: 'Awaiting signatures.', schema: ref('AgreementWrite') } },
      errors: ['NOT_FOUND', 'INVALID_STATE', 'WRONG_ROLE'],
      handler: agreementWrite(({ caller, domain, agreementId }) =>
        agreements.submitForSignatures(caller, domain, agreementId),
      ),
    },
    {
      operationId: 'withdrawPendingVersion',
      method: 'delete',
      path: `${AGREEMENT}/pending-version`,
      tag: TAG,
      summary: 'Withdraw the version awaiting signatures',
      description:
        'A first version returns to draft (as a new version number); a pending amendment is dropped.',
      auth: true,
      pathParams: PARAMS,
      responses: { 200: { description: 'Withdrawn.', schema: ref('AgreementWrite') } },
      errors: ['NOT_FOUND', 'INVALID_STATE'],
      handler: agreementWrite(({ caller, domain, agreementId }) =>
        agreements.withdrawPendingVersion(caller, domain, agreementId),
      ),
    },
    {
      operationId: 'signAgreementVersion',
      method: 'post',
      path: `${AGREEMENT}/versions/{version}/signatures`,
      tag: TAG,
      summary: 'Sign a version with your own certificate (first version or amendment)',
      description:
        "The municipal side is complete under the municipality's delegation rule (a director, or two different " +
        'centre heads); the provider side by its staff. The version is agreed when both sides are complete.',
      auth: true,
      idempotent: true,
      pathParams: {
        ...PARAMS,
        version: { description: 'The version number being signed.', schema: VERSION_NUMBER },
      },
      responses: { 201: { description: 'Signed.', schema: ref('AgreementWrite') } },
      errors: SIGNING_ERRORS,
      handler: agreementWrite(
        ({ caller, domain, agreementId, context }) =>
          agreements.sign(caller, domain, agreementId, integerParam(context, 'version')),
        true,
      ),
    },
    {
      operationId: 'proposeAmendment',
      method: 'post',
      path: `${AGREEMENT}/amendments`,
      tag: TAG,
      summary: 'Propose an amendment as a new version (add a line, change quantity, price or period)',
      auth: true,
      idempotent: true,
      pathParams: PARAMS,
      requestBody: { description: 'The amendment.', schema: ref('AmendmentProposal') },
      responses: { 201: { description: 'Proposed; awaiting both sides.', schema: ref('AgreementWrite') } },
      errors: ['NOT_FOUND', 'INVALID_STATE', 'PENDING_PROPOSAL_EXISTS', 'VALIDATION_FAILED'],
      handler: agreementWrite(
        ({ caller, domain, agreementId, context }) =>
          agreements.proposeAmendment(caller, domain, agreementId, context.body),
        true,
      ),
    },
    {
      operationId: 'proposeTermination',
      method: 'post',
      path: `${AGREEMENT}/terminations`,
      tag: TAG,
      summary: 'Propose to end the agreement on a date, mutually or by the municipality alone with notice',
      auth: true,
      idempotent: true,
      pathParams: PARAMS,
      requestBody: { description: 'The last day in force.', schema: ref('TerminationProposal') },
      responses: { 201: { description: 'Proposed; awaiting both sides.', schema: ref('AgreementWrite') } },
      errors: ['NOT_FOUND', 'INVALID_STATE', 'PENDING_PROPOSAL_EXISTS', 'VALIDATION_FAILED'],
      handler: agreementWrite(
        ({ caller, domain, agreementId, context }) =>
          agreements.proposeTermination(caller, domain, agreementId, context.body),
        true,
      ),
    },
    {
      operationId: 'signTermination',
      method: 'post',
      path: `${AGREEMENT}/terminations/{terminationNumber}/signatures`,
      tag: TAG,
      summary: 'Sign the pending termination',
      description:
        'When both sides are complete the agreement is terminated, and every related agreement (school, ' +
        'visitation, add-on) ends on the same date in the same transaction.',
      auth: true,
      idempotent: true,
      pathParams: {
        ...PARAMS,
        terminationNumber: { description: 'The termination being signed.', schema: integer(1) },
      },
      responses: { 201: { description: 'Signed.', schema: ref('AgreementWrite') } },
      errors: SIGNING_ERRORS,
      handler: agreementWrite(
        ({ caller, domain, agreementId, context }) =>
          agreements.signTermination(caller, domain, agreementId, integerParam(context, 'terminationNumber')),
        true,
      ),
    },
    {
      operationId: 'withdrawTermination',
      method: 'delete',
      path: `${AGREEMENT}/terminations/pending`,
      tag: TAG,
      summary: 'Withdraw the pending termination',
      auth: true,
      pathParams: PARAMS,
      responses: { 200: { description: 'Withdrawn.', schema: ref('AgreementWrite') } },
      errors: ['NOT_FOUND', 'INVALID_STATE'],
      handler: agreementWrite(({ caller, domain, agreementId }) =>
        agreements.withdrawTermination(caller, domain, agreementId),
      ),
    },
  ];
}
