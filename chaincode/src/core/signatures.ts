import {
  replaceVersion,
  requireStatus,
  statusOn,
  type Agreement,
  type AgreementTerms,
  type AgreementVersion,
} from './agreement';
import { requireMoment, type IsoTimestamp, type Moment } from './calendar-date';
import { canCount, rolesThatCount, satisfiesTier, tierFor, type DelegationRule } from './delegation-rule';
import { Refusal } from '@fabric-agreements/api';
import { requireCertId } from './ids';
import { sumOre, type Ore } from './money';
import { sideOf, type Actor, type Parties, type Role, type Side } from './parties';
import { monthlyValueOf } from './service-line';
import { pendingVersion } from './terms-in-force';

/** One person's signature, binding exactly one agreement version (or one termination of it). */
export interface Signature {
  /** Certificate id of the signer (name-free, stable across renewal). */
  readonly certId: string;
  readonly mspId: string;
  readonly role: Role;
  readonly side: Side;
  /** The agreement version this signature binds (for a termination: the version in force when signed). */
  readonly agreementVersion: number;
  readonly signedAt: IsoTimestamp;
  /** Version of the municipality's delegation rule the signature was checked against (municipal side only). */
  readonly delegationRuleVersion?: number;
}

/** What a set of signatures is checked against. */
export interface SigningContext {
  readonly parties: Parties;
  readonly rule: DelegationRule;
  /** Monthly value of the terms being signed; picks the delegation rule's tier. */
  readonly monthlyValue: Ore;
  readonly agreementVersion: number;
}

/**
 * Value per month of a version's terms: every line's {@link monthlyValueOf}, summed (time-boxed lines included,
 * so the figure is the agreement's peak). Used to pick the delegation rule's tier.
 * @throws Refusal `VALIDATION_FAILED` if the sum overflows.
 */
export function monthlyValueOfTerms(terms: AgreementTerms): Ore {
  return sumOre(terms.lines.map(monthlyValueOf));
}

/**
 * Whether one side's signatures are complete: the provider side needs one signature by its staff or consultant;
 * the municipal side needs an alternative of the delegation rule's applicable tier.
 */
export function isSideComplete(
  side: Side,
  signatures: readonly Signature[],
  rule: DelegationRule,
  monthlyValue: Ore,
): boolean {
  const ofSide = signatures.filter((signature) => signature.side === side);
  return side === 'provider' ? ofSide.length >= 1 : satisfiesTier(tierFor(rule, monthlyValue), ofSide);
}

/** Whether both sides are complete. */
export function areBothSidesComplete(
  signatures: readonly Signature[],
  rule: DelegationRule,
  monthlyValue: Ore,
): boolean {
  return (
    isSideComplete('municipality', signatures, rule, monthlyValue) &&
    isSideComplete('provider', signatures, rule, monthlyValue)
  );
}

/**
 * Adds the actor's signature to a set bound to one version, after every check that makes a signature count.
 * @throws Refusal `PRECONDITION_FAILED` if the rule is another municipality's; `FORBIDDEN` if the actor's
 * organisation is not a party; `WRONG_ROLE` if the role does not belong to the side or the signer can count in no
 * alternative of the applicable tier (by role or as a named person; the default rule names no caseworker); `ALREADY_SIGNED` if this person signed already;
 * `SIDE_ALREADY_COMPLETE` if the actor's side needs no more signatures.
 */
export function addSignature(
  signatures: readonly Signature[],
  actor: Actor,
  context: SigningContext,
  at: Moment,
): readonly Signature[] {
  requireMoment(at);
  requireCertId(actor.certId, 'certId');
  if (context.rule.municipalityMspId !== context.parties.municipalityMspId) {
    throw new Refusal('PRECONDITION_FAILED', 'the delegation rule belongs to another municipality');
  }
  const side = sideOf(context.parties, actor);
  if (side === 'municipality') {
    const tier = tierFor(context.rule, context.monthlyValue);
    if (!canCount(tier, actor)) {
      throw new Refusal('WRONG_ROLE', `role ${actor.role} cannot sign for the municipality here`, {
        role: actor.role,
        allowedRoles: [...rolesThatCount(tier)],
      });
    }
  }
  if (signatures.some((signature) => signature.certId === actor.certId)) {
    throw new Refusal('ALREADY_SIGNED', 'this person has already signed this version', {
      agreementVersion: context.agreementVersion,
    });
  }
  if (isSideComplete(side, signatures, context.rule, context.monthlyValue)) {
    throw new Refusal('SIDE_ALREADY_COMPLETE', `the ${side} side has already signed`, { side });
  }
  const signature: Signature = {
    certId: actor.certId,
    mspId: actor.mspId,
    role: actor.role,
    side,
    agreementVersion: context.agreementVersion,
    signedAt: at.instant,
    ...(side === 'municipality' ? { delegationRuleVersion: context.rule.version } : {}),
  };
  return [...signatures, signature];
}

/**
 * Signs the version awaiting signatures. When both sides are complete the version becomes `agreed`; the first
 * agreed version makes the agreement `active` (its lines count from the start date, never earlier).
 * @throws Refusal `INVALID_STATE` if no version awaits signatures or the agreement has ended;
 * `VERSION_MISMATCH` if `version` is not the one awaiting signatures; and as {@link addSignature}.
 */
export function signAgreement(
  agreement: Agreement,
  version: number,
  actor: Actor,
  rule: DelegationRule,
  at: Moment,
): Agreement {
  requireMoment(at);
  requireStatus(agreement, ['awaiting_signatures', 'active']);
  const status = statusOn(agreement, at.date);
  const pending = pendingVersion(agreement);
  if (status !== agreement.status || pending?.state !== 'awaiting_signatures') {
    throw new Refusal('INVALID_STATE', 'no version of this agreement is awaiting signatures', { status });
  }
  if (version !== pending.number) {
    throw new Refusal(
      'VERSION_MISMATCH',
      'the signature names another version than the one awaiting signatures',
      {
        expectedVersion: pending.number,
        version,
      },
    );
  }
  const monthlyValue = monthlyValueOfTerms(pending.terms);
  const signatures = addSignature(
    pending.signatures,
    actor,
    { parties: agreement, rule, monthlyValue, agreementVersion: pending.number },
    at,
  );
  if (!areBothSidesComplete(signatures, rule, monthlyValue)) {
    return {
      ...agreement,
      versions: replaceVersion(agreement.versions, { ...pending, signatures }),
      updatedAt: at.instant,
    };
  }
  const agreed: AgreementVersion = { ...pending, signatures, state: 'agreed', agreedAt: at.instant };
  const first = agreement.status === 'awaiting_signatures';
  return {
    ...agreement,
    status: 'active',
    versions: replaceVersion(agreement.versions, agreed),
    updatedAt: at.instant,
    ...(first ? { activatedAt: at.instant, activatedOn: at.date } : {}),
  };
}
