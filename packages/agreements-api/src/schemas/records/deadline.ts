import { Type } from '@sinclair/typebox';
import { AGREEMENT_STATUSES } from '../../vocabulary';
import { ChildPseudonym, Id, IsoDate, Ore, StringEnum, WholeNumber } from '../kit';
import { AgreementSchema } from './agreement';
import { Flag, PageOf, WriteOf } from './parts';
import { HeldBySchema, HeldInstalmentsSchema } from './settlement';

/** What falls due when: reports, re-evaluations, ends; and the caseworker's overview of a child built from them. */

/** One deadline of an agreement. */
export const DeadlineSchema = Type.Object({
  agreementId: Id(),
  kind: StringEnum([
    'report_overdue',
    'report_due',
    'line_re_evaluation',
    'line_ends',
    'agreement_ends',
    'termination_effective',
  ]),
  date: IsoDate(),
  serviceLineId: Type.Optional(Id()),
  obligationId: Type.Optional(Id()),
  periodNumber: Type.Optional(WholeNumber(1)),
});

/** A page of deadlines. */
export const DeadlinePageSchema = PageOf(DeadlineSchema);

/** What one run of the deadline transaction found and changed for an agreement. */
export const DeadlineRunSchema = WriteOf(
  Type.Object({
    agreementId: Id(),
    status: StringEnum(AGREEMENT_STATUSES),
    overdueReports: Type.Optional(Type.Array(HeldBySchema)),
    changed: Flag(),
  }),
);

/** The caseworker's view of one child. */
export const ChildOverviewSchema = Type.Object(
  {
    childPseudonym: ChildPseudonym(),
    agreements: Type.Array(
      Type.Object({
        agreement: AgreementSchema,
        deadlines: Type.Array(DeadlineSchema),
        heldInstalments: HeldInstalmentsSchema,
      }),
    ),
    heldTotal: Ore(0),
    truncated: Flag('More agreements exist than the overview shows.'),
  },
  {
    description: "The caseworker's view of one child: every agreement, its deadlines and held instalments.",
  },
);
