import { createHash } from 'node:crypto';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { activeAgreement } from '../../test/agreements';
import { fakeGateway } from '../../test/fake-gateway';
import { renderScreen } from '../../test/render';
import { StatusReportForm } from './StatusReportScreen';

const AGREEMENT = activeAgreement({
  obligations: [
    {
      id: 'status-report',
      kind: 'status_report',
      everyMonths: 3,
      obligatedSide: 'provider',
      gatedLineKinds: ['stay'],
      graceDays: 10,
      releasedBy: 'submission',
    },
  ],
});

const DOCUMENT = 'Statusrapport om Preben, 10 år: trives på Østervold, går i 4. klasse.';

describe('a status report leaves the browser only as its SHA-256', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('computes the digest with WebCrypto and sends nothing of the document', async () => {
    const received = fakeGateway((request) =>
      request.method === 'POST'
        ? {
            status: 201,
            body: {
              transactionId: 't',
              blockNumber: '1',
              data: {
                agreementId: 'anb-1',
                obligationId: 'status-report',
                periodNumber: 1,
                dueDate: '2026-04-10',
                versions: [],
                acceptances: [],
              },
            },
          }
        : undefined,
    );
    const user = userEvent.setup();
    renderScreen(<StatusReportForm agreement={AGREEMENT} />, { name: 'karin', role: 'provider_staff' });
    const file = new File([DOCUMENT], 'statusrapport.txt', { type: 'text/plain' });
    await user.upload(screen.getByLabelText('Dokument'), file);
    const expected = createHash('sha256').update(DOCUMENT).digest('hex');
    await waitFor(() => {
      expect(screen.getByTestId('document-hash').textContent).toBe(expected);
    });
    expect(received).toHaveLength(0);

    await user.selectOptions(screen.getByLabelText('Periode'), '1');
    await user.click(screen.getByRole('button', { name: 'Indsend fingeraftryk' }));
    await waitFor(() => {
      expect(screen.getByText('Rapportens fingeraftryk er registreret.')).toBeTruthy();
    });
    expect(received).toHaveLength(1);
    const [post] = received;
    expect(post?.path).toBe('/api/v1/placements/agreements/anb-1/status-reports');
    expect(JSON.parse(post?.body ?? '')).toEqual({
      obligationId: 'status-report',
      periodNumber: 1,
      documentHash: expected,
    });
    expect(post?.body).not.toContain('Preben');
    expect(post?.headers.get('content-type')).toBe('application/json');
  });

  it('asks for a document before anything is sent', async () => {
    const received = fakeGateway(() => undefined);
    const user = userEvent.setup();
    renderScreen(<StatusReportForm agreement={AGREEMENT} />, { name: 'karin', role: 'provider_staff' });
    await user.click(screen.getByRole('button', { name: 'Indsend fingeraftryk' }));
    expect(screen.getByRole('alert').textContent).toContain('Vælg et dokument');
    expect(received).toHaveLength(0);
  });
});
