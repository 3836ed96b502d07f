/**
 * Issue 12 on the real network: a guardian is bound per child and lists their own children (zero, one, many), a
 * binding ends without touching the others; signatures and access-log entries say who it was (the enrolment id),
 * and each gateway names its own organisation's people.
 */
import { expect } from 'chai';
import { uniqueId } from '../support/network';
import { activePlacement } from './support/agreements';
import { callAs, domainPath, expectProblem, waitUntilReady } from './support/gateways';

interface Children {
  readonly children: readonly { readonly childPseudonym: string; readonly boundAt: string }[];
}

const myChildren = domainPath('/me/children');
const binding = (child: string): string => domainPath(`/children/${child}/guardians/birthe`);

async function birthesChildren(): Promise<readonly string[]> {
  const answer = await callAs('birthe', 'GET', myChildren);
  expect(answer.status, answer.text).to.equal(200);
  return (answer.body as Children).children.map((child) => child.childPseudonym);
}

describe('REST gateway: people, not fingerprints', function () {
  this.timeout(300_000);

  before(async function () {
    await waitUntilReady('municipality');
    await waitUntilReady('placement');
  });

  it("lists the guardian's zero, one and many children; ends one binding and keeps the other", async function () {
    // Whatever an earlier run bound is ended first, so that the list starts empty.
    for (const child of await birthesChildren()) {
      expect((await callAs('sara', 'DELETE', binding(child))).status).to.equal(200);
    }
    expect(await birthesChildren()).to.deep.equal([]);

    const [first, second] = [uniqueId('e2e-sibling-a'), uniqueId('e2e-sibling-b')].sort();
    if (first === undefined || second === undefined) throw new Error('two children expected');
    expect((await callAs('sara', 'PUT', binding(first))).status).to.equal(200);
    expect(await birthesChildren()).to.deep.equal([first]);
    expect((await callAs('sara', 'PUT', binding(second))).status).to.equal(200);
    expect(await birthesChildren()).to.deep.equal([first, second]);
    for (const child of [first, second]) {
      const log = await callAs('birthe', 'GET', domainPath(`/children/${child}/access-log`));
      expect(log.status, log.text).to.equal(200);
    }

    const ended = await callAs('sara', 'DELETE', binding(first));
    expect(ended.status, ended.text).to.equal(200);
    expect((ended.body as { data: { ended: boolean } }).data.ended).to.equal(true);
    expect(await birthesChildren()).to.deep.equal([second]);
    expectProblem(
      await callAs('birthe', 'GET', domainPath(`/children/${first}/access-log`)),
      403,
      'FORBIDDEN',
    );
    const again = await callAs('sara', 'DELETE', binding(first));
    expect(again.status, again.text).to.equal(200);
    expect((again.body as { data: { ended: boolean } }).data.ended).to.equal(false);
  });

  it('keeps the list to guardians of the municipality: a caseworker, a provider and the guardian’s own binding', async function () {
    expectProblem(await callAs('sara', 'GET', myChildren), 403, 'WRONG_ROLE');
    expectProblem(await callAs('karin', 'GET', myChildren), 403, 'FORBIDDEN');
    expectProblem(await callAs('birthe', 'DELETE', binding('e2e-any-child')), 403, 'WRONG_ROLE');
    expectProblem(await callAs('karin', 'DELETE', binding('e2e-any-child')), 403, 'FORBIDDEN');
  });

  it('records who signed and who wrote personal data by enrolment id; the gateway names its own people', async function () {
    const id = await activePlacement();
    const agreement = await callAs('sara', 'GET', domainPath(`/agreements/${id}`));
    const versions = (agreement.body as { versions: { signatures: { enrollmentId?: string }[] }[] }).versions;
    expect(versions[0]?.signatures.map((signature) => signature.enrollmentId)).to.deep.equal([
      'mads',
      'lene',
      'karin',
    ]);

    const child = uniqueId('e2e-logged-child');
    const shared = await callAs(
      'sara',
      'PUT',
      domainPath(`/children/${child}/personal-data/shared/PlacementSiteMSP`),
      {
        json: { name: 'Personer Testbarn' },
      },
    );
    expect(shared.status, shared.text).to.equal(200);
    expect((await callAs('sara', 'PUT', binding(child))).status).to.equal(200);
    const log = await callAs('birthe', 'GET', domainPath(`/children/${child}/access-log`));
    const items = (log.body as { items: { enrollmentId?: string; role: string }[] }).items;
    expect(items.map((entry) => [entry.role, entry.enrollmentId])).to.deep.equal([['caseworker', 'sara']]);
    expect(log.text).not.to.include('Personer Testbarn');
    await callAs('sara', 'DELETE', binding(child));

    const people = await callAs('sara', 'GET', '/api/v1/people');
    expect(people.status, people.text).to.equal(200);
    const directory = people.body as {
      people: { enrollmentId: string; displayName: string; role: string }[];
    };
    expect(directory.people).to.deep.include({
      enrollmentId: 'jonas',
      displayName: 'Jonas',
      role: 'director',
    });
    expect(directory.people.map((person) => person.enrollmentId)).not.to.include('karin');
    // Who is a guardian is nobody else's business, not even a colleague's or another guardian's.
    expect(directory.people.map((person) => person.enrollmentId)).not.to.include('birthe');
    const site = await callAs('karin', 'GET', '/api/v1/people');
    expect((site.body as typeof directory).people.map((person) => person.enrollmentId)).to.deep.equal([
      'karin',
    ]);
  });
});
