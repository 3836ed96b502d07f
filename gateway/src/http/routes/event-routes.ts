import type { EventService } from '../../services/event-service';
import type { OperationSpec } from '../operation';
import { callerOf, DOMAIN_PARAM, param, queryString } from './common';

const HEARTBEAT_MS = 15_000;

/** The chaincode events of each domain as Server-Sent Events. */
export function eventOperations(events: EventService, shutdown: AbortSignal): OperationSpec[] {
  return [
    {
      operationId: 'streamEvents',
      method: 'get',
      path: '/api/v1/{domain}/events',
      tag: 'Events',
      summary: "The domain's ledger events as Server-Sent Events (ids and statuses only, no personal data)",
      description:
        'Each message has `id` (`<block>.<transaction>`), `event` (the chaincode event type) and `data` (JSON: ' +
        'domain, blockNumber, transactionId, type, payload). Reconnect with the `Last-Event-ID` header (or the ' +
        '`lastEventId` query parameter) to resume right after that event, with nothing missed, also across ' +
        'gateway restarts. Without it the stream starts with the next block.',
      auth: true,
      pathParams: { domain: DOMAIN_PARAM },
      queryParams: {
        types: {
          description: 'Comma-separated event types to receive (default: all).',
          schema: { type: 'string', pattern: '^[A-Za-z]+(,[A-Za-z]+)*$' },
        },
        lastEventId: {
          description: 'Resume after this event id (for clients that cannot set Last-Event-ID).',
          schema: { type: 'string', maxLength: 100 },
        },
      },
      responses: {
        200: { description: 'An event stream.', mediaType: 'text/event-stream', schema: { type: 'string' } },
      },
      stream: async (context, response) => {
        const lastEventId = context.header('last-event-id') ?? queryString(context, 'lastEventId');
        const stream = await events.stream(callerOf(context), param(context, 'domain'), lastEventId);
        const types = queryString(context, 'types')?.split(',');
        response.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        response.write(': connected\n\n');
        const heartbeat = setInterval(() => {
          response.write(': keep-alive\n\n');
        }, HEARTBEAT_MS);
        const close = (): void => {
          stream.close();
        };
        shutdown.addEventListener('abort', close, { once: true });
        context.signal.addEventListener('abort', close, { once: true });
        try {
          for await (const event of stream) {
            if (types === undefined || types.includes(event.type)) {
              response.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
            }
          }
        } catch {
          // The stream ends when the client leaves, at shutdown, or when the peer connection drops; the client
          // reconnects with Last-Event-ID.
        } finally {
          clearInterval(heartbeat);
          shutdown.removeEventListener('abort', close);
          stream.close();
          response.end();
        }
      },
    },
  ];
}
