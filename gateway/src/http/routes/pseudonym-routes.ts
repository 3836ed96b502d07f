import type { PseudonymService } from '../../services/pseudonym-service';
import { ref } from '../openapi/schema-builders';
import type { OperationSpec } from '../operation';
import {
  bodyRecord,
  callerOf,
  DOMAIN_PARAM,
  MONTH_PARAM,
  ok,
  PAGE_QUERY,
  pageOf,
  param,
  queryString,
  written,
} from './common';

const TAG = 'Children and personal data';

/**
 * The CPR number → child pseudonym lookup (an audited act, recorded per domain) and the auditors' list of lookups.
 * Served only by a gateway that holds the pseudonym key (the municipality's).
 */
export function pseudonymOperations(pseudonyms: PseudonymService): OperationSpec[] {
  if (!pseudonyms.available) {
    return [];
  }
  return [
    {
      operationId: 'lookUpChildPseudonym',
      method: 'post',
      path: '/api/v1/{domain}/child-pseudonyms',
      tag: TAG,
      summary:
        "The child's keyed pseudonym for a CPR number, recorded as an audited lookup (municipal staff)",
      description:
        "HMAC-SHA256 under the municipality's key: stable, and irreversible without the key. Allowed for the roles " +
        'the gateway is configured with (default caseworker, centre_head, director) and only with a purpose code. ' +
        "The lookup (who, when, why, which pseudonym — never the CPR number) is committed to the municipality's own " +
        'private collection on this domain first; the pseudonym is answered only after that commit.',
      auth: true,
      personalData: true,
      pathParams: { domain: DOMAIN_PARAM },
      requestBody: { description: 'The CPR number and the purpose.', schema: ref('PseudonymRequest') },
      responses: {
        200: { description: 'The recorded lookup with the pseudonym.', schema: ref('PseudonymLookupWrite') },
      },
      errors: ['LOOKUP_NOT_PERMITTED', 'VALIDATION_FAILED', 'WRONG_ROLE'],
      handler: async (context) => {
        const body = bodyRecord(context);
        return written(
          await pseudonyms.lookUp(
            callerOf(context),
            param(context, 'domain'),
            body.cpr,
            String(body.purpose),
          ),
        );
      },
    },
    {
      operationId: 'listPseudonymLookups',
      method: 'get',
      path: '/api/v1/{domain}/audit/pseudonym-lookups',
      tag: TAG,
      summary: "One month's CPR-number lookups: who looked which child up, when and why (auditor, director)",
      auth: true,
      pathParams: { domain: DOMAIN_PARAM },
      queryParams: { month: { ...MONTH_PARAM, required: true }, ...PAGE_QUERY },
      responses: { 200: { description: 'Lookups, oldest first.', schema: ref('PseudonymLookupPage') } },
      errors: ['WRONG_ROLE', 'FORBIDDEN'],
      handler: async (context) =>
        ok(
          await pseudonyms.listLookups(
            callerOf(context),
            param(context, 'domain'),
            queryString(context, 'month') ?? '',
            pageOf(context),
          ),
        ),
    },
  ];
}
