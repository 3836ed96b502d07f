import type { components } from './schema';

type Schemas = components['schemas'];
export type Agreement = Schemas['Agreement'];
export type AgreementVersion = Agreement['versions'][number];
export type Signature = AgreementVersion['signatures'][number];
export type ServiceLine = Schemas['ServiceLine'];
export type AmendmentChange = Schemas['AmendmentChange'];
export type Settlement = Schemas['Settlement'];
export type InvoiceRecord = Schemas['InvoiceRecord'];
export type Invoice = Schemas['Invoice'];
export type ChildOverview = Schemas['ChildOverview'];
export type LineKind = ServiceLine['kind'];
export type AgreementKind = Agreement['kind'];

/** An organisation as the registry lists it (the document types it only as an object). */
export interface Organisation {
  readonly mspId: string;
  readonly name?: string;
  readonly kind?: string;
}

/** One tier of the municipality's delegation rule. */
export interface DelegationTier {
  readonly fromMonthlyValue: number;
  readonly alternatives: readonly (readonly { role?: string; people?: string[]; count: number }[])[];
}

/** The registry, read into the shapes the screens use. */
export interface RegistryView {
  readonly municipality: Organisation | null;
  readonly providers: readonly Organisation[];
  readonly tiers: readonly DelegationTier[];
}
