import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { activeAgreement } from '../../test/agreements';
import { INVOICE, PARTLY_REJECTED } from '../../test/oioubl-fixtures';
import { renderScreen } from '../../test/render';
import { SendDocumentForm } from './SendDocumentScreen';

const AGREEMENT = activeAgreement();

interface Sent {
  readonly url: string;
  readonly contentType: string | null;
  readonly bytes: Uint8Array;
}

/** The gateway's answer to the document: status, content type and body as text. */
function gatewayAnswering(
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
) {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', async (request: Request) => {
    sent.push({
      url: request.url,
      contentType: request.headers.get('content-type'),
      bytes: new Uint8Array(await request.arrayBuffer()),
    });
    return new Response(body, { status, headers: { 'content-type': contentType, ...headers } });
  });
  return sent;
}

async function sendFile(bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  const user = userEvent.setup();
  renderScreen(<SendDocumentForm agreement={AGREEMENT} />, { name: 'karin', role: 'provider_staff' });
  await user.upload(
    screen.getByLabelText('OIOUBL-fil (XML)'),
    new File([bytes], 'faktura.xml', { type: 'text/xml' }),
  );
  await user.click(screen.getByRole('button', { name: 'Send dokumentet' }));
}

describe('a provider sends an OIOUBL document from the browser', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('sends the file’s exact bytes to its own gateway and shows the answer line by line', async () => {
    const sent = gatewayAnswering(201, 'application/xml', PARTLY_REJECTED, {
      'x-document-status': 'partially_accepted',
    });
    // A byte-order mark and a Danish letter: re-encoding would change the document's SHA-256.
    const bytes = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...new TextEncoder().encode(INVOICE.replace('Taxa', 'Kørsel')),
    ]);
    await sendFile(bytes);
    await screen.findByRole('heading', { name: 'Svar på dokument OV-2026-0217: Delvist godkendt' });
    expect(sent).toHaveLength(1);
    const [request] = sent;
    expect(new URL(request?.url ?? '').pathname).toBe(
      '/api/v1/placements/agreements/anb-1/received-documents',
    );
    expect(request?.contentType).toBe('application/xml');
    expect(request?.bytes).toEqual(bytes);
    const rows = screen.getAllByRole('row').filter((row) => row.getAttribute('data-line-status') !== null);
    expect(rows.map((row) => row.getAttribute('data-line-status'))).toEqual(['accepted', 'rejected']);
    expect(rows[1]?.textContent).toContain('Kørsel');
    expect(rows[1]?.textContent).toContain('Ydelsen var ikke aktiv i måneden.');
    expect(screen.getByRole('link', { name: 'Hent svaret (ApplicationResponse, XML)' })).toBeTruthy();
  });

  it('shows a refused document’s code as a sentence, and the rejecting answer', async () => {
    const answer = PARTLY_REJECTED.replace('PARTIALLY_ACCEPTED', 'CURRENCY_NOT_DKK')
      .replace('Fakturaen er delvist afvist.', 'Alle beløb skal være i danske kroner (DKK).')
      .replace(/<cac:LineResponse>[\s\S]*<\/cac:LineResponse>/, '');
    gatewayAnswering(
      422,
      'application/problem+json',
      JSON.stringify({ status: 422, code: 'CURRENCY_NOT_DKK', details: { applicationResponse: answer } }),
    );
    await sendFile(new TextEncoder().encode(INVOICE));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Dokumentet er ikke i danske kroner.');
    expect(alert.textContent).toContain('Fejlkode: CURRENCY_NOT_DKK');
    expect(
      screen.getByRole('heading', {
        name: 'Svar på dokument OV-2026-0217: Afvist – dokumentet er ikke modtaget',
      }),
    ).toBeTruthy();
    expect(screen.getByText('Alle beløb skal være i danske kroner (DKK).')).toBeTruthy();
    expect(screen.getByText(/Intet er gemt/)).toBeTruthy();
  });

  it('asks for a file before sending anything', async () => {
    const sent = gatewayAnswering(201, 'application/xml', PARTLY_REJECTED);
    const user = userEvent.setup();
    renderScreen(<SendDocumentForm agreement={AGREEMENT} />, { name: 'karin', role: 'provider_staff' });
    await user.click(screen.getByRole('button', { name: 'Send dokumentet' }));
    await waitFor(() => {
      expect(screen.getByRole('alert').textContent).toContain('Vælg en OIOUBL-fil');
    });
    expect(sent).toHaveLength(0);
  });
});
