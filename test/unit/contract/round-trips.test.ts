import { expect } from 'chai';
import { compositeKey, KOMMUNE, OESTERVOLD, people, TestNetwork, type Outcome } from './support/harness';
import { CHILD, contracts, placementDraft, registerOrganisations, visitationDraft } from './support/story';
import type { Person, TxOptions } from './support/fake-ledger';

/**
 * Messages to the peer per transaction (each a round trip the shim awaits), counted on the fake ledger for every
 * write an agreement goes through. A change that adds reads or writes shows here first; when it is meant, update
 * the figures and say why in the commit.
 *
 * What the layout keeps to (chaincode/src/contract/ledger): a record read as absent is created with its key-level
 * policy and no metadata read; a record read as present keeps the policy it was created with (no metadata message
 * at all); index entries carry no policy. The municipality is one read (its record is copied under its own key);
 * a draft reads only the provider's record, which names the municipality that registered it.
 */
const { agreements, reports, settlements, deadlines } = contracts;
const SIGNING_DAY = '2025-12-20T10:00:00.000Z';
const REPORT = JSON.stringify({
  obligationId: 'status-report',
  periodNumber: 1,
  documentHash: 'a'.repeat(64),
});
const ACCEPT = JSON.stringify({ obligationId: 'status-report', periodNumber: 1, version: 1 });
const INVOICE = JSON.stringify({
  invoiceId: 'inv-2026-01',
  month: '2026-01',
  lines: [
    { serviceLineId: 'stay', amount: 9_500_000 },
    { serviceLineId: 'school', amount: 2_400_000 },
    { serviceLineId: 'taxi', amount: 950_000 },
  ],
});
const AMENDMENT = JSON.stringify({
  effectiveFrom: '2026-02-01',
  changes: [{ type: 'change_expected_end', expectedEndDate: '2027-06-30' }],
});

type Counts = Readonly<Record<string, number>>;

