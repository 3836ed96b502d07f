import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import type {
  AccessLogEntry,
  GuardianChild,
  GuardianUnbinding,
} from 'agreements-chaincode/core/personal-data';
import type { Page } from '@fabric-agreements/api';
import type { Person } from './support/fake-ledger';
import { expectCode, KOMMUNE, OESTERVOLD, people, TestNetwork } from './support/harness';
import { CHILD, contracts, registerOrganisations } from './support/story';

const { childData } = contracts;
const OWN = `own_${KOMMUNE}`;
const SIBLING = 'child-sibling';
const NOW = '2026-01-10T09:00:00.000Z';
/** A second guardian of the municipality (another family). */
const karl: Person = { mspId: KOMMUNE, name: 'karl-guardian', role: 'guardian' };

/**
 * A guardian is bound per child (siblings placed separately each have their binding), lists only their own
 * children, and a binding can be ended without touching the guardian's other children.
 */
describe('guardian bindings: one per guardian and child', () => {
  let network: TestNetwork;

  beforeEach(async () => {
    network = new TestNetwork(NOW);
    network.ledger.defineCollection(`pair_${KOMMUNE}_${OESTERVOLD}`, [KOMMUNE, OESTERVOLD]);
    network.ledger.defineCollection(OWN, [KOMMUNE]);
    await registerOrganisations(network);
    for (const child of [CHILD, SIBLING]) {
      await network.submit(childData, 'PutChildData', people.sara, [child, OESTERVOLD], {
        transient: { child: JSON.stringify({ salt: randomBytes(16).toString('hex'), name: 'N' }) },
      });
    }
  });

  const childrenOf = async (guardian: Person): Promise<readonly GuardianChild[]> =>
    (await network.evaluate<{ children: GuardianChild[] }>(childData, 'ListGuardianChildren', guardian))
      .children;
  const bind = (child: string, guardian: Person = people.birthe) =>
    network.submit(childData, 'BindGuardian', people.sara, [child, guardian.name]);
  const readsLog = async (guardian: Person, child: string): Promise<boolean> => {
    const outcome = await network
      .evaluate<Page<AccessLogEntry>>(childData, 'ListAccessLog', guardian, [child, '', ''])
      .then(
        () => true,
        () => false,
      );
    return outcome;
  };

  it('lists zero, one and many children, each one’s log readable, in the municipality’s own collection only', async () => {
    expect(await childrenOf(people.birthe)).to.deep.equal([]);
    const first = await bind(CHILD);
    expect([...first.writes.privateWrites.keys()]).to.deep.equal([OWN]);
    expect(first.writes.puts.size).to.equal(0);
    expect(await childrenOf(people.birthe)).to.deep.equal([{ childPseudonym: CHILD, boundAt: NOW }]);
    await bind(SIBLING);
    expect((await childrenOf(people.birthe)).map((child) => child.childPseudonym)).to.deep.equal([
      CHILD,
      SIBLING,
    ]);
    expect(await readsLog(people.birthe, CHILD)).to.equal(true);
    expect(await readsLog(people.birthe, SIBLING)).to.equal(true);
  });

  it('keeps guardians apart: another guardian sees none of Birthe’s children and reads none of their logs', async () => {
    await bind(CHILD);
    await bind(SIBLING);
    await bind(SIBLING, karl);
    expect((await childrenOf(karl)).map((child) => child.childPseudonym)).to.deep.equal([SIBLING]);
    expect(await readsLog(karl, CHILD)).to.equal(false);
    const listed = JSON.stringify(await childrenOf(people.birthe));
    expect(listed).to.not.include(karl.name);
    expect(listed).to.not.include('boundBy');
  });

  it('ends one binding and keeps the others; ending a binding that does not exist ends nothing', async () => {
    await bind(CHILD);
    await bind(SIBLING);
    const ended = await network.submit<GuardianUnbinding>(childData, 'UnbindGuardian', people.sara, [
      CHILD,
      people.birthe.name,
    ]);
    expect(ended.result).to.deep.equal({
      guardianId: people.birthe.name,
      childPseudonym: CHILD,
      ended: true,
    });
    expect((await childrenOf(people.birthe)).map((child) => child.childPseudonym)).to.deep.equal([SIBLING]);
    expect(await readsLog(people.birthe, CHILD)).to.equal(false);
    const again = await network.submit<GuardianUnbinding>(childData, 'UnbindGuardian', people.sara, [
      CHILD,
      people.birthe.name,
    ]);
    expect(again.result.ended).to.equal(false);
    // Still a write to the own collection only, so that the municipality alone endorses the repeat.
    expect([...again.writes.privateWrites.keys()]).to.deep.equal([OWN]);
    expect(again.writes.puts.size).to.equal(0);
  });

  it('still honours, lists and ends the single binding an older ledger kept per guardian', async () => {
    const legacyKey = `\u0000guardian\u0000${people.birthe.name}\u0000`;
    const binding = {
      guardianId: people.birthe.name,
      childPseudonym: CHILD,
      boundAt: NOW,
      boundBy: 'sha256:x',
    };
    network.ledger.commit('legacy-tx', Date.parse(NOW), {
      puts: new Map(),
      deletes: new Set(),
      validationParameters: new Map(),
      privateWrites: new Map([
        [OWN, new Map([[legacyKey, { kind: 'put', value: Buffer.from(JSON.stringify(binding)) }]])],
      ]),
      events: [],
    });
    await bind(SIBLING);
    expect((await childrenOf(people.birthe)).map((child) => child.childPseudonym)).to.deep.equal([
      CHILD,
      SIBLING,
    ]);
    expect(await readsLog(people.birthe, CHILD)).to.equal(true);
    await network.submit(childData, 'UnbindGuardian', people.sara, [CHILD, people.birthe.name]);
    expect(network.ledger.committedPrivate(OWN, legacyKey)).to.equal(undefined);
    expect((await childrenOf(people.birthe)).map((child) => child.childPseudonym)).to.deep.equal([SIBLING]);
  });

  it('refuses a provider, a caseworker listing “their” children, and a guardian binding or ending bindings', async () => {
    await bind(CHILD);
    await expectCode(network.failure(childData, 'ListGuardianChildren', people.karin), 'FORBIDDEN');
    await expectCode(network.failure(childData, 'ListGuardianChildren', people.sara), 'WRONG_ROLE');
    await expectCode(
      network.failure(childData, 'UnbindGuardian', people.birthe, [CHILD, people.birthe.name]),
      'WRONG_ROLE',
    );
    await expectCode(
      network.failure(childData, 'UnbindGuardian', people.karin, [CHILD, people.birthe.name]),
      'FORBIDDEN',
    );
    await expectCode(
      network.failure(childData, 'BindGuardian', people.birthe, [SIBLING, karl.name]),
      'WRONG_ROLE',
    );
  });
});
