/** Who submitted a transaction, as far as the chaincode may know it (`WhoAmI` reports all but `enrollmentId`). */
export interface Caller {
  /** MSP id of the caller's organisation. */
  readonly mspId: string;
  /**
   * `sha256:<hex>` of the identity's `x509::<subject>::<issuer>` id: stable across certificate renewal (so one
   * person never counts as two signers) and free of the person's name, so it may be written to the ledger.
   */
  readonly certId: string;
  /** The `role` attribute the organisation's Fabric CA put into the certificate, if any. */
  readonly role: string | null;
  /** An organisation administrator: Fabric CA type `admin` (`hf.Type`) or NodeOU `OU=admin` in the subject. */
  readonly isAdmin: boolean;
  /** The subject's common name: the enrolment id Fabric CA issued the certificate to (binds a guardian). */
  readonly enrollmentId: string;
}
