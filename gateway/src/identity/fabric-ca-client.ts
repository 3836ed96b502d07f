import { X509Certificate, type KeyObject } from 'node:crypto';
import { once } from 'node:events';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { signLowS } from './ecdsa';

/** An identity registered at the Fabric CA, as its identities API reports it. */
export interface CaIdentityInfo {
  readonly id: string;
  readonly type: string;
  readonly affiliation: string;
  readonly attrs: readonly { readonly name: string; readonly value: string; readonly ecert?: boolean }[];
  readonly max_enrollments: number;
}

/** An attribute to put on an identity; `ecert` makes it part of enrolment certificates by default. */
export interface CaAttribute {
  readonly name: string;
  readonly value: string;
  readonly ecert: boolean;
}

/** The identity that signs registrar requests (token authentication). */
export interface Registrar {
  readonly certificatePem: string;
  readonly privateKey: KeyObject;
}

/** The Fabric CA operations enrolment needs (implemented by {@link FabricCaClient}). */
export interface CertificateAuthority {
  getIdentity(id: string): Promise<CaIdentityInfo | undefined>;
  register(id: string, secret: string, attrs: readonly CaAttribute[]): Promise<void>;
  modify(id: string, secret: string, attrs: readonly CaAttribute[], maxEnrollments?: number): Promise<void>;
  enroll(id: string, secret: string, csrPem: string, attributeNames: readonly string[]): Promise<string>;
  revoke(serialHex: string, authorityKeyIdHex: string): Promise<void>;
}

/** A failed call to the CA: HTTP status and the CA's own numeric error codes. */
export class FabricCaError extends Error {
  readonly httpStatus: number;
  readonly caCodes: readonly number[];

  constructor(
    operation: string,
    httpStatus: number,
    caCodes: readonly number[],
    messages: readonly string[],
  ) {
    super(
      `Fabric CA ${operation} failed (HTTP ${httpStatus}, codes ${caCodes.join(',') || 'none'}): ${messages.join('; ')}`,
    );
    this.name = 'FabricCaError';
    this.httpStatus = httpStatus;
    this.caCodes = caCodes;
  }
}

/** What a {@link FabricCaClient} is built from. */
export interface FabricCaClientOptions {
  /** Base URL, e.g. `https://localhost:7054`. */
  readonly url: URL;
  readonly caName: string;
  /**
   * PEM the CA server's TLS certificate is verified against: the certificate of the CA that issued it, or the
   * server's TLS certificate itself (as fabric-ca-client accepts), which is then pinned byte for byte.
   */
  readonly tlsCaPem: string;
  readonly registrar: Registrar;
  readonly timeoutMs?: number;
}

interface CaResponse {
  readonly success?: boolean;
  readonly result?: unknown;
  readonly errors?: readonly { readonly code?: number; readonly message?: string }[];
}

/**
 * The Fabric CA REST calls the gateway needs: read, register and modify identities as the registrar (token
 * authentication: the registrar's certificate plus its signature over method, URI, body and certificate), and enrol
 * with an identity's one-time secret (basic authentication) and a CSR.
 */
export class FabricCaClient implements CertificateAuthority {
  readonly #url: URL;
  readonly #caName: string;
  readonly #tlsCaPem: string;
  readonly #registrar: Registrar;
  readonly #timeoutMs: number;

  constructor(options: Readonly<FabricCaClientOptions>) {
    this.#url = options.url;
    this.#caName = options.caName;
    this.#tlsCaPem = options.tlsCaPem;
    this.#registrar = options.registrar;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
  }

  /**
   * The registered identity, or `undefined` if the CA does not know it.
   * @throws {@link FabricCaError} for any other failure.
   */
  async getIdentity(id: string): Promise<CaIdentityInfo | undefined> {
    const path = `/api/v1/identities/${encodeURIComponent(id)}?ca=${encodeURIComponent(this.#caName)}`;
    try {
      return (await this.#registrarCall('GET', path, undefined, 'get identity')) as CaIdentityInfo;
    } catch (error) {
      if (error instanceof FabricCaError && error.httpStatus === 404) {
        return undefined;
      }
      throw error;
    }
  }

  /**
   * Registers a `client` identity whose secret allows one enrolment. (The gateway's registrar may register nothing
   * but `client` identities with a `role` attribute; the CA refuses anything else.) @throws {@link FabricCaError}
   */
  async register(id: string, secret: string, attrs: readonly CaAttribute[]): Promise<void> {
    await this.#registrarCall(
      'POST',
      '/api/v1/register',
      { id, type: 'client', secret, max_enrollments: 1, attrs, caname: this.#caName },
      'register',
    );
  }

  /**
   * Sets a new secret and (adds or replaces) attributes of an existing identity; `maxEnrollments`, when given,
   * becomes its enrolment allowance (the CA counts enrolments over the identity's life, not per secret).
   * @throws {@link FabricCaError}
   */
  async modify(
    id: string,
    secret: string,
    attrs: readonly CaAttribute[],
    maxEnrollments?: number,
  ): Promise<void> {
    await this.#registrarCall(
      'PUT',
      `/api/v1/identities/${encodeURIComponent(id)}`,
      {
        id,
        secret,
        attrs,
        caname: this.#caName,
        ...(maxEnrollments === undefined ? {} : { max_enrollments: maxEnrollments }),
      },
      'modify identity',
    );
  }

