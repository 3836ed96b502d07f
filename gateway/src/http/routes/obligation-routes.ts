import type { DeadlineService } from '../../services/deadline-service';
import type { StatusReportService } from '../../services/status-report-service';
import { MAX_REPORT_PERIODS } from '@fabric-agreements/api';
import { ID } from '../openapi/parameters';
import { arrayOf, integer, ref } from '../openapi/schema-builders';
import type { OperationSpec } from '../operation';
import {
  AGREEMENT_PARAMS,
  AGREEMENT_PATH,
  agreementQuery,
  agreementWrite,
  bodyRecord,
  callerOf,
  DOMAIN_PARAM,
  HORIZON_QUERY,
  integerParam,
  ok,
  PAGE_QUERY,
  pageOf,
  param,
  queryNumber,
} from './common';

const AGREEMENT = AGREEMENT_PATH;
const PARAMS = AGREEMENT_PARAMS;

/** Status reports, deadlines and the instalments missing reports hold. */
export function obligationOperations(
  reports: StatusReportService,
  deadlines: DeadlineService,
): OperationSpec[] {
  return [
    {
      operationId: 'listStatusReports',
      method: 'get',
      path: `${AGREEMENT}/status-reports`,
      tag: 'Status reports',
      summary: "An agreement's status reports, by obligation and period",
      auth: true,
      pathParams: PARAMS,
      responses: { 200: { description: 'The reports.', schema: arrayOf(ref('StatusReport')) } },
      handler: agreementQuery(({ caller, domain, agreementId }) => reports.list(caller, domain, agreementId)),
    },
    {
      operationId: 'submitStatusReport',
      method: 'post',
      path: `${AGREEMENT}/status-reports`,
      tag: 'Status reports',
      summary: "Submit a status report's document hash for a period (the obligated provider)",
      auth: true,
      idempotent: true,
      pathParams: PARAMS,
      requestBody: { description: 'The report.', schema: ref('StatusReportSubmission') },
      responses: { 201: { description: 'Recorded.', schema: ref('StatusReportWrite') } },
      errors: ['NOT_FOUND', 'INVALID_STATE', 'WRONG_ROLE', 'PRECONDITION_FAILED', 'REPORT_ALREADY_ACCEPTED'],
      handler: agreementWrite(
        ({ caller, domain, agreementId, context }) =>
          reports.submit(caller, domain, agreementId, context.body),
        true,
      ),
    },
    {
      operationId: 'acceptStatusReport',
      method: 'post',
      path: `${AGREEMENT}/status-reports/{obligationId}/{periodNumber}/acceptance`,
      tag: 'Status reports',
      summary: 'Accept a report version (caseworker); releases the instalments it held',
      auth: true,
      idempotent: true,
      pathParams: {
        ...PARAMS,
        obligationId: { description: 'The obligation, e.g. status-report.', schema: ID },
        periodNumber: { description: 'The reporting period.', schema: integer(1, MAX_REPORT_PERIODS) },
      },
      requestBody: { description: 'The version accepted.', schema: ref('StatusReportAcceptance') },
      responses: { 200: { description: 'Accepted.', schema: ref('StatusReportWrite') } },
      errors: ['NOT_FOUND', 'VERSION_MISMATCH', 'WRONG_ROLE'],
      handler: agreementWrite(({ caller, domain, agreementId, context }) =>
        reports.accept(caller, domain, agreementId, {
          obligationId: param(context, 'obligationId'),
          periodNumber: integerParam(context, 'periodNumber'),
          version: Number(bodyRecord(context).version),
        }),
      ),
    },
    {
      operationId: 'getAgreementDeadlines',
      method: 'get',
      path: `${AGREEMENT}/deadlines`,
      tag: 'Deadlines',
      summary: 'Upcoming deadlines of an agreement, and every overdue report',
      auth: true,
      pathParams: PARAMS,
      queryParams: { horizonDays: HORIZON_QUERY },
      responses: { 200: { description: 'Deadlines by date.', schema: arrayOf(ref('Deadline')) } },
      handler: agreementQuery(({ caller, domain, agreementId, context }) =>
        deadlines.upcoming(caller, domain, agreementId, queryNumber(context, 'horizonDays')),
      ),
    },
    {
      operationId: 'getHeldInstalments',
      method: 'get',
      path: `${AGREEMENT}/held-instalments`,
      tag: 'Deadlines',
      summary: 'What missing status reports hold now, month by month and line by line',
      auth: true,
      pathParams: PARAMS,
      responses: { 200: { description: 'Held instalments (øre).', schema: ref('HeldInstalments') } },
      handler: agreementQuery(({ caller, domain, agreementId }) =>
        deadlines.heldInstalments(caller, domain, agreementId),
      ),
    },
    {
      operationId: 'applyDeadlines',
      method: 'post',
      path: `${AGREEMENT}/deadline-runs`,
      tag: 'Deadlines',
      summary: 'Apply the deadline rules to an agreement now (the scheduler does this periodically)',
      description:
        'Marks the agreement expired once every line has ended and records overdue reports. Idempotent.',
      auth: true,
      pathParams: PARAMS,
      responses: { 200: { description: 'Applied.', schema: ref('DeadlineRun') } },
      handler: agreementWrite(async ({ caller, domain, agreementId }) =>
        deadlines.apply(await caller.identity(), domain, agreementId),
      ),
    },
    {
      operationId: 'listDeadlines',
      method: 'get',
      path: '/api/v1/{domain}/deadlines',
      tag: 'Deadlines',
      summary: 'Upcoming deadlines of the active agreements you may see, a page of agreements at a time',
      auth: true,
      pathParams: { domain: DOMAIN_PARAM },
      queryParams: { horizonDays: HORIZON_QUERY, ...PAGE_QUERY },
      responses: { 200: { description: 'Deadlines.', schema: ref('DeadlinePage') } },
      handler: async (context) =>
        ok(
          await deadlines.upcomingForAll(
            callerOf(context),
            param(context, 'domain'),
            queryNumber(context, 'horizonDays'),
            pageOf(context),
          ),
        ),
    },
  ];
}
