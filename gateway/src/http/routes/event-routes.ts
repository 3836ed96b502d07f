import type { EventHub, LedgerEvent } from '../../events/event-hub';
import { ApiError } from '../../errors/api-error';
import type { OperationSpec } from '../operation';
import { callerOf, DOMAIN_PARAM, param, queryString } from './common';

const HEARTBEAT_MS = 15_000;

/** The chaincode events of each domain as Server-Sent Events. */
export function eventOperations(hubs: ReadonlyMap<string, EventHub>, shutdown: AbortSignal): OperationSpec[] {
  return [
    {
      operationId: 'streamEvents',
      method: 'get',
      path: '/api/v1/{domain}/events',
      tag: 'Events',
      summary: "The domain's ledger events as Server-Sent Events (ids and statuses only, no personal data)",
      description:
        'Each message has `id` (`<block>.<transaction>`), `event` (the chaincode event type) and `data` (JSON: ' +
        'domain, blockNumber, transactionId, type, payload). Reconnect with `Last-Event-ID` to receive what was ' +
        "missed (from the gateway's recent-event buffer). Webhooks, if configured, receive the same events signed.",
      auth: true,
      pathParams: { domain: DOMAIN_PARAM },
      queryParams: {
        types: {
          description: 'Comma-separated event types to receive (default: all).',
          schema: { type: 'string', pattern: '^[A-Za-z]+(,[A-Za-z]+)*$' },
        },
      },
      responses: {
        200: { description: 'An event stream.', mediaType: 'text/event-stream', schema: { type: 'string' } },
      },
      stream: async (context, response) => {
        callerOf(context);
        const hub = hubs.get(param(context, 'domain'));
        if (hub === undefined) {
          throw new ApiError({ code: 'UNKNOWN_DOMAIN' });
        }
        const types = queryString(context, 'types')?.split(',');
        response.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        response.write(': connected\n\n');
        const send = (event: LedgerEvent): void => {
          if (types === undefined || types.includes(event.type)) {
            response.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
          }
        };
        const unsubscribe = hub.subscribe(send, context.header('last-event-id'));
        const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
        try {
          await new Promise<void>((resolve) => {
            if (shutdown.aborted || context.signal.aborted) {
              resolve();
              return;
            }
            shutdown.addEventListener(
              'abort',
              () => {
                resolve();
              },
              { once: true },
            );
            context.signal.addEventListener(
              'abort',
              () => {
                resolve();
              },
              { once: true },
            );
          });
        } finally {
          clearInterval(heartbeat);
          unsubscribe();
          response.end();
        }
      },
    },
  ];
}
