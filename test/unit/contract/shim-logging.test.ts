import { expect } from 'chai';
import { getLogger } from 'fabric-contract-api/lib/logger';
import { Shim } from 'fabric-shim';
import { dropDisabledShimLogs } from 'agreements-chaincode/contract/shim-logging';

describe("fabric-shim's logging", () => {
  for (const [owner, logger] of [
    ['fabric-shim', Shim.newLogger('lib/handler.js')],
    ['fabric-contract-api', getLogger('./lib/jsontransactionserializer.js')],
  ] as const) {
    it(`drops ${owner}'s calls below the level the peer set before winston formats them, and keeps the rest`, () => {
      const level = process.env.CORE_CHAINCODE_LOGGING_LEVEL;
      const written: unknown[] = [];
      const write = logger.write.bind(logger);
      logger.write = (info: { message?: unknown }) => {
        // The message as written (the formats then pad it in place).
        written.push(info.message);
        return write(info);
      };
      // What the node builder's `run` sets unless the peer's environment says otherwise.
      process.env.CORE_CHAINCODE_LOGGING_LEVEL = 'WARNING';
      try {
        dropDisabledShimLogs();
        logger.debug('a debug line');
        logger.info('an info line');
        logger.warn('a warning');
        expect(written).to.deep.equal(['a warning']);
      } finally {
        if (level === undefined) delete process.env.CORE_CHAINCODE_LOGGING_LEVEL;
        else process.env.CORE_CHAINCODE_LOGGING_LEVEL = level;
        for (const name of ['write', 'debug', 'info'] as const) Reflect.deleteProperty(logger, name);
        logger.level = 'info';
      }
    });
  }
});
