import { Returns, Transaction } from 'fabric-contract-api';
import type { Moment } from '../core/calendar-date';
import { adoptAttestationRule, defaultAttestationRule } from '../core/attestation';
import { parseAttestationRuleInput } from '../core/inputs';
import { canonicalJson } from '../core/canonical-json';
import { CONTRACT_NAMES } from '@fabric-agreements/api';
import { adoptDelegationRule, DEFAULT_TIERS, parseDelegationRuleInput } from '../core/delegation-rule';
import { requireAdmin, requireOfMunicipality } from '../core/access';
import { jsonArgument } from './arguments';
import { emitEvent } from './events';
import { TransactionContext } from './context';
import { LedgerContract } from './ledger-contract';
import {
  parseMunicipalityRegistration,
  parseProviderRegistration,
  reconcileRegistration,
  type Organisation,
  type OrganisationRegistration,
} from '../core/registry';

/**
 * The organisation registry (which MSP is the municipality, which are providers) and the municipality's
 * delegation rule. Deploy scripts call the registrations right after the chaincode is committed; running them
 * twice is harmless.
 */
export class OrganisationContract extends LedgerContract {
  constructor() {
    super(CONTRACT_NAMES.organisation);
  }

  /**
   * Registers the caller's own organisation as the channel's municipality, with the default delegation rule
   * (one director, or two different centre heads) as version 1. Caller: an administrator of that organisation.
   * Input: `{"name": string}`. An identical repeat returns the existing record and writes nothing.
   * @throws Refusal `FORBIDDEN` (not an admin), `VALIDATION_FAILED`, `CONFLICT` (another municipality is
   * registered, or this MSP is registered as a provider or under another name).
   */
  @Transaction()
  @Returns('string')
  async RegisterMunicipality(ctx: TransactionContext, registrationJson: string): Promise<string> {
    requireAdmin(ctx.caller);
    const wanted = parseMunicipalityRegistration(
      jsonArgument(registrationJson, 'registration'),
      ctx.caller.mspId,
    );
    const { registry } = ctx.repository;
    return register(ctx, wanted, await registry.getMunicipality(), (at) =>
      registry.putDelegationRule(adoptDelegationRule(wanted.mspId, undefined, DEFAULT_TIERS, at)),
    );
  }

  /**
   * Registers a provider. Caller: an administrator of the registered municipality.
   * Input: `{"mspId": string, "kind": "placement_site" | "consultancy", "name": string}`. The record also names
   * the registering municipality (`municipalityMspId`). An identical repeat returns the existing record and writes
   * nothing.
   * @throws Refusal `PRECONDITION_FAILED` (no municipality yet), `FORBIDDEN`, `VALIDATION_FAILED` /
   * `INVALID_ID`, `CONFLICT` (the MSP is registered differently, e.g. as the municipality).
   */
  @Transaction()
  @Returns('string')
  async RegisterProvider(ctx: TransactionContext, registrationJson: string): Promise<string> {
    const municipality = await ctx.municipality();
    requireOfMunicipality(ctx.caller, municipality, 'only the municipality registers providers');
    requireAdmin(ctx.caller);
    const wanted = parseProviderRegistration(jsonArgument(registrationJson, 'registration'));
    return register(ctx, { ...wanted, municipalityMspId: municipality.mspId }, municipality, () =>
      Promise.resolve(),
    );
  }

  /**
   * Adopts new delegation-rule tiers as the municipality's next rule version; signatures record the version they
   * were checked against. Caller: the municipality's administrator or a director.
   * Input: `{"tiers": [{"fromMonthlyValue": øre, "alternatives": [[{"role": "caseworker"|"centre_head"|"director"|
   * "mayor", "count": n} | {"people": [certId, …], "count": n}]]}]}`.
   * Tiers equal to the current rule's return it unchanged and write nothing.
   * @throws Refusal `PRECONDITION_FAILED`, `FORBIDDEN`, `WRONG_ROLE`, `VALIDATION_FAILED`.
   */
  @Transaction()
  @Returns('string')
  async SetDelegationRule(ctx: TransactionContext, ruleJson: string): Promise<string> {
    const { registry } = ctx.repository;
    const municipality = await ctx.municipalCaller(['director'], true);
    const tiers = parseDelegationRuleInput(jsonArgument(ruleJson, 'rule'));
    const current = await registry.getDelegationRule(municipality.mspId);
    if (current !== undefined && canonicalJson(current.tiers) === canonicalJson(tiers)) {
      return canonicalJson(current);
    }
    const rule = adoptDelegationRule(municipality.mspId, current, tiers, ctx.moment);
    await registry.putDelegationRule(rule);
    emitEvent(ctx.stub, {
      type: 'DelegationRuleAdopted',
      municipalityMspId: rule.municipalityMspId,
      version: rule.version,
    });
    return canonicalJson(rule);
  }

