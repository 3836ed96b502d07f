import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Agreement } from '../../api/types';
import { activeAgreement } from '../../test/agreements';
import { fakeGateway, REGISTRY } from '../../test/fake-gateway';
import { renderScreen } from '../../test/render';
import { ReceivedDocumentsScreen } from './ReceivedDocumentsScreen';

const AGREEMENT = activeAgreement({
  versions: [
    {
      number: 1,
      state: 'agreed',
      effectiveFrom: '2026-01-01',
      terms: {
        lines: [
          { id: 'stay', kind: 'stay', pricing: 'monthly', monthlyPrice: 9_500_000, startDate: '2026-01-01' },
          {
            id: 'taxi',
            kind: 'transport',
            pricing: 'monthly',
            monthlyPrice: 950_000,
            startDate: '2026-01-01',
          },
        ],
      },
      signatures: [],
    },
  ] as unknown as Agreement['versions'],
});

const HEADER = {
  answer: { responseId: 'AR-1', uuid: 'u', issueDate: '2026-03-03' },
  documentSha256: 'a'.repeat(64),
};
const INVOICE_VIEW = {
  document: { agreementId: 'anb-1', documentId: 'OV-1', type: 'Invoice', lineIds: ['1', '2'], ...HEADER },
  invoice: {
    invoiceId: 'OV-1',
    agreementId: 'anb-1',
    state: 'validated',
    validation: {
      month: '2026-02',
      status: 'partially_accepted',
      lines: [
        { serviceLineId: 'stay', status: 'accepted', claimed: 9_500_000, approved: 9_500_000 },
        {
          serviceLineId: 'taxi',
          status: 'rejected',
          reason: 'NOT_ACTIVE_IN_MONTH',
          claimed: 950_000,
          approved: 0,
        },
      ],
      totals: { claimed: 10_450_000, approved: 9_500_000, held: 0, payable: 9_500_000 },
    },
  },
};
const CREDIT_NOTE_VIEW = {
  document: {
    agreementId: 'anb-1',
    documentId: 'KN-1',
    type: 'CreditNote',
    lineIds: ['1'],
    creditedInvoiceId: 'OV-1',
    ...HEADER,
  },
  creditNote: {
    creditNoteId: 'KN-1',
    creditedInvoiceId: 'OV-1',
    month: '2026-02',
    status: 'rejected',
    lines: [
      {
        serviceLineId: 'stay',
        status: 'rejected',
        reason: 'CREDITED_INVOICE_CLOSED',
        claimed: 100,
        credited: 0,
      },
    ],
    totals: { claimed: 100, credited: 0 },
  },
};

function gatewayWith(views: readonly { document: { documentId: string } }[]) {
  return fakeGateway((request) => {
    const base = '/api/v1/placements/agreements/anb-1';
    if (request.path.endsWith('/registry')) return { body: REGISTRY };
    if (request.path === base) return { body: AGREEMENT };
    if (request.path === `${base}/received-documents`) return { body: views.map((view) => view.document) };
    const view = views.find(
      (candidate) => request.path === `${base}/received-documents/${candidate.document.documentId}`,
    );
    return view === undefined ? undefined : { body: view };
  });
}

describe('an agreement’s received OIOUBL documents', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('says when none has been received', async () => {
    gatewayWith([]);
    renderScreen(<ReceivedDocumentsScreen agreementId="anb-1" />);
    await screen.findByText('Der er ikke modtaget nogen OIOUBL-dokumenter til aftalen.');
  });

  it('shows each document’s verdict, the reason for each rejected line in Danish, and its answer', async () => {
    gatewayWith([INVOICE_VIEW, CREDIT_NOTE_VIEW]);
    renderScreen(<ReceivedDocumentsScreen agreementId="anb-1" />);
    const invoice = await screen.findByRole('row', { name: /Faktura OV-1/ });
    expect(invoice.textContent).toContain('Delvist godkendt');
    expect(invoice.textContent).toContain('Kørsel: Ydelsen var ikke aktiv i måneden.');
    expect(invoice.textContent).toContain('95.000,00');
    const creditNote = screen.getByRole('row', { name: /Kreditnota KN-1/ });
    expect(creditNote.textContent).toContain('Krediterer faktura OV-1');
    expect(creditNote.textContent).toContain(
      'Ophold: Den krediterede faktura er afvist, betalt eller allerede sendt',
    );
    expect(screen.getByRole('link', { name: 'Svar OV-1 (XML)' }).getAttribute('href')).toBe(
      '/api/v1/placements/agreements/anb-1/received-documents/OV-1/application-response',
    );
  });
});
