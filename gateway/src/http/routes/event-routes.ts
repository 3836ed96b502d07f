import type { EventService } from '../../services/event-service';
import type { ServerResponse } from 'node:http';
import type { OperationContext, OperationSpec } from '../operation';
import type { StreamSlots } from '../stream-slots';
import { STREAM_CONTENT_TYPE } from '../operation-dispatch';
import { callerOf, DOMAIN_PARAM, param, queryString } from './common';

const HEARTBEAT_MS = 15_000;

/** The chaincode events of each domain as Server-Sent Events, within the open-stream limits of `slots`. */
export function eventOperations(
  events: EventService,
  shutdown: AbortSignal,
  slots: StreamSlots,
): OperationSpec[] {
  return [
    {
      operationId: 'streamEvents',
      method: 'get',
      path: '/api/v1/{domain}/events',
      tag: 'Events',
      summary: "The domain's ledger events that concern the caller's organisation, as Server-Sent Events",
      description:
        "Only what the organisation may learn of: an agreement's events go to its two parties, personal-data " +
        'events to the municipality only, organisation and delegation-rule events to every member. Open streams are ' +
        'limited per user (429 TOO_MANY_STREAMS) and in total (503 STREAMS_EXHAUSTED). `HEAD` answers 200 with the ' +
        'event-stream content type and no body. Each message has `id` (`<block>.<transaction>`), `event` (the chaincode event type) and `data` (JSON: ' +
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
      errors: ['TOO_MANY_STREAMS', 'STREAMS_EXHAUSTED'],
      stream: async (context, response) => {
        const caller = callerOf(context);
        const release = slots.acquire(caller.principal.username);
        try {
          await streamTo(context, response, caller);
        } finally {
          release();
        }
      },
    },
  ];

  async function streamTo(
    context: OperationContext,
    response: ServerResponse,
    caller: ReturnType<typeof callerOf>,
  ): Promise<void> {
    const lastEventId = context.header('last-event-id') ?? queryString(context, 'lastEventId');
    const stream = await events.stream(caller, param(context, 'domain'), lastEventId);
    const types = queryString(context, 'types')?.split(',');
    response.writeHead(200, {
      'content-type': STREAM_CONTENT_TYPE,
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
  }
}