describe('round trips to the peer', () => {
  let network: TestNetwork;

  async function count(
    contract: (typeof contracts)[keyof typeof contracts],
    fn: string,
    person: Person,
    args: readonly string[],
    options: TxOptions = { at: SIGNING_DAY },
  ): Promise<Counts> {
    const outcome: Outcome = await network.submit(contract, fn, person, args, options);
    return outcome.roundTrips;
  }

  beforeEach(async () => {
    network = new TestNetwork('2026-01-10T09:00:00.000Z');
    await registerOrganisations(network);
  });

  it('DraftAgreement: the provider (naming its municipality), id free; the agreement with its policy and two index entries', async () => {
    expect(
      await count(agreements, 'DraftAgreement', people.sara, [JSON.stringify(placementDraft())]),
    ).to.deep.equal({ GET_STATE: 2, PUT_STATE: 3, PUT_STATE_METADATA: 1 });
  });

  it('DraftAgreement with a provider registered before records named their municipality: one read more', async () => {
    const key = compositeKey('organisation', OESTERVOLD);
    const { municipalityMspId, ...before } = network.ledger.committedJson(key) as Record<string, unknown>;
    expect(municipalityMspId).to.equal(KOMMUNE);
    network.ledger.plant(
      'older-registry',
      Date.parse(SIGNING_DAY),
      new Map([[key, Buffer.from(JSON.stringify(before))]]),
    );
    expect(
      await count(agreements, 'DraftAgreement', people.sara, [JSON.stringify(placementDraft())]),
    ).to.deep.equal({ GET_STATE: 3, PUT_STATE: 3, PUT_STATE_METADATA: 1 });
  });

  it('DraftAgreement of a related agreement: one more read (the related agreement) and one more index entry', async () => {
    await network.submit(agreements, 'DraftAgreement', people.sara, [JSON.stringify(placementDraft())]);
    expect(
      await count(agreements, 'DraftAgreement', people.sara, [JSON.stringify(visitationDraft())]),
    ).to.deep.equal({ GET_STATE: 3, PUT_STATE: 4, PUT_STATE_METADATA: 1 });
  });

  it('every later write of an agreement: no metadata message; status index entries move only when the status does', async () => {
    const draft = JSON.stringify(placementDraft());
    await network.submit(agreements, 'DraftAgreement', people.sara, [draft], { at: SIGNING_DAY });
    const seen: Record<string, Counts> = {};
    seen.ReviseDraft = await count(agreements, 'ReviseDraft', people.sara, [draft]);
    seen.SubmitForSignatures = await count(agreements, 'SubmitForSignatures', people.sara, ['placement-1']);
    seen.WithdrawPendingVersion = await count(agreements, 'WithdrawPendingVersion', people.sara, [
      'placement-1',
    ]);
    await network.submit(agreements, 'SubmitForSignatures', people.sara, ['placement-1'], {
      at: SIGNING_DAY,
    });
    // A withdrawn first version is replaced by the next number.
    seen.SignAgreement = await count(agreements, 'SignAgreement', people.jonas, ['placement-1', '2']);
    seen['SignAgreement (completing)'] = await count(agreements, 'SignAgreement', people.karin, [
      'placement-1',
      '2',
    ]);
    seen.ProposeAmendment = await count(agreements, 'ProposeAmendment', people.sara, [
      'placement-1',
      AMENDMENT,
    ]);
    const end = JSON.stringify({ effectiveDate: '2026-12-31' });
    await network.submit(agreements, 'WithdrawPendingVersion', people.sara, ['placement-1'], {
      at: SIGNING_DAY,
    });
    seen.ProposeTermination = await count(agreements, 'ProposeTermination', people.karin, [
      'placement-1',
      end,
    ]);
    seen.WithdrawTermination = await count(agreements, 'WithdrawTermination', people.karin, ['placement-1']);

    const update = { GET_STATE: 1, PUT_STATE: 1 };
    const move = { DEL_STATE: 1, GET_STATE: 1, PUT_STATE: 2 };
    expect(seen).to.deep.equal({
      ReviseDraft: update,
      SubmitForSignatures: move,
      WithdrawPendingVersion: move,
      // The agreement and the municipality's delegation rule.
      SignAgreement: { GET_STATE: 2, PUT_STATE: 1 },
      'SignAgreement (completing)': { ...move, GET_STATE: 2 },
      ProposeAmendment: update,
      ProposeTermination: update,
      WithdrawTermination: update,
    });
  });

  it('a termination that ends a related agreement: both agreements and their status entries, no metadata message', async () => {
    const at = { at: SIGNING_DAY };
    for (const [draft, signer] of [
      [placementDraft(), people.karin],
      [visitationDraft(), people.ole],
    ] as const) {
      const id = String(draft.id);
      await network.submit(agreements, 'DraftAgreement', people.sara, [JSON.stringify(draft)], at);
      await network.submit(agreements, 'SubmitForSignatures', people.sara, [id], at);
      await network.submit(agreements, 'SignAgreement', people.jonas, [id, '1'], at);
      await network.submit(agreements, 'SignAgreement', signer, [id, '1'], at);
    }
    const end = JSON.stringify({ effectiveDate: '2026-12-31' });
    await network.submit(agreements, 'ProposeTermination', people.karin, ['placement-1', end], at);
    await network.submit(agreements, 'SignTermination', people.jonas, ['placement-1', '1'], at);
    // The placement, the delegation rule and the visitation; the dependants of each ended agreement (two ranges)
    // and each one's invoices (two more); both agreements rewritten and their status entries moved.
    expect(await count(agreements, 'SignTermination', people.karin, ['placement-1', '1'])).to.deep.equal({
      DEL_STATE: 2,
      GET_STATE: 3,
      GET_STATE_BY_RANGE: 4,
      PUT_STATE: 4,
    });
  });

  it('reports, deadlines, settlements and invoices: created with their policy, updated without a metadata message', async () => {
    const at = { at: SIGNING_DAY };
    await network.submit(agreements, 'DraftAgreement', people.sara, [JSON.stringify(placementDraft())], at);
    await network.submit(agreements, 'SubmitForSignatures', people.sara, ['placement-1'], at);
    await network.submit(agreements, 'SignAgreement', people.jonas, ['placement-1', '1'], at);
    await network.submit(agreements, 'SignAgreement', people.karin, ['placement-1', '1'], at);
    const on = (day: string): TxOptions => ({ at: `${day}T10:00:00.000Z` });

    const seen: Record<string, Counts> = {};
    seen.SubmitInvoice = await count(
      settlements,
      'SubmitInvoice',
      people.karin,
      ['placement-1', INVOICE],
      on('2026-02-03'),
    );
    seen.AttestInvoice = await count(
      settlements,
      'AttestInvoice',
      people.jonas,
      ['placement-1', 'inv-2026-01'],
      on('2026-02-04'),
    );
    seen.RecordPayment = await count(
      settlements,
      'RecordPayment',
      people.sara,
      ['placement-1', 'inv-2026-01', JSON.stringify({ reference: 'pay-1', paidOn: '2026-02-10' })],
      on('2026-02-10'),
    );
    seen.RecordSettlement = await count(
      settlements,
      'RecordSettlement',
      people.sara,
      ['placement-1', '2026-01'],
      on('2026-02-05'),
    );
    seen.ApplyDeadlines = await count(
      deadlines,
      'ApplyDeadlines',
      people.karin,
      ['placement-1'],
      on('2026-04-12'),
    );
    seen.SubmitStatusReport = await count(
      reports,
      'SubmitStatusReport',
      people.karin,
      ['placement-1', REPORT],
      on('2026-04-13'),
    );
    seen.AcceptStatusReport = await count(
      reports,
      'AcceptStatusReport',
      people.sara,
      ['placement-1', ACCEPT],
      on('2026-04-14'),
    );
    seen['ApplyDeadlines (clears its marks)'] = await count(
      deadlines,
      'ApplyDeadlines',
      people.karin,
      ['placement-1'],
      on('2026-04-15'),
    );
    const created = { PUT_STATE: 1, PUT_STATE_METADATA: 1 };
    const updated = { PUT_STATE: 1 };
    expect(seen).to.deep.equal({
      // The agreement, the invoice id (free?), the municipality and its attestation rule; invoices and settlements.
      SubmitInvoice: { GET_STATE: 4, GET_STATE_BY_RANGE: 2, ...created },
      AttestInvoice: { GET_STATE: 3, ...updated },
      // One range read: the invoice's accepted credit notes, which the payment leaves out.
      RecordPayment: { GET_STATE: 2, GET_STATE_BY_RANGE: 1, ...updated },
      RecordSettlement: { GET_STATE: 2, GET_STATE_BY_RANGE: 2, ...created },
      ApplyDeadlines: { GET_STATE: 2, GET_STATE_BY_RANGE: 1, ...created },
      SubmitStatusReport: { GET_STATE: 2, ...created },
      AcceptStatusReport: { GET_STATE: 2, ...updated },
      'ApplyDeadlines (clears its marks)': { GET_STATE: 2, GET_STATE_BY_RANGE: 1, ...updated },
    });
  });

  it('PutChildData: municipality, provider; the private record and the log of its write, both in the pair collection', async () => {
    network.ledger.defineCollection(`pair_${KOMMUNE}_${OESTERVOLD}`, [KOMMUNE, OESTERVOLD]);
    const record = { salt: 'ab'.repeat(16), name: 'N', guardians: ['G'], school: 'S', contact: 'C' };
    expect(
      await count(contracts.childData, 'PutChildData', people.sara, [CHILD, OESTERVOLD], {
        at: SIGNING_DAY,
        transient: { child: JSON.stringify(record) },
      }),
    ).to.deep.equal({ GET_STATE: 2, PUT_PRIVATE_DATA: 2 });
  });
});
