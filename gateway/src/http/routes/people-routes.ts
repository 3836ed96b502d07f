import type { PeopleDirectory } from '../../people/people-directory';
import type { ChildService } from '../../services/child-service';
import { CHILD_PSEUDONYM, ID } from '../openapi/parameters';
import { ref } from '../openapi/schema-builders';
import type { OperationSpec } from '../operation';
import { callerOf, DOMAIN_PARAM, ok, param, written } from './common';

/**
 * People, not fingerprints: the logged-in guardian's children, ending a guardian's binding, and the gateway's own
 * organisation's people (to show a signer's name).
 */
export function peopleOperations(children: ChildService, people: PeopleDirectory): OperationSpec[] {
  return [
    {
      operationId: 'listMyChildren',
      method: 'get',
      path: '/api/v1/{domain}/me/children',
      tag: 'Children and personal data',
      summary: 'The children the logged-in guardian is bound to (guardian)',
      description:
        "Looked up in the municipality's own collection by the guardian's own login: pseudonyms and since when, " +
        "never who bound them nor any other guardian's children. Each opens that child's access log.",
      auth: true,
      pathParams: { domain: DOMAIN_PARAM },
      responses: { 200: { description: 'Zero, one or many children.', schema: ref('GuardianChildren') } },
      errors: ['FORBIDDEN', 'WRONG_ROLE'],
      handler: async (context) =>
        ok(await children.guardianChildren(callerOf(context), param(context, 'domain'))),
    },
    {
      operationId: 'unbindGuardian',
      method: 'delete',
      path: '/api/v1/{domain}/children/{childPseudonym}/guardians/{guardianId}',
      tag: 'Children and personal data',
      summary: 'End a guardian’s binding to this child; their other children stay (municipal staff)',
      auth: true,
      idempotent: true,
      pathParams: {
        domain: DOMAIN_PARAM,
        childPseudonym: { description: "The child's keyed pseudonym.", schema: CHILD_PSEUDONYM },
        guardianId: { description: "The guardian's login.", schema: ID },
      },
      responses: {
        200: { description: 'Ended (or there was none).', schema: ref('GuardianUnbindingWrite') },
      },
      errors: ['FORBIDDEN', 'WRONG_ROLE'],
      handler: async (context) =>
        written(
          await children.unbindGuardian(
            callerOf(context),
            param(context, 'domain'),
            param(context, 'childPseudonym'),
            param(context, 'guardianId'),
          ),
        ),
    },
    {
      operationId: 'listPeople',
      method: 'get',
      path: '/api/v1/people',
      tag: 'Domains',
      summary: "This organisation's staff: login, name to show, role (for showing who signed or read)",
      description:
        'Only the organisation this gateway serves, and never a guardian (that someone is one says their family ' +
        'has a child in care). Another organisation’s people are shown by their login, which the ledger records on ' +
        'signatures and access-log entries.',
      auth: true,
      responses: { 200: { description: 'The people.', schema: ref('PeopleDirectory') } },
      handler: () => Promise.resolve(ok(people.list())),
    },
  ];
}
