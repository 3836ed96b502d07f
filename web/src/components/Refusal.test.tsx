import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { catalogueEntries } from 'agreements-gateway/errors/catalogue';
import { api } from '../api/client';
import { must } from '../api/refusal';
import { da } from '../i18n/da';
import { en } from '../i18n/en';
import { LanguageProvider } from '../i18n/language';
import { fakeGateway } from '../test/fake-gateway';
import { ErrorSummary } from './Refusal';

describe('every refusal as a sentence a caseworker understands', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('has a Danish and an English sentence for every code of the gateway’s catalogue', () => {
    for (const { code } of catalogueEntries()) {
      for (const catalogue of [da, en]) {
        const sentence = catalogue.errors[code];
        expect(sentence, code).toMatch(/^[A-ZÆØÅ].{15,}[.!]$/u);
        expect(sentence, code).not.toContain(code);
      }
      expect(da.errors[code], code).not.toBe(en.errors[code]);
    }
  });

  it('reads the code from the gateway’s problem document and shows its sentence, in the chosen language', async () => {
    fakeGateway(() => ({
      status: 403,
      body: {
        type: 'about:blank',
        title: 'The caller may not do this',
        status: 403,
        code: 'WRONG_ROLE',
        detail: '',
        details: {},
      },
    }));
    const refusal = await must(
      api.POST('/api/v1/{domain}/agreements/{agreementId}/versions/{version}/signatures', {
        params: { path: { domain: 'placements', agreementId: 'a-1', version: 1 } },
      }),
    ).catch((error: unknown) => error);
    render(
      <LanguageProvider initial="da">
        <ErrorSummary error={refusal} />
      </LanguageProvider>,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain(da.errors.WRONG_ROLE);
    expect(alert.textContent).toContain('Fejlkode: WRONG_ROLE');
    expect(alert.textContent).not.toContain('The caller may not do this');
    expect(document.activeElement).toBe(alert);
    cleanup();
    render(
      <LanguageProvider initial="en">
        <ErrorSummary error={refusal} />
      </LanguageProvider>,
    );
    expect(screen.getByRole('alert').textContent).toContain(en.errors.WRONG_ROLE);
  });

  it('says that the network is down rather than showing an exception', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    const refusal = await must(api.GET('/api/v1/domains')).catch((error: unknown) => error);
    render(
      <LanguageProvider initial="da">
        <ErrorSummary error={refusal} />
      </LanguageProvider>,
    );
    expect(screen.getByRole('alert').textContent).toContain(da.errors.NETWORK);
  });
});