  /**
   * Adopts the municipality's attestation rule: `{"roles": ["centre_head", …], "autoAttestBelow"?: øre}` — who may
   * attest invoices, and below which approved total a fully accepted invoice is attested on validation (absent:
   * never). Without one: a centre head or a director attests. Same rule again = no-op. Caller: an administrator or
   * director of the municipality.
   * @throws Refusal `FORBIDDEN`, `WRONG_ROLE`, `VALIDATION_FAILED`, `PRECONDITION_FAILED`.
   */
  @Transaction()
  @Returns('string')
  async SetAttestationRule(ctx: TransactionContext, ruleJson: string): Promise<string> {
    const { registry } = ctx.repository;
    const municipality = await ctx.municipalCaller(['director'], true);
    const current = await registry.getAttestationRule(municipality.mspId);
    const at = ctx.moment;
    const rule = adoptAttestationRule(
      municipality.mspId,
      current,
      parseAttestationRuleInput(jsonArgument(ruleJson, 'rule')),
      at,
    );
    if (
      current !== undefined &&
      canonicalJson({ ...current, version: 0, adoptedAt: '' }) ===
        canonicalJson({ ...rule, version: 0, adoptedAt: '' })
    ) {
      return canonicalJson(current);
    }
    await registry.putAttestationRule(rule);
    emitEvent(ctx.stub, {
      type: 'AttestationRuleAdopted',
      municipalityMspId: rule.municipalityMspId,
      version: rule.version,
    });
    return canonicalJson(rule);
  }

  /**
   * The registry: `{"municipality": Organisation | null, "providers": Organisation[], "delegationRule":
   * DelegationRule | null, "attestationRule": AttestationRule}` (the default rule until one is adopted). Any member
   * of the channel may read it.
   */
  @Transaction(false)
  @Returns('string')
  async GetRegistry(ctx: TransactionContext): Promise<string> {
    const { registry } = ctx.repository;
    const municipality = await registry.getMunicipality();
    const organisations = await registry.listOrganisations();
    const rule =
      municipality === undefined ? undefined : await registry.getDelegationRule(municipality.mspId);
    return canonicalJson({
      municipality: municipality ?? null,
      providers: organisations.filter((organisation) => organisation.kind !== 'municipality'),
      delegationRule: rule ?? null,
      attestationRule:
        municipality === undefined
          ? null
          : ((await registry.getAttestationRule(municipality.mspId)) ??
            defaultAttestationRule(municipality.mspId)),
    });
  }

  /**
   * The caller as the chaincode sees it: `{"mspId", "certId", "role": string | null, "isAdmin", "organisationKind":
   * "municipality" | "placement_site" | "consultancy" | null}`.
   */
  @Transaction(false)
  @Returns('string')
  async WhoAmI(ctx: TransactionContext): Promise<string> {
    const caller = ctx.caller;
    const organisation = await ctx.repository.registry.getOrganisation(caller.mspId);
    // Not the enrolment id: it is a person's login, and a response may reach a block.
    return canonicalJson({
      mspId: caller.mspId,
      certId: caller.certId,
      role: caller.role,
      isAdmin: caller.isAdmin,
      organisationKind: organisation?.kind ?? null,
    });
  }
}

/**
 * Writes a registration unless the same one exists (then returns that, writing nothing); `alsoWrite` adds what
 * belongs with a new registration.
 * @throws Refusal `CONFLICT` as {@link reconcileRegistration}.
 */
async function register(
  ctx: TransactionContext,
  wanted: OrganisationRegistration & Pick<Organisation, 'municipalityMspId'>,
  municipality: Organisation | undefined,
  alsoWrite: (at: Moment) => Promise<void>,
): Promise<string> {
  const { registry } = ctx.repository;
  const same = reconcileRegistration(wanted, await registry.getOrganisation(wanted.mspId), municipality);
  if (same !== undefined) {
    return canonicalJson(same);
  }
  const at = ctx.moment;
  const organisation: Organisation = {
    ...wanted,
    registeredAt: at.instant,
    registeredBy: ctx.caller.certId,
  };
  await registry.putOrganisation(organisation);
  await alsoWrite(at);
  emitEvent(ctx.stub, { type: 'OrganisationRegistered', mspId: organisation.mspId, kind: organisation.kind });
  return canonicalJson(organisation);
}
