/**
 * Least privilege for the gateway's CA identities (issue 9, item 3). Asked directly, as a compromised gateway could
 * ask, each organisation's Fabric CA lets the gateway's registrar (the identity named by the gateway's own
 * environment) register only `client` identities carrying at most the `role` attribute, each enrolable once per
 * secret — no admin or peer, no other or `hf.*` attribute, no CRL, no revoking or re-keying a node — and the
 * gateway's own service identity is a `role=service` client, not an administrator.
 */
import { expect } from 'chai';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { certificateAttributes } from 'agreements-gateway/identity/certificate-attributes';
import { createCsr } from 'agreements-gateway/identity/csr';
import { uniqueId } from '../support/network';
import {
  caCall,
  type CaAnswer,
  type CaCaller,
  callerFromMsp,
  caOf,
  type CaTarget,
  gatewayEnvironment,
} from '../support/security';

const ORGS = ['municipality', 'placement', 'consultancy'] as const;

describe('security: the gateway registrar', function () {
  this.timeout(120_000);

  for (const org of ORGS) {
    describe(org, function () {
      let registrar: CaCaller;
      let ca: CaTarget;
      before(function () {
        registrar = callerFromMsp(gatewayEnvironment(org).GATEWAY_CA_REGISTRAR_MSP_DIR ?? '');
        ca = caOf(org);
      });

      const register = (body: Record<string, unknown>): Promise<CaAnswer> =>
        caCall(
          ca,
          'POST',
          '/api/v1/register',
          { id: uniqueId('reg'), secret: 'one-time-secret-of-this-test', caname: ca.caName, ...body },
          { caller: registrar },
        );

      const enrol = (id: string, secret: string): Promise<CaAnswer> => {
        const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
        return caCall(
          ca,
          'POST',
          '/api/v1/enroll',
          { certificate_request: createCsr(id, privateKey), caname: ca.caName },
          { basic: [id, secret] },
        );
      };

      it('cannot register an admin, a peer or an orderer', async function () {
        for (const type of ['admin', 'peer', 'orderer']) {
          const answer = await register({ type });
          expect(answer.success, `registering type ${type}`).to.be.false;
        }
      });

      it('cannot register any attribute but role', async function () {
        for (const attrs of [
          [{ name: 'department', value: 'finance', ecert: true }],
          [{ name: 'hf.Revoker', value: 'true' }],
          [{ name: 'hf.Registrar.Roles', value: 'client' }],
          [{ name: 'hf.GenCRL', value: 'true' }],
          [
            { name: 'role', value: 'caseworker', ecert: true },
            { name: 'hf.AffiliationMgr', value: 'true' },
          ],
        ]) {
          const answer = await register({ type: 'client', attrs });
          expect(answer.success, `registering ${JSON.stringify(attrs)}`).to.be.false;
        }
      });

      it('cannot generate a CRL, revoke the peer, or set a new secret on the peer', async function () {
        const crl = await caCall(ca, 'POST', '/api/v1/gencrl', { caname: ca.caName }, { caller: registrar });
        expect(crl.success, 'gencrl').to.be.false;
        const revoke = await caCall(
          ca,
          'POST',
          '/api/v1/revoke',
          { id: 'peer0', caname: ca.caName },
          { caller: registrar },
        );
        expect(revoke.success, 'revoking peer0').to.be.false;
        const modify = await caCall(
          ca,
          'PUT',
          '/api/v1/identities/peer0',
          { id: 'peer0', secret: 'taken-over', caname: ca.caName },
          { caller: registrar },
        );
        expect(modify.success, "setting peer0's secret").to.be.false;
      });

      it('registers a role-carrying client whose secret enrols once and only once', async function () {
        const id = uniqueId('once');
        const secret = 'one-time-secret-of-this-test';
        const registered = await caCall(
          ca,
          'POST',
          '/api/v1/register',
          {
            id,
            type: 'client',
            secret,
            max_enrollments: 1,
            attrs: [{ name: 'role', value: 'caseworker', ecert: true }],
            caname: ca.caName,
          },
          { caller: registrar },
        );
        expect(registered.success, registered.messages.join('; ')).to.be.true;
        expect((await enrol(id, secret)).success, 'first enrolment').to.be.true;
        expect((await enrol(id, secret)).success, 'second enrolment with the same secret').to.be.false;
      });

      it("runs the gateway's scheduled work as a role=service client, not as an administrator", function () {
        const env = gatewayEnvironment(org);
        const record = JSON.parse(
          readFileSync(join(env.GATEWAY_WALLET_DIR ?? '', `gateway-${org}.json`), 'utf8'),
        ) as { certificatePem: string };
        const attributes = certificateAttributes(record.certificatePem);
        expect(attributes.role).to.equal('service');
        expect(attributes['hf.Type']).not.to.equal('admin');
        // The NodeOU the CA stamps from the identity's type: a client, not an admin.
        const subject = new X509Certificate(record.certificatePem).subject;
        expect(subject).to.match(/OU=client/);
        expect(subject).not.to.match(/OU=admin/);
      });
    });
  }
});
