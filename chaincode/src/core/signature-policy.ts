import { Refusal } from '@fabric-agreements/api';
import type { Signature } from './agreement-model';
import { requireMoment, type Moment } from './calendar-date';
import { canCount, rolesThatCount, satisfiesTier, tierFor, type DelegationRule } from './delegation-rule';
import { requireCertId } from './ids';
import type { Ore } from './money';
import { sideOf, type Actor, type Parties, type Side } from './parties';

/**
 * How signatures are collected, the same for everything two parties sign — an agreement version (the first one or an
 * amendment) and a termination: the caller names what they sign by its number, each person signs once, a signature
 * counts for its side only if its role (or the person) may sign there, and a side is complete when the provider has
 * one signature and the municipality an alternative of its delegation rule's tier for the terms' monthly value.
 */

/** The signatures after one more, and which sides are then complete. */
export interface SignatureCollection {
  readonly signatures: readonly Signature[];
  readonly municipalityComplete: boolean;
  readonly bothComplete: boolean;
}

/**
 * The number a signature names must be the one awaiting signatures.
 * @throws Refusal `VERSION_MISMATCH` (`expectedVersion`, `version`) otherwise, with `text` as its text.
 */
export function requireAwaitedNumber(awaited: number, named: number, text: string): void {
  if (named !== awaited) {
    throw new Refusal('VERSION_MISMATCH', text, { expectedVersion: awaited, version: named });
  }
}

/**
 * Collects the actor's signature into those already given, after every check that makes it count (see
 * {@link addSignature}), and says which sides are complete.
 * @throws Refusal as {@link addSignature}.
 */
export function collectSignature(
  signed: readonly Signature[],
  actor: Actor,
  context: SigningContext,
  at: Moment,
): SignatureCollection {
  const signatures = addSignature(signed, actor, context, at);
  return {
    signatures,
    municipalityComplete: isSideComplete('municipality', signatures, context.rule, context.monthlyValue),
    bothComplete: areBothSidesComplete(signatures, context.rule, context.monthlyValue),
  };
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
function areBothSidesComplete(
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
function addSignature(
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
    ...(actor.enrollmentId === undefined ? {} : { enrollmentId: actor.enrollmentId }),
    ...(side === 'municipality' ? { delegationRuleVersion: context.rule.version } : {}),
  };
  return [...signatures, signature];
}
