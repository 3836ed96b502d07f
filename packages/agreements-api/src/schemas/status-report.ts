import { Type, type Static } from '@sinclair/typebox';
import { MAX_REPORT_PERIODS } from '../vocabulary';
import { DocumentHash, Id, WholeNumber, type Frozen } from './kit';
import { VersionNumberSchema } from './agreement';

/** What a provider submits for one period of a status-report obligation (`SubmitStatusReport`). */
export const StatusReportSubmissionSchema = Type.Object(
  {
    obligationId: Id('The obligation, e.g. "status-report".'),
    periodNumber: WholeNumber(1, MAX_REPORT_PERIODS),
    documentHash: DocumentHash(),
    correction: Type.Optional(Type.Boolean({ description: 'Required to add a version after acceptance.' })),
  },
  { additionalProperties: false },
);

/** The report version a caseworker accepts (`AcceptStatusReport`). */
export const StatusReportAcceptanceSchema = Type.Object(
  { version: VersionNumberSchema },
  { additionalProperties: false, description: 'The report version accepted.' },
);

export type StatusReportSubmission = Frozen<Static<typeof StatusReportSubmissionSchema>>;
