import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

/** A counter that rises with every event the gateway streams; screens reload when it changes. */
interface LiveState {
  readonly revision: number;
  readonly lastEvent?: string;
  readonly connected: boolean;
}

const LiveContext = createContext<LiveState>({ revision: 0, connected: false });

/**
 * Listens to the domain's Server-Sent Events (`/api/v1/{domain}/events`, the session cookie goes along) and
 * announces each event. The browser's EventSource reconnects with `Last-Event-ID` by itself, so nothing is missed.
 */
export function LiveUpdates({ domain, children }: { domain: string; children: ReactNode }) {
  const [state, setState] = useState<LiveState>({ revision: 0, connected: false });
  useEffect(() => {
    if (typeof EventSource === 'undefined') {
      return undefined;
    }
    const source = new EventSource(`/api/v1/${encodeURIComponent(domain)}/events`, { withCredentials: true });
    const received = (event: MessageEvent<string>) => {
      setState((previous) => ({
        revision: previous.revision + 1,
        lastEvent: event.type === 'message' ? eventName(event.data) : event.type,
        connected: true,
      }));
    };
    source.onopen = () => {
      setState((previous) => ({ ...previous, connected: true }));
    };
    source.onerror = () => {
      setState((previous) => ({ ...previous, connected: false }));
    };
    source.onmessage = received;
    for (const type of EVENT_TYPES) {
      source.addEventListener(type, received);
    }
    return () => {
      source.close();
    };
  }, [domain]);
  return <LiveContext.Provider value={state}>{children}</LiveContext.Provider>;
}

/** The chaincode's event types (chaincode/src/contract/events.ts), which the stream names in its `event:` field. */
const EVENT_TYPES = [
  'AgreementDraftRevised',
  'AgreementDrafted',
  'AgreementSigned',
  'AgreementSubmitted',
  'AgreementVersionWithdrawn',
  'AmendmentProposed',
  'AttestationRuleAdopted',
  'DeadlinesApplied',
  'DelegationRuleAdopted',
  'InvoiceAttested',
  'InvoicePaid',
  'InvoiceValidated',
  'OrganisationRegistered',
  'PersonalDataAccessed',
  'PersonalDataErased',
  'PersonalDataWritten',
  'SettlementRecorded',
  'StatusReportAccepted',
  'StatusReportSubmitted',
  'TerminationNoticeGiven',
  'TerminationProposed',
  'TerminationSigned',
  'TerminationWithdrawn',
];

function eventName(data: string): string {
  try {
    const parsed: unknown = JSON.parse(data);
    if (typeof parsed === 'object' && parsed !== null) {
      for (const key of ['eventName', 'type', 'name']) {
        const value: unknown = (parsed as Record<string, unknown>)[key];
        if (typeof value === 'string') {
          return value;
        }
      }
    }
  } catch {
    // Not JSON: fall through.
  }
  return 'event';
}

/** The live state: `revision` changes with every event. */
export function useLive(): LiveState {
  return useContext(LiveContext);
}
