import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { da, type Texts } from './da';
import { en } from './en';

export type Language = 'da' | 'en';

const CATALOGUES: Readonly<Record<Language, Texts>> = { da, en };
const STORAGE_KEY = 'language';

interface LanguageState {
  readonly language: Language;
  readonly t: Texts;
  readonly setLanguage: (language: Language) => void;
}

const LanguageContext = createContext<LanguageState>({ language: 'da', t: da, setLanguage: () => undefined });

function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'da';
  } catch {
    return 'da';
  }
}

/** Danish first; the choice is remembered in this browser and set on `<html lang>` for screen readers. */
export function LanguageProvider({ children, initial }: { children: ReactNode; initial?: Language }) {
  const [language, setLanguage] = useState<Language>(initial ?? storedLanguage);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = CATALOGUES[language].app.title;
    try {
      localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // Private browsing: the choice lasts for this page only.
    }
  }, [language]);
  const value = useMemo(() => ({ language, t: CATALOGUES[language], setLanguage }), [language]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

/** The texts of the chosen language. */
export function useTexts(): Texts {
  return useContext(LanguageContext).t;
}

/** The chosen language and how to change it. */
export function useLanguage(): LanguageState {
  return useContext(LanguageContext);
}