  /**
   * Revokes one certificate (serial number and authority key identifier, hex) as the registrar, reason
   * "superseded". It reaches the peers once the CA's CRL is in the organisation's channel MSP
   * (`scripts/network.sh updateCRL`). @throws {@link FabricCaError}
   */
  async revoke(serialHex: string, authorityKeyIdHex: string): Promise<void> {
    await this.#registrarCall(
      'POST',
      '/api/v1/revoke',
      {
        serial: serialHex.toLowerCase(),
        aki: authorityKeyIdHex.toLowerCase(),
        reason: 'superseded',
        caname: this.#caName,
      },
      'revoke',
    );
  }

  /**
   * Enrols with the identity's secret; the certificate carries the requested attributes.
   * @returns the enrolment certificate, PEM.
   * @throws {@link FabricCaError}
   */
  async enroll(
    id: string,
    secret: string,
    csrPem: string,
    attributeNames: readonly string[],
  ): Promise<string> {
    const body = JSON.stringify({
      certificate_request: csrPem,
      caname: this.#caName,
      ...(attributeNames.length === 0
        ? {}
        : { attr_reqs: attributeNames.map((name) => ({ name, optional: false })) }),
    });
    const authorization = `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
    const result = await this.#call('POST', '/api/v1/enroll', body, authorization, 'enroll');
    const cert = isRecord(result) ? result.Cert : undefined;
    if (typeof cert !== 'string') {
      throw new FabricCaError('enroll', 200, [], ['response holds no certificate']);
    }
    return Buffer.from(cert, 'base64').toString('utf8');
  }

  async #registrarCall(method: string, path: string, payload: unknown, operation: string): Promise<unknown> {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    return this.#call(method, path, body, this.#token(method, path, body), operation);
  }

  /** Fabric CA token: base64(cert) "." base64(signature over method.b64(uri).b64(body).b64(cert)). */
  #token(method: string, uri: string, body: string): string {
    const b64Cert = Buffer.from(this.#registrar.certificatePem).toString('base64');
    const payload = `${method}.${Buffer.from(uri).toString('base64')}.${Buffer.from(body).toString('base64')}.${b64Cert}`;
    const signature = signLowS(Buffer.from(payload), this.#registrar.privateKey);
    return `${b64Cert}.${signature.toString('base64')}`;
  }

  /**
   * A TLS connection to the CA whose certificate has been checked before any byte of the request is written. Node
   * cannot use a leaf certificate as a trust anchor (OpenSSL wants a chain to a CA), so a configured leaf is pinned.
   */
  async #connect(): Promise<TLSSocket> {
    const pinned = new X509Certificate(this.#tlsCaPem);
    const socket = tlsConnect({
      host: this.#url.hostname,
      port: Number(this.#url.port || 443),
      // SNI carries host names only (RFC 6066); a CA addressed by IP gets none.
      ...(isIP(this.#url.hostname) === 0 ? { servername: this.#url.hostname } : {}),
      ...(pinned.ca ? { ca: this.#tlsCaPem } : { rejectUnauthorized: false }),
      timeout: this.#timeoutMs,
    });
    try {
      await once(socket, 'secureConnect');
    } catch (error) {
      socket.destroy();
      throw error;
    }
    if (!pinned.ca && !socket.getPeerCertificate().raw.equals(pinned.raw)) {
      socket.destroy();
      throw new Error('the Fabric CA presented a TLS certificate other than the configured one');
    }
    return socket;
  }

  async #call(
    method: string,
    path: string,
    body: string,
    authorization: string,
    operation: string,
  ): Promise<unknown> {
    const url = new URL(path, this.#url);
    const socket = await this.#connect();
    return new Promise((resolve, reject) => {
      const req = httpsRequest(
        url,
        {
          method,
          createConnection: () => socket,
          timeout: this.#timeoutMs,
          headers: {
            authorization,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            let parsed: CaResponse = {};
            try {
              parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as CaResponse;
            } catch {
              // Leave empty: reported below as a failure without codes.
            }
            if (status >= 200 && status < 300 && parsed.success === true) {
              resolve(parsed.result);
              return;
            }
            const errors = parsed.errors ?? [];
            reject(
              new FabricCaError(
                operation,
                status,
                errors.map((item) => item.code ?? 0),
                errors.map((item) => item.message ?? ''),
              ),
            );
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`Fabric CA ${operation} timed out`)));
      req.on('error', reject);
      req.end(body);
    });
  }
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null;
}
