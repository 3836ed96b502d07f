import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeGateway, REGISTRY } from '../../test/fake-gateway';
import { renderScreen } from '../../test/render';
import { ChildDataSection } from './ChildDataSection';

const GUARDIAN_PATH = '/api/v1/placements/children/child-1/guardians/birthe';

/** The gateway's answer to ending a binding: `ended` says whether there was one. */
function unbindingAnswer(ended: boolean) {
  return {
    status: 200,
    body: {
      transactionId: 'tx-1',
      blockNumber: 7,
      data: { guardianId: 'birthe', childPseudonym: 'child-1', ended },
    },
  };
}

describe("a guardian's access to the child's access log", () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('ends one binding by the guardian’s login, and says when there was none', async () => {
    let bound = true;
    const received = fakeGateway((request) => {
      if (request.path.endsWith('/registry')) return { body: REGISTRY };
      if (request.method === 'DELETE' && request.path === GUARDIAN_PATH) {
        const answer = unbindingAnswer(bound);
        bound = false;
        return answer;
      }
      return undefined;
    });
    renderScreen(<ChildDataSection childPseudonym="child-1" />);
    await userEvent.type(screen.getByLabelText('Forælder/værges login'), 'birthe');
    await userEvent.click(screen.getByRole('button', { name: 'Afslut adgangen' }));
    await waitFor(() => {
      expect(screen.getByText(/adgang til barnets adgangslog er afsluttet/)).toBeTruthy();
    });
    const deletes = received.filter((request) => request.method === 'DELETE');
    expect(deletes.map((request) => request.path)).toEqual([GUARDIAN_PATH]);
    await userEvent.click(screen.getByRole('button', { name: 'Afslut adgangen' }));
    await waitFor(() => {
      expect(screen.getByText('Forælderen havde ingen adgang til dette barns adgangslog.')).toBeTruthy();
    });
  });
});
