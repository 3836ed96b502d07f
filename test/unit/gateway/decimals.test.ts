import { expect } from 'chai';
import fc from 'fast-check';
import type { OperationSpec } from 'agreements-gateway/http/operation';
import { RequestValidator } from 'agreements-gateway/http/openapi/request-validator';
import { COMPONENT_SCHEMAS } from 'agreements-gateway/http/openapi/components';
import { QUANTITY } from 'agreements-gateway/http/openapi/parameters';

/** A minimal operation whose body is one quantity, validated by the same Ajv set-up the gateway uses. */
const OPERATION = {
  operationId: 'quantityProbe',
  method: 'post',
  path: '/probe',
  tag: 'probe',
  summary: 'probe',
  auth: false,
  requestBody: {
    description: 'a quantity',
    schema: {
      type: 'object',
      properties: { quantity: QUANTITY },
      required: ['quantity'],
      additionalProperties: false,
    },
  },
  responses: {},
  handler: () => Promise.resolve(undefined),
} as unknown as OperationSpec;

const validator = new RequestValidator([OPERATION], COMPONENT_SCHEMAS);
const accepts = (quantity: number): boolean => {
  try {
    validator.validate(OPERATION, { params: {}, query: {}, hasBody: true, body: { quantity } });
    return true;
  } catch {
    return false;
  }
};

describe('gateway: quantities are checked exactly', () => {
  it('accepts the two-decimal quantities binary multipleOf refused (17.15, 0.07, 1.15)', () => {
    for (const quantity of [17.15, 0.07, 1.15, 0.29, 4.35, 26.57, 1, 0.5]) {
      expect(accepts(quantity), String(quantity)).to.be.true;
    }
  });

  it('refuses three decimals, zero, negatives and values above the bound', () => {
    for (const quantity of [1.125, 0.001, 17.151, 0, -1, 1_000_000.01, 1e-7]) {
      expect(accepts(quantity), String(quantity)).to.be.false;
    }
  });

  it('accepts every two-decimal value from 0.01 to 1000.00 (exhaustive), and random ones (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200_000 }), (hundredths) => accepts(hundredths / 100)),
      { numRuns: 20_000 },
    );
    for (let hundredths = 1; hundredths <= 100_000; hundredths++) {
      if (!accepts(hundredths / 100)) {
        expect.fail(`refused ${String(hundredths / 100)}`);
      }
    }
  });

  it('refuses every value with a third decimal', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000_000 }).filter((thousandths) => thousandths % 10 !== 0),
        (thousandths) => !accepts(thousandths / 1000),
      ),
    );
  });
});
