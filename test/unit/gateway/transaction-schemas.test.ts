import { expect } from 'chai';
import { AgreementDraftSchema, CHECK } from '@fabric-agreements/api';
import { COMPONENT_SCHEMAS } from 'agreements-gateway/http/openapi/components';

function symbolsIn(node: unknown): number {
  if (typeof node !== 'object' || node === null) {
    return 0;
  }
  return (
    Object.getOwnPropertySymbols(node).length +
    Object.values(node).reduce((sum: number, value) => sum + symbolsIn(value), 0)
  );
}

describe('gateway: the transactions’ schemas in the OpenAPI document', () => {
  it('are the package’s, with nested named schemas as references', () => {
    const draft = COMPONENT_SCHEMAS.AgreementDraft as {
      properties: Record<string, { items?: unknown }>;
      additionalProperties: boolean;
    };
    expect(Object.keys(draft.properties)).to.deep.equal(Object.keys(AgreementDraftSchema.properties));
    expect(draft.additionalProperties).to.equal(false);
    expect(draft.properties.lines?.items).to.deep.equal({ $ref: '#/components/schemas/ServiceLine' });
    expect(draft.properties.noticePeriod).to.deep.equal({ $ref: '#/components/schemas/NoticePeriod' });
  });

  it('carry none of the chaincode’s annotations (symbols JSON would drop anyway)', () => {
    expect(AgreementDraftSchema.properties.id).to.have.property(CHECK, 'id');
    expect(symbolsIn(COMPONENT_SCHEMAS)).to.equal(0);
  });
});
