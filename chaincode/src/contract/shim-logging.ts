import { getLogger as contractApiLogger } from 'fabric-contract-api/lib/logger';
import { Shim } from 'fabric-shim';

/** The loggers fabric-shim's modules take, by the names they take them under. */
const SHIM_LOGGERS = [
  'lib/handler.js',
  'lib/stub.js',
  'lib/chaincode.js',
  'lib/iterators.js',
  'contracts-spi/chaincodefromcontract.js',
  'contracts-spi/datamarshall.js',
];
/** fabric-contract-api's, which it keeps apart (the serializer logs every argument it parses). */
const CONTRACT_API_LOGGERS = ['./lib/jsontransactionserializer.js', './lib/contract.js'];
const QUIETENED_LEVELS = ['debug', 'info'] as const;

/**
 * Drops the shim's log calls below its level before winston formats them. fabric-shim's winston loggers run every
 * call through their formats (timestamp, metadata, colours, padding, printf) and a stream before the transport's
 * level filter drops it: with the level at `warning`, a fifth of the chaincode's CPU per transaction went into
 * debug lines nobody sees (docs/benchmark.md). The shim caches its loggers by name, so the instances its modules
 * hold are the ones changed here; the level is the peer's `CORE_CHAINCODE_LOGGING_LEVEL` at start, as the shim reads it.
 */
export function dropDisabledShimLogs(): void {
  const loggers = [
    ...SHIM_LOGGERS.map((name) => Shim.newLogger(name)),
    ...CONTRACT_API_LOGGERS.map((name) => contractApiLogger(name)),
  ];
  for (const logger of loggers) {
    for (const level of QUIETENED_LEVELS) {
      if (!logger.isLevelEnabled(level)) {
        logger[level] = () => logger;
      }
    }
  }
}
