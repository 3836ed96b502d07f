/**
 * The guardian's view (the Estonian Data Tracker's idea) on the real network, through the REST gateways: the
 * municipality binds a guardian to one child; the guardian then sees who — of which organisation, in which role —
 * wrote or read that child's personal data, when and why, and nothing else.
 */
import { expect } from 'chai';
import { closeAll } from '../support/network';
import { canaryChild, canaryStrings, CHANNEL, PLACEMENT_SITE, MUNICIPALITY } from '../support/privacy-data';
import { call, putShared, readPersonal, requireGateways } from '../support/privacy-rest';

interface AccessLogPage {
  readonly items: readonly { action: string; mspId: string; role: string; purpose: string }[];
}

const accessLog = (pseudonym: string): string => `/api/v1/${CHANNEL}/children/${pseudonym}/access-log`;

describe('a guardian sees who looked at their child’s data', function () {
  this.timeout(180_000);
  after(closeAll);
  const child = canaryChild();
  const other = canaryChild();

  before(async function () {
    await requireGateways(['municipality', 'placement']);
    for (const subject of [child, other]) {
      const stored = await putShared(subject.pseudonym, PLACEMENT_SITE, subject.child);
      expect(stored.status, stored.text).to.equal(200);
    }
  });

  it('sees nothing before the municipality binds them', async function () {
    const answer = await call('municipality', 'birthe', 'GET', accessLog(child.pseudonym));
    expect(answer.status, answer.text).to.equal(403);
  });

  it('after binding, sees the municipality’s write and the placement site’s read, with who, when and why', async function () {
    const bound = await call(
      'municipality',
      'sara',
      'PUT',
      `/api/v1/${CHANNEL}/children/${child.pseudonym}/guardians/birthe`,
    );
    expect(bound.status, bound.text).to.equal(200);
    const read = await readPersonal('placement', 'karin', child.pseudonym, PLACEMENT_SITE, 'care_delivery');
    expect(read.status, read.text).to.equal(200);

    const answer = await call('municipality', 'birthe', 'GET', accessLog(child.pseudonym));
    expect(answer.status, answer.text).to.equal(200);
    const entries = (answer.body as AccessLogPage).items.map((entry) => [
      entry.action,
      entry.mspId,
      entry.role,
      entry.purpose,
    ]);
    expect(entries).to.deep.include(['write', MUNICIPALITY, 'caseworker', 'data_entry']);
    expect(entries).to.deep.include(['read', PLACEMENT_SITE, 'provider_staff', 'care_delivery']);
    for (const secret of canaryStrings(child)) expect(answer.text).not.to.contain(secret);
  });

  it('sees no other child’s log, no personal data and no agreement', async function () {
    const otherLog = await call('municipality', 'birthe', 'GET', accessLog(other.pseudonym));
    expect(otherLog.status, otherLog.text).to.equal(403);
    const data = await readPersonal('municipality', 'birthe', child.pseudonym, PLACEMENT_SITE, 'curiosity');
    expect(data.status, data.text).to.equal(403);
    const agreements = await call(
      'municipality',
      'birthe',
      'GET',
      `/api/v1/${CHANNEL}/agreements?childPseudonym=${child.pseudonym}`,
    );
    expect(agreements.status, agreements.text).to.equal(403);
  });
});
