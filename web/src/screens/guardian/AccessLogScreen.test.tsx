import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeGateway, REGISTRY } from '../../test/fake-gateway';
import { renderScreen } from '../../test/render';
import { AccessLogScreen } from './AccessLogScreen';

const PEOPLE = {
  mspId: 'MunicipalityMSP',
  people: [{ enrollmentId: 'sara', displayName: 'Sara', role: 'caseworker' }],
};

/** The gateway as a guardian meets it: their children, the registry, the people, a child's log. */
function gateway(children: readonly string[], log: readonly Record<string, unknown>[] = []) {
  return fakeGateway((request) => {
    if (request.path.endsWith('/me/children')) {
      return {
        body: {
          children: children.map((childPseudonym) => ({ childPseudonym, boundAt: '2026-01-10T09:00:00Z' })),
        },
      };
    }
    if (request.path.endsWith('/registry')) return { body: REGISTRY };
    if (request.path === '/api/v1/people') return { body: PEOPLE };
    if (request.path.includes('/access-log'))
      return { body: { items: log, count: log.length, bookmark: null } };
    return undefined;
  });
}

describe('the guardian’s children and their logs', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('says so when the municipality has bound the guardian to no child', async () => {
    gateway([]);
    renderScreen(<AccessLogScreen />, { name: 'birthe', role: 'guardian' });
    expect(await screen.findByText(/Kommunen har ikke givet dig adgang/)).toBeTruthy();
  });

  it('lists two children, each opening its log', async () => {
    gateway(['child-a', 'child-b']);
    renderScreen(<AccessLogScreen />, { name: 'birthe', role: 'guardian' });
    const second = await screen.findByRole('link', { name: 'Se loggen for barn 2' });
    expect(second.getAttribute('href')).toBe('#/guardian/child-b');
    expect(screen.getByRole('rowheader', { name: 'Barn 1' })).toBeTruthy();
  });

  it('names its own organisation’s people, another’s by login, and an older entry by role only', async () => {
    const entry = {
      childPseudonym: 'child-a',
      action: 'read',
      at: '2026-01-10T09:00:00Z',
      purpose: 'case_handling',
    };
    gateway(
      ['child-a'],
      [
        {
          ...entry,
          accessId: 'a1',
          certId: 'sha256:1',
          mspId: 'MunicipalityMSP',
          role: 'caseworker',
          enrollmentId: 'sara',
        },
        {
          ...entry,
          accessId: 'a2',
          certId: 'sha256:2',
          mspId: 'PlacementSiteMSP',
          role: 'provider_staff',
          enrollmentId: 'karin',
        },
        { ...entry, accessId: 'a3', certId: 'sha256:3', mspId: 'PlacementSiteMSP', role: 'provider_staff' },
      ],
    );
    renderScreen(<AccessLogScreen childPseudonym="child-a" />, { name: 'birthe', role: 'guardian' });
    expect(await screen.findByRole('cell', { name: 'Sara (Sagsbehandler)' })).toBeTruthy();
    expect(await screen.findByRole('cell', { name: /^karin \(.*, Opholdsstedet Østervold\)$/ })).toBeTruthy();
    expect(await screen.findByRole('cell', { name: /^[^()]+, Opholdsstedet Østervold$/ })).toBeTruthy();
  });
});
