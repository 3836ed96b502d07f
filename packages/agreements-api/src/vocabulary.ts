/**
 * The contract's vocabulary, written once: every closed set of words (as `as const` arrays, with the type derived
 * from each) and every bound the chaincode enforces and the OpenAPI document states. The chaincode's rules and the
 * gateway's request schemas both read these; nothing copies them.
 */

/** What an agreement is for; each kind has one template. */
export const AGREEMENT_KINDS = ['placement', 'visitation', 'add_on'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

/**
 * An agreement's lifecycle: `draft → awaiting_signatures → active → terminated`, or `active → expired` when every
 * line has ended by its own terms (time-boxed add-ons, an expected end date reached).
 */
export const AGREEMENT_STATUSES = [
  'draft',
  'awaiting_signatures',
  'active',
  'terminated',
  'expired',
] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** What a service line buys. */
export const SERVICE_LINE_KINDS = [
  'stay',
  'school',
  'transport',
  'supported_visitation',
  'school_support',
] as const;
export type ServiceLineKind = (typeof SERVICE_LINE_KINDS)[number];

/** A fixed price per calendar month, or a price per unit with an agreed quantity. */
export const PRICING_KINDS = ['monthly', 'per_unit'] as const;
export type PricingKind = (typeof PRICING_KINDS)[number];

/** The unit a per-unit line is priced in. */
export const UNITS = ['hour', 'visit'] as const;
export type Unit = (typeof UNITS)[number];

/**
 * The period an agreed quantity is counted over: per week or per month (hours), or per occurrence of the line's
 * schedule (visits "every second Sunday").
 */
export const QUANTITY_PERIODS = ['week', 'month', 'occurrence'] as const;
export type QuantityPeriod = (typeof QUANTITY_PERIODS)[number];

/** What a visit schedule's interval counts. */
export const SCHEDULE_UNITS = ['week', 'month'] as const;
export type ScheduleUnit = (typeof SCHEDULE_UNITS)[number];

/** What releases the instalments a missing report holds: its submission (default) or its acceptance. */
export const RELEASE_EVENTS = ['submission', 'acceptance'] as const;
export type ReleaseEvent = (typeof RELEASE_EVENTS)[number];

/**
 * Why an agreement ends: both sides agreed; the municipality gave notice alone (hjemgivelse is the authority's
 * decision); or an agreement it depends on ended.
 */
export const TERMINATION_CAUSES = ['agreed', 'notice', 'related_agreement_terminated'] as const;
export type TerminationCause = (typeof TERMINATION_CAUSES)[number];

/**
 * How a termination is signed: `mutual` needs both sides; `notice` is the municipality's alone (its delegation
 * rule) and takes effect at the earliest when the agreement's notice period ends, unless the provider co-signs first.
 */
export const TERMINATION_MODES = ['mutual', 'notice'] as const;
export type TerminationMode = (typeof TERMINATION_MODES)[number];

/**
 * Municipal accounting separates approval from payment: an invoice that passes validation is `validated`; a person
 * in a role the municipality's attestation rule names attests it (`approved`), or it is attested automatically when
 * the rule allows that for a fully accepted invoice below an amount; the municipality then records the payment
 * (`paid`) by someone else than the attester. An invoice whose every line was rejected is `rejected` for good.
 */
export const INVOICE_STATES = ['rejected', 'validated', 'approved', 'paid'] as const;
export type InvoiceState = (typeof INVOICE_STATES)[number];

/** Why an invoice line was rejected, in the order they are checked. */
export const INVOICE_REJECTION_REASONS = [
  'DUPLICATE_IN_INVOICE',
  'UNKNOWN_LINE',
  'AFTER_TERMINATION',
  'NOT_ACTIVE_IN_MONTH',
  'ALREADY_INVOICED',
  'WRONG_PRICING',
  'WRONG_PRICE',
  'QUANTITY_ABOVE_ALLOWANCE',
  'WRONG_AMOUNT',
] as const;
export type InvoiceRejectionReason = (typeof INVOICE_REJECTION_REASONS)[number];

/** The two sides of every agreement. */
export const SIDES = ['municipality', 'provider'] as const;
export type Side = (typeof SIDES)[number];

/**
 * The municipality's case-handling staff: they draft, accept reports and handle a child's personal data. (The name is
 * kept from before the mayor joined: every check that uses it is about handling cases.)
 */
export const MUNICIPAL_ROLES = ['caseworker', 'centre_head', 'director'] as const;
/**
 * The mayor (borgmester) signs for the municipality when its delegation rule says so — typically above an amount —
 * but handles no case: she never drafts, accepts reports or reads or writes a child's personal data, which the
 * signature does not need (data minimisation, GDPR art. 5(1)(c)).
 */
export const MAYOR_ROLE = 'mayor';
/** Every role the municipality's Fabric CA issues to staff. */
export const MUNICIPAL_STAFF_ROLES = [...MUNICIPAL_ROLES, MAYOR_ROLE] as const;
/** Roles a provider's Fabric CA issues. */
export const PROVIDER_ROLES = ['provider_staff', 'consultant'] as const;
/** Municipal roles a delegation rule may name; which of them sign, and from which amount, is the municipality's rule. */
export const MUNICIPAL_SIGNING_ROLES = MUNICIPAL_STAFF_ROLES;

export type MunicipalRole = (typeof MUNICIPAL_STAFF_ROLES)[number];
export type ProviderRole = (typeof PROVIDER_ROLES)[number];
export type Role = MunicipalRole | ProviderRole;
export type MunicipalSigningRole = MunicipalRole;

/** Longest entity id (agreement, service line, child pseudonym, MSP id, invoice…): a SHA-256 hex fits. */
export const ID_MAX_LENGTH = 64;
/** Longest certificate id (`sha256:<64 hex>` from the contract layer, with room to spare). */
export const CERT_ID_MAX_LENGTH = 128;

/** Most service lines an agreement version may have (a sanity bound). */
export const MAX_SERVICE_LINES = 50;
/** Most related agreements one agreement may name. */
export const MAX_RELATED_AGREEMENTS = 20;
/** Most changes one amendment may carry. */
export const MAX_CHANGES = 20;
/** Most lines one invoice may have. */
export const MAX_INVOICE_LINES = 100;
/** Most reporting periods ever listed (a sanity bound: a century of quarters). */
export const MAX_REPORT_PERIODS = 400;
/** Longest notice period a term may name (a sanity bound). */
export const MAX_NOTICE_MONTHS = 24;
export const MAX_NOTICE_DAYS = 730;
export const MAX_RENEWAL_WINDOW_DAYS = 730;
/** Longest grace period an obligation may agree (a quarter). */
export const MAX_GRACE_DAYS = 92;
/** The largest quantity accepted anywhere (a sanity bound, far above any real week or month). */
export const MAX_QUANTITY = 1_000_000;

/** Page size of a listing when none is asked for. */
export const DEFAULT_PAGE_SIZE = 20;
/** Largest page a listing returns. */
export const MAX_PAGE_SIZE = 100;

/** What a provider supplies. */
export const PROVIDER_KINDS = ['placement_site', 'consultancy'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** The most characters of an organisation's name. */
export const ORGANISATION_NAME_MAX_LENGTH = 200;
