import { Type } from '@sinclair/typebox';
import { WholeNumber } from '../kit';
import { AnyObject, Word } from './parts';

/** What every refusal and failure answers: RFC 9457 problem details with the catalogue's stable `code`. */
export const ProblemSchema = Type.Object(
  {
    type: Word(),
    title: Word(),
    status: WholeNumber(400, 599),
    code: Word('Stable error code; see the error catalogue in the API description.'),
    detail: Word(),
    details: AnyObject('Facts about the error (field names, ids); never personal data.'),
    requestId: Type.Optional(Word()),
    transactionId: Type.Optional(Word()),
  },
  { description: 'RFC 9457 problem details with a stable `code`.' },
);
