import { Type } from '@sinclair/typebox';
import { VersionNumberSchema } from '../agreement';
import { DocumentHash, Id, IsoDate, WholeNumber } from '../kit';
import { Flag, RecordedCertId, Timestamp, WriteOf } from './parts';

/** One period of a status-report obligation: every submitted version and every acceptance. */
export const StatusReportSchema = Type.Object({
  agreementId: Id(),
  obligationId: Id(),
  periodNumber: WholeNumber(1),
  periodStart: Type.Optional(IsoDate()),
  periodEnd: Type.Optional(IsoDate()),
  dueDate: IsoDate(),
  versions: Type.Array(
    Type.Object({
      version: VersionNumberSchema,
      documentHash: DocumentHash(),
      submittedAt: Timestamp(),
      submittedBy: Type.Optional(RecordedCertId('The submitter.')),
      correction: Type.Optional(Flag('Submitted after an earlier version was accepted.')),
    }),
  ),
  acceptances: Type.Array(
    Type.Object({
      version: VersionNumberSchema,
      acceptedAt: Type.Optional(Timestamp()),
      acceptedBy: Type.Optional(RecordedCertId('The caseworker who accepted it.')),
    }),
  ),
});

/** A write that answers the status report. */
export const StatusReportWriteSchema = WriteOf(StatusReportSchema);
