import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeGateway, REGISTRY } from '../../test/fake-gateway';
import { renderScreen } from '../../test/render';
import { DraftScreen } from './DraftScreen';

const total = () => screen.getByTestId('price-total').textContent.replace(/\s/g, ' ');

describe('drafting from a template: the live monthly price', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('adds up the placement’s lines as the caseworker types, and names who must sign', async () => {
    fakeGateway((request) => (request.path.endsWith('/registry') ? { body: REGISTRY } : undefined));
    const user = userEvent.setup();
    renderScreen(<DraftScreen childPseudonym="child-1" />);
    expect(total()).toBe('0,00 kr.');

    await user.type(screen.getByLabelText('Pris pr. måned (kr.)'), '95.000');
    expect(total()).toBe('95.000,00 kr.');

    await user.click(screen.getByRole('button', { name: 'Tilføj ydelse' }));
    const prices = screen.getAllByLabelText('Pris pr. måned (kr.)');
    await user.selectOptions(screen.getAllByLabelText('Ydelse')[1]!, 'school');
    await user.type(prices[1]!, '24000');
    expect(total()).toBe('119.000,00 kr.');

    await user.click(screen.getByRole('button', { name: 'Tilføj ydelse' }));
    await user.selectOptions(screen.getAllByLabelText('Ydelse')[2]!, 'transport');
    await user.type(screen.getAllByLabelText('Pris pr. måned (kr.)')[2]!, '9 500');
    expect(total()).toBe('128.500,00 kr.');
    await waitFor(() => {
      expect(screen.getByText('1 × Direktør eller 2 × Centerchef')).toBeTruthy();
    });
  });

  it('prices supported visitation every second Sunday per average month (5.151 kr. × 52 / 12 / 2)', async () => {
    fakeGateway((request) => (request.path.endsWith('/registry') ? { body: REGISTRY } : undefined));
    const user = userEvent.setup();
    renderScreen(<DraftScreen />);
    await user.selectOptions(screen.getByLabelText('Skabelon'), 'visitation');
    await user.type(screen.getByLabelText('Pris pr. besøg (kr.)'), '5151');
    await user.type(screen.getByLabelText('Aftalt antal'), '1');
    await user.selectOptions(screen.getByLabelText('Antallet gælder'), 'occurrence');
    expect(total()).toBe('11.160,50 kr.');
  });

  it('sends the draft with øre amounts and the session’s CSRF token', async () => {
    const received = fakeGateway((request) => {
      if (request.path.endsWith('/registry')) return { body: REGISTRY };
      if (request.method === 'POST')
        return { status: 201, body: { transactionId: 't', blockNumber: '1', data: { id: 'x' } } };
      return undefined;
    });
    const { setCsrfToken } = await import('../../api/client');
    setCsrfToken('csrf-test-token');
    const user = userEvent.setup();
    renderScreen(<DraftScreen childPseudonym="child-1" />);
    await waitFor(() => {
      expect(screen.getByRole('option', { name: 'Opholdsstedet Østervold' })).toBeTruthy();
    });
    await user.selectOptions(screen.getByLabelText('Leverandør'), 'PlacementSiteMSP');
    await user.type(screen.getByLabelText('Pris pr. måned (kr.)'), '95.000');
    await user.click(screen.getByRole('button', { name: 'Gem kladde' }));
    await waitFor(() => {
      expect(received.some((request) => request.method === 'POST')).toBe(true);
    });
    const post = received.find((request) => request.method === 'POST')!;
    expect(post.headers.get('X-CSRF-Token')).toBe('csrf-test-token');
    expect(post.headers.get('Idempotency-Key')).toMatch(/^web-/);
    const body = JSON.parse(post.body) as { lines: { monthlyPrice: number }[]; providerMspId: string };
    expect(body.providerMspId).toBe('PlacementSiteMSP');
    expect(body.lines[0]?.monthlyPrice).toBe(9_500_000);
  });
});
