import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LanguageProvider } from '../i18n/language';
import { fakeGateway, REGISTRY, sessionOf } from '../test/fake-gateway';
import { App } from './App';

describe('the language switch', () => {
  beforeEach(() => {
    localStorage.clear();
    window.location.hash = '#/';
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows Danish first, switches every text to English and back, and tells screen readers', async () => {
    fakeGateway((request) => {
      if (request.path === '/auth/session') return { body: sessionOf('sara', 'caseworker') };
      if (request.path.endsWith('/registry')) return { body: REGISTRY };
      if (request.path.includes('/agreements?')) return { body: { items: [], count: 0, bookmark: null } };
      return undefined;
    });
    const user = userEvent.setup();
    render(
      <LanguageProvider>
        <App />
      </LanguageProvider>,
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Børn og aftaler' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('da');
    expect(screen.getByRole('navigation', { name: 'Hovedmenu' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Read this in English' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Children and agreements' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByRole('navigation', { name: 'Main menu' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Log out' })).toBeTruthy();
    expect(localStorage.getItem('language')).toBe('en');

    await user.click(screen.getByRole('button', { name: 'Læs på dansk' }));
    await waitFor(() => {
      expect(document.documentElement.lang).toBe('da');
    });
    expect(screen.getByRole('button', { name: 'Log ud' })).toBeTruthy();
  });

  it('says the login service is down, not the network, while the gateway cannot refresh the session', async () => {
    fakeGateway((request) =>
      request.path === '/auth/session'
        ? { status: 503, body: { code: 'IDENTITY_PROVIDER_UNAVAILABLE', status: 503 } }
        : undefined,
    );
    render(
      <LanguageProvider initial="da">
        <App />
      </LanguageProvider>,
    );
    expect(await screen.findByText('Login-tjenesten svarer ikke. Prøv igen om lidt.')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Log ind' })).toBeNull();
  });

  it('offers login when there is no session', async () => {
    fakeGateway((request) =>
      request.path === '/auth/session' ? { status: 401, body: { code: 'TOKEN_MISSING' } } : undefined,
    );
    render(
      <LanguageProvider initial="da">
        <App />
      </LanguageProvider>,
    );
    const login = await screen.findByRole('link', { name: 'Log ind' });
    expect(login.getAttribute('href')).toMatch(/^\/auth\/login\?returnTo=/);
  });
});
