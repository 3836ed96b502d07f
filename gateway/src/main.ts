/**
 * Entry point of one organisation's REST gateway: `node gateway/dist/main.js` with the environment described in
 * gateway/README.md. Exits 2 on invalid configuration, 1 on a failure to start.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ConfigError, loadConfig } from './config';
import { startGateway } from './gateway';
import { createLogger } from './observability/logger';
import { findProjectRoot } from './project-root';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, { projectRoot: findProjectRoot() });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel, { org: config.org.key });
  const gateway = await startGateway(config, logger, gatewayVersion());
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    logger.info({ signal }, 'signal received');
    gateway.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ error: error instanceof Error ? error.name : 'unknown' }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => {
    stop('SIGTERM');
  });
  process.once('SIGINT', () => {
    stop('SIGINT');
  });
}

function gatewayVersion(): string {
  try {
    const root = findProjectRoot();
    const manifest = path.join(root ?? process.cwd(), 'gateway', 'package.json');
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `gateway failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
