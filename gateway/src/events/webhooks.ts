import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../observability/logger';
import type { LedgerEvent } from './event-listener';

/** What a {@link WebhookDispatcher} is built from. */
export interface WebhookDispatcherOptions {
  readonly urls: readonly URL[];
  /** HMAC-SHA256 key the receivers verify signatures with. */
  readonly secret: string;
  readonly logger: Logger;
  readonly attempts?: number;
  readonly timeoutMs?: number;
}

/**
 * Delivers each event to the configured URLs as a signed POST: header `X-Agreements-Signature: t=<unix seconds>,
 * v1=<hex HMAC-SHA256 of "<t>.<body>">`, plus `X-Agreements-Event-Id`. A receiver checks the signature and the
 * timestamp and de-duplicates by event id (delivery is at least once). Failed deliveries are retried with backoff a
 * bounded number of times, so one dead receiver cannot stall the stream.
 */
export class WebhookDispatcher {
  readonly #options: WebhookDispatcherOptions;

  constructor(options: Readonly<WebhookDispatcherOptions>) {
    this.#options = options;
  }

  async deliver(event: LedgerEvent): Promise<void> {
    await Promise.all(this.#options.urls.map((url) => this.#deliverTo(url, event)));
  }

  async #deliverTo(url: URL, event: LedgerEvent): Promise<void> {
    const attempts = this.#options.attempts ?? 5;
    const body = JSON.stringify(event);
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const timestamp = Math.floor(Date.now() / 1000).toString();
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-agreements-event-id': event.id,
            'x-agreements-signature': `t=${timestamp},v1=${signWebhook(this.#options.secret, timestamp, body)}`,
          },
          body,
          signal: AbortSignal.timeout(this.#options.timeoutMs ?? 5_000),
          redirect: 'error',
        });
        if (response.ok) {
          return;
        }
      } catch {
        // Network failure or timeout: retried below.
      }
      if (attempt < attempts) {
        await sleep(Math.min(500 * 2 ** (attempt - 1), 15_000));
      }
    }
    this.#options.logger.error(
      { eventId: event.id, webhook: url.origin },
      'webhook delivery failed; event skipped',
    );
  }
}

/** The signature a receiver recomputes: hex HMAC-SHA256 of `<timestamp>.<body>`. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}
