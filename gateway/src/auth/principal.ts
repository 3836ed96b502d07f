/** The person behind a verified bearer token, as far as the gateway needs to know them. */
export interface Principal {
  /** Enrolment id at the organisation's Fabric CA (from the token's username claim). */
  readonly username: string;
  /** Organisation key (e.g. `municipality`); always this gateway's own organisation once authenticated. */
  readonly org: string;
  /** Role attribute put into the person's certificate (caseworker, centre_head, …). */
  readonly role: string;
}
