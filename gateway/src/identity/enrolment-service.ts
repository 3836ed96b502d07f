import { createHash, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import type { Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';
import type { SigningUser } from '../fabric/signing-user';
import { authorityKeyIdentifier, certificateAttributes } from './certificate-attributes';
import { createCsr } from './csr';
import {
  FabricCaError,
  type CaAttribute,
  type CaIdentityInfo,
  type CertificateAuthority,
} from './fabric-ca-client';
import { ENROLLMENT_ID, type FileWallet, type StoredIdentity } from './wallet';

/** Attributes that make a CA identity powerful; the gateway never takes over an identity holding one. */
const PRIVILEGED_ATTRIBUTES = [
  'hf.Registrar.Roles',
  'hf.Registrar.DelegateRoles',
  'hf.Registrar.Attributes',
  'hf.Revoker',
  'hf.IntermediateCA',
  'hf.GenCRL',
  'hf.AffiliationMgr',
];

const ROLE = /^[a-z][a-z_]{0,31}$/;

/**
 * The role of the gateway's own service identity: a `client` identity with `role=service`, which the chaincode
 * accepts for scheduled transactions and listing queries. No person may be enrolled with it.
 */
export const SERVICE_ROLE = 'service';

/** How an identity is registered at the CA: always type `client`, with this `role` attribute. */
interface Registration {
  readonly enrollmentId: string;
  readonly role: string;
}

/** What an {@link EnrolmentService} is built from. */
export interface EnrolmentServiceOptions {
  readonly ca: CertificateAuthority;
  readonly wallet: FileWallet;
  readonly mspId: string;
  /** Enrolment ids no token may claim (the registrar's, the gateway's own service identity). */
  readonly reservedIds: readonly string[];
  /**
   * The CA certificate(s) of the organisation's Fabric CA: a stored certificate not issued by one of them (the
   * network was re-created with a new CA) is replaced by a fresh enrolment.
   */
  readonly caCertificatesPem?: readonly string[];
  /** Re-enrol when the certificate expires within this time. */
  readonly renewBeforeMs?: number;
  readonly now?: () => number;
}

/**
 * Gives every authenticated person their own Fabric identity: on first use (or when their role changed, or their
 * certificate nears expiry) the gateway registers them at the organisation's Fabric CA with their `role` attribute,
 * sets a fresh one-time secret, enrols with a key generated here, and keeps key and certificate in the wallet.
 */
export class EnrolmentService {
  readonly #ca: CertificateAuthority;
  readonly #wallet: FileWallet;
  readonly #mspId: string;
  readonly #reserved: ReadonlySet<string>;
  readonly #renewBeforeMs: number;
  readonly #issuers: readonly X509Certificate[];
  readonly #now: () => number;
  readonly #inProgress = new Map<string, Promise<StoredIdentity>>();
  readonly #cache = new Map<string, StoredIdentity>();
  /** Per stored identity: whether this organisation's CA issued it, and when its certificate expires. */
  readonly #checked = new WeakMap<
    StoredIdentity,
    { readonly issuedHere: boolean; readonly validToMs: number }
  >();
  readonly #signingUsers = new WeakMap<StoredIdentity, SigningUser>();

  constructor(options: Readonly<EnrolmentServiceOptions>) {
    this.#ca = options.ca;
    this.#wallet = options.wallet;
    this.#mspId = options.mspId;
    this.#reserved = new Set(options.reservedIds);
    this.#renewBeforeMs = options.renewBeforeMs ?? 24 * 3_600_000;
    this.#issuers = (options.caCertificatesPem ?? []).map((pem) => new X509Certificate(pem));
    this.#now = options.now ?? Date.now;
  }

  /**
   * The person's signing identity, enrolling them first if needed.
   * @throws {@link ApiError} `IDENTITY_NOT_PERMITTED` for reserved or privileged CA identities and unusable
   * usernames or roles; `ENROLMENT_FAILED` if the CA refuses or cannot be reached.
   */
  async signingUserFor(principal: Principal): Promise<SigningUser> {
    const identity = await this.identityFor(principal);
    let user = this.#signingUsers.get(identity);
    if (user === undefined) {
      user = toSigningUser(identity);
      this.#signingUsers.set(identity, user);
    }
    return user;
  }

  /** As {@link signingUserFor}, with the stored record. */
  async identityFor(principal: Principal): Promise<StoredIdentity> {
    const { username, role } = principal;
    if (!ENROLLMENT_ID.test(username) || !ROLE.test(role)) {
      throw new ApiError({
        code: 'IDENTITY_NOT_PERMITTED',
        details: { reason: 'unusable_username_or_role' },
      });
    }
    if (this.#reserved.has(username) || role === SERVICE_ROLE) {
      throw new ApiError({ code: 'IDENTITY_NOT_PERMITTED', details: { reason: 'reserved' } });
    }
    return this.#obtain({ enrollmentId: username, role });
  }

  /**
   * The gateway's own identity for scheduled transactions, event streams and readiness checks: a `client` identity
   * with `role=service` (not an administrator of anything), which the chaincode accepts as a party's service identity.
   * @throws {@link ApiError} `ENROLMENT_FAILED` if the CA refuses or cannot be reached.
   */
  async serviceIdentity(enrollmentId: string): Promise<SigningUser> {
    return toSigningUser(await this.#obtain({ enrollmentId, role: SERVICE_ROLE }));
  }

  async #obtain(profile: Registration): Promise<StoredIdentity> {
    const { enrollmentId } = profile;
    const cached = this.#cache.get(enrollmentId) ?? (await this.#wallet.get(enrollmentId));
    if (cached && this.#usable(cached, profile.role)) {
      this.#cache.set(enrollmentId, cached);
      return cached;
    }
    const pending = this.#inProgress.get(enrollmentId);
    if (pending) {
      return pending;
    }
    const enrolment = this.#enrol(profile, cached).finally(() => this.#inProgress.delete(enrollmentId));
    this.#inProgress.set(enrollmentId, enrolment);
    const identity = await enrolment;
    this.#cache.set(enrollmentId, identity);
    return identity;
  }

  #issuedHere(certificatePem: string): boolean {
    const certificate = new X509Certificate(certificatePem);
    return this.#issuers.length === 0 || this.#issuers.some((issuer) => certificate.verify(issuer.publicKey));
  }

  #usable(identity: StoredIdentity, role: string): boolean {
    // The certificate's parse and issuer signature check are done once per stored identity (every request asks).
    let checked = this.#checked.get(identity);
    if (checked === undefined) {
      const certificate = new X509Certificate(identity.certificatePem);
      checked = {
        issuedHere: this.#issuedHere(identity.certificatePem),
        validToMs: Date.parse(certificate.validTo),
      };
      this.#checked.set(identity, checked);
    }
    return (
      checked.issuedHere &&
      identity.role === role &&
      identity.mspId === this.#mspId &&
      checked.validToMs - this.#renewBeforeMs > this.#now()
    );
  }

  /**
   * Registers (or, for a known identity, sets a new one-time secret and the role) and enrols; then revokes the
   * certificate this gateway held for the identity before (`previous`), so a role change or renewal leaves one valid
   * certificate.
   */
  async #enrol(profile: Registration, previous: StoredIdentity | undefined): Promise<StoredIdentity> {
    const { enrollmentId: username, role } = profile;
    const secret = randomBytes(24).toString('base64url');
    const attrs: CaAttribute[] = [{ name: 'role', value: role, ecert: true }];
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    let certificatePem: string;
    try {
      const existing = await this.#ca.getIdentity(username);
      const csr = createCsr(username, privateKey);
      if (existing) {
        assertTakeable(existing);
        await this.#ca.modify(username, secret, attrs);
        try {
          certificatePem = await this.#ca.enroll(username, secret, csr, ['role']);
        } catch (error) {
          // The CA counts enrolments over the identity's life: when its allowance is used up, allow exactly one more.
          if (!(error instanceof FabricCaError && error.httpStatus === 401 && existing.max_enrollments > 0)) {
            throw error;
          }
          await this.#ca.modify(username, secret, attrs, existing.max_enrollments + 1);
          certificatePem = await this.#ca.enroll(username, secret, csr, ['role']);
        }
      } else {
        await this.#ca.register(username, secret, attrs);
        certificatePem = await this.#ca.enroll(username, secret, csr, ['role']);
      }
      if (previous !== undefined) {
        await this.#revoke(previous.certificatePem);
      }
    } catch (error) {
      if (error instanceof ApiError) {
        throw error;
      }
      throw new ApiError({ code: 'ENROLMENT_FAILED', retryAfterSeconds: 5, cause: error });
    }
    const certificate = new X509Certificate(certificatePem);
    const issuedKey = certificate.publicKey.export({ type: 'spki', format: 'der' });
    if (!issuedKey.equals(publicKey.export({ type: 'spki', format: 'der' }))) {
      throw new ApiError({ code: 'ENROLMENT_FAILED', details: { reason: 'certificate_key_mismatch' } });
    }
    if (certificateAttributes(certificatePem).role !== role) {
      throw new ApiError({ code: 'ENROLMENT_FAILED', details: { reason: 'role_missing_in_certificate' } });
    }
    const identity: StoredIdentity = {
      enrollmentId: username,
      mspId: this.#mspId,
      role,
      certificatePem,
      privateKey,
    };
    await this.#wallet.put(identity, privateKey);
    return identity;
  }

  /** Revokes a certificate this CA issued; one already revoked, or not this CA's, needs nothing. */
  async #revoke(certificatePem: string): Promise<void> {
    if (!this.#issuedHere(certificatePem)) {
      return;
    }
    const certificate = new X509Certificate(certificatePem);
    try {
      await this.#ca.revoke(certificate.serialNumber, authorityKeyIdentifier(certificatePem));
    } catch (error) {
      if (!(error instanceof FabricCaError && error.httpStatus === 404)) {
        throw error;
      }
    }
  }
}

/** The Fabric signing identity of a stored identity. */
export function toSigningUser(identity: StoredIdentity): SigningUser {
  const fingerprint = createHash('sha256').update(identity.certificatePem).digest('hex').slice(0, 16);
  return {
    key: `${identity.enrollmentId}#${fingerprint}`,
    mspId: identity.mspId,
    certificatePem: identity.certificatePem,
    privateKey: identity.privateKey,
  };
}

/**
 * An existing CA identity is reused only if it has the expected type and no registrar or revoker powers: a token
 * naming a peer, an administrator or the registrar never gets that identity's certificate.
 */
function assertTakeable(info: CaIdentityInfo): void {
  const privileged = info.attrs.some(
    (attr) => PRIVILEGED_ATTRIBUTES.includes(attr.name) && attr.value !== '' && attr.value !== 'false',
  );
  if (info.type !== 'client' || privileged) {
    throw new ApiError({ code: 'IDENTITY_NOT_PERMITTED', details: { reason: 'privileged_ca_identity' } });
  }
}
