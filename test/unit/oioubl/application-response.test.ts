import { expect } from 'chai';
import {
  answerReceived,
  answerRefusal,
  OioublRefusal,
  receiveDocument,
  schemaProblems,
  type ReceivedDocument,
} from '@fabric-agreements/oioubl';
import { ANSWER_HEADER, BUYER, bytes, placementInvoice, SELLER, taxiCreditNote } from './fixtures';

async function received(xml: string): Promise<ReceivedDocument> {
  return receiveDocument(bytes(xml), { buyer: BUYER, seller: SELLER });
}

async function refusalOf(xml: string): Promise<OioublRefusal> {
  try {
    await received(xml);
  } catch (error) {
    return error as OioublRefusal;
  }
  throw new Error('accepted');
}

describe('oioubl: answering with an OIOUBL ApplicationResponse', () => {
  it('accepts an invoice the chaincode accepted, schema-valid', async () => {
    const invoice = await received(placementInvoice());
    const xml = answerReceived(ANSWER_HEADER, invoice, {
      status: 'accepted',
      lines: invoice.lines.map((line) => ({ serviceLineId: line.serviceLineId, status: 'accepted' })),
    });
    expect(await schemaProblems(xml, 'ApplicationResponse')).to.deep.equal([]);
    // OIOUBL's header, which UBL 2.1's schema leaves optional.
    expect(xml).to.match(
      /<cbc:UBLVersionID>2\.1<\/cbc:UBLVersionID>\s*<cbc:CustomizationID>OIOUBL-2\.1<\/cbc:CustomizationID>\s*<cbc:ProfileID schemeAgencyID="320" schemeID="urn:oioubl:id:profileid-1\.2">urn:www\.nesubl\.eu:profiles:profile5:ver2\.0<\/cbc:ProfileID>/,
    );
    expect(xml).to.contain('>BusinessAccept</cbc:ResponseCode>');
    expect(xml).to.contain('<cbc:ID>OV-2026-0217</cbc:ID>');
    expect(xml).to.contain('<cbc:EndpointID schemeID="GLN">5798000000017</cbc:EndpointID>');
    expect(xml).to.contain('<cbc:EndpointID schemeID="DK:CVR">DK29876543</cbc:EndpointID>');
    expect(xml).not.to.contain('LineResponse');
  });

  it('rejects with one LineResponse per rejected line: reason code and Danish explanation', async () => {
    const invoice = await received(placementInvoice());
    const xml = answerReceived(ANSWER_HEADER, invoice, {
      status: 'partially_accepted',
      lines: [
        { serviceLineId: 'stay', status: 'accepted' },
        { serviceLineId: 'school', status: 'accepted' },
        { serviceLineId: 'taxi', status: 'rejected', reason: 'NOT_ACTIVE_IN_MONTH' },
      ],
    });
    expect(await schemaProblems(xml, 'ApplicationResponse')).to.deep.equal([]);
    const lineResponses = xml.split('<cac:LineResponse>').slice(1);
    expect(lineResponses).to.have.length(1);
    expect(lineResponses[0]).to.contain('<cbc:LineID>3</cbc:LineID>');
    expect(lineResponses[0]).to.contain('<cbc:ReferenceID>NOT_ACTIVE_IN_MONTH</cbc:ReferenceID>');
    expect(lineResponses[0]).to.contain('>BusinessReject</cbc:ResponseCode>');
    expect(lineResponses[0]).to.contain('Ydelsen er ikke aktiv i den fakturerede måned.');
    expect(xml).to.contain('<cbc:ReferenceID>PARTIALLY_ACCEPTED</cbc:ReferenceID>');
  });

  it('refuses a verdict whose lines are not the document lines', async () => {
    const invoice = await received(placementInvoice());
    expect(() =>
      answerReceived(ANSWER_HEADER, invoice, {
        status: 'rejected',
        lines: [{ serviceLineId: 'stay', status: 'rejected', reason: 'UNKNOWN_LINE' }],
      }),
    ).to.throw(TypeError);
  });

  it('acknowledges a credit note', async () => {
    const xml = answerReceived(ANSWER_HEADER, await received(taxiCreditNote()));
    expect(await schemaProblems(xml, 'ApplicationResponse')).to.deep.equal([]);
    expect(xml).to.contain('>CreditNote</cbc:DocumentTypeCode>');
  });

  it('answers a refused document: business, profile or technical rejection, schema-valid', async () => {
    const wrongBuyer = answerRefusal(
      ANSWER_HEADER,
      await refusalOf(placementInvoice({ buyerGln: '5798000099999' })),
    );
    expect(await schemaProblems(wrongBuyer, 'ApplicationResponse')).to.deep.equal([]);
    expect(wrongBuyer).to.contain('<cbc:ReferenceID>WRONG_BUYER</cbc:ReferenceID>');
    expect(wrongBuyer).to.contain('>BusinessReject</cbc:ResponseCode>');
    expect(wrongBuyer).to.contain('<cbc:ID>OV-2026-0217</cbc:ID>');

    const profile = answerRefusal(ANSWER_HEADER, await refusalOf(placementInvoice({ profileId: 'x' })));
    expect(profile).to.contain('>ProfileReject</cbc:ResponseCode>');

    const malformed = await refusalOf('<Invoice><Nope></Invoice>');
    const technical = answerRefusal(ANSWER_HEADER, malformed);
    expect(await schemaProblems(technical, 'ApplicationResponse')).to.deep.equal([]);
    expect(technical).to.contain('>TechnicalReject</cbc:ResponseCode>');
    // An unreadable document is named by its SHA-256, never by its content.
    expect(technical).to.contain(`<cbc:ID>sha256:${malformed.documentSha256!}</cbc:ID>`);
    expect(technical).not.to.contain('Nope');
  });

  it('refuses an invalid header rather than writing an invalid answer', () => {
    expect(() =>
      answerRefusal({ ...ANSWER_HEADER, issueDate: '3/3/2026' }, new OioublRefusal('XML_MALFORMED', 'x')),
    ).to.throw(TypeError);
  });

  it('the schema catches an answer out of UBL order', async () => {
    const invoice = await received(placementInvoice());
    const xml = answerReceived(ANSWER_HEADER, invoice).replace(
      /(<cbc:ID>AR-2026-0001<\/cbc:ID>)(\s*)(<cbc:UUID>[^<]*<\/cbc:UUID>)/,
      '$3$2$1',
    );
    expect(await schemaProblems(xml, 'ApplicationResponse')).to.have.length.greaterThan(0);
  });
});
