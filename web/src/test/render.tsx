import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { SessionContext } from '../app/session-context';
import { LanguageProvider, type Language } from '../i18n/language';
import { sessionOf } from './fake-gateway';

/** Renders a screen inside a language and a session, as the application does. */
export function renderScreen(
  ui: ReactElement,
  options: { name?: string; role?: string; language?: Language } = {},
) {
  const session = sessionOf(options.name ?? 'sara', options.role ?? 'caseworker');
  return render(
    <LanguageProvider initial={options.language ?? 'da'}>
      <SessionContext.Provider value={{ session, domain: 'placements' }}>{ui}</SessionContext.Provider>
    </LanguageProvider>,
  );
}
