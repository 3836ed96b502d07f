import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeGateway, REGISTRY, type Received } from '../../test/fake-gateway';
import { renderScreen } from '../../test/render';
import { PaymentExportScreen } from './PaymentExportScreen';

const ITEM = {
  agreementId: 'anb-1',
  invoiceId: 'OV-2026-0217',
  month: '2026-02',
  amount: 12_850_000,
  dueDate: '2026-03-30',
};

/** The municipality's gateway with one payable invoice until it is exported; `refuse` answers the export's refusal. */
function financeGateway(refuse = false): Received[] {
  let exported = false;
  return fakeGateway((request) => {
    if (request.path.endsWith('/registry')) return { body: REGISTRY };
    if (request.path.startsWith('/api/v1/placements/payables')) return { body: exported ? [] : [ITEM] };
    if (request.path === '/api/v1/placements/payment-exports' && request.method === 'GET')
      return { body: [] };
    if (request.path === '/api/v1/placements/payment-exports' && request.method === 'POST') {
      if (refuse) {
        return {
          status: 422,
          body: { status: 422, code: 'PRECONDITION_FAILED', details: { reason: 'nothing_to_export' } },
        };
      }
      exported = true;
      const { exportId } = JSON.parse(request.body) as { exportId: string };
      return {
        status: 201,
        body: {
          transactionId: 't',
          blockNumber: '7',
          data: {
            exportId,
            providerMspId: 'PlacementSiteMSP',
            month: '2026-02',
            items: [ITEM],
            total: ITEM.amount,
          },
        },
      };
    }
    return undefined;
  });
}

async function askForExport() {
  const user = userEvent.setup();
  renderScreen(<PaymentExportScreen providerMspId="PlacementSiteMSP" month="2026-02" />);
  await screen.findByRole('rowheader', { name: 'OV-2026-0217' });
  expect(
    screen.getByRole('heading', { name: 'Til betaling: Opholdsstedet Østervold, februar 2026' }),
  ).toBeTruthy();
  await user.clear(screen.getByLabelText('Betalingsfilens id (bilagsnummer)'));
  await user.type(screen.getByLabelText('Betalingsfilens id (bilagsnummer)'), 'BF-17');
  await user.click(screen.getByRole('button', { name: 'Opret betalingsfil' }));
  const confirm = await screen.findByRole('region', { name: /Bekræft betalingsfilen/ });
  expect(confirm.textContent).toContain('1 faktura til Opholdsstedet Østervold for februar 2026');
  expect(document.activeElement?.id).toBe('confirm-export-heading');
  return { user, confirm };
}

describe('payment files for the finance system', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('exports the month’s payable invoices only after a confirmation, and links the CSV', async () => {
    const received = financeGateway();
    const { user } = await askForExport();
    expect(received.filter((request) => request.method === 'POST')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Ja, opret betalingsfilen' }));
    await screen.findByText(
      'Betalingsfil BF-17 er oprettet, og fakturaerne i den er markeret som eksporteret.',
    );
    const post = received.find((request) => request.method === 'POST');
    expect(JSON.parse(post?.body ?? '')).toEqual({
      exportId: 'BF-17',
      providerMspId: 'PlacementSiteMSP',
      month: '2026-02',
    });
    expect(screen.getByRole('link', { name: 'Hent betalingsfil BF-17 (CSV)' }).getAttribute('href')).toBe(
      '/api/v1/placements/payment-exports/BF-17/csv',
    );
    await waitFor(() => {
      expect(screen.getByTestId('nothing-payable')).toBeTruthy();
    });
    expect(screen.queryByRole('button', { name: 'Opret betalingsfil' })).toBeNull();
  });

  it('shows a second export’s refusal as a sentence with its code', async () => {
    financeGateway(true);
    const { user } = await askForExport();
    await user.click(screen.getByRole('button', { name: 'Ja, opret betalingsfilen' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Der er intet at sende til betaling for leverandøren i måneden');
    expect(alert.textContent).toContain('Fejlkode: PRECONDITION_FAILED');
  });

  it('cancels without writing anything', async () => {
    const received = financeGateway();
    const { user } = await askForExport();
    await user.click(screen.getByRole('button', { name: 'Annullér' }));
    expect(screen.queryByRole('region', { name: /Bekræft betalingsfilen/ })).toBeNull();
    expect(received.filter((request) => request.method === 'POST')).toHaveLength(0);
  });
});
