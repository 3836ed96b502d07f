import { useLanguage } from '../i18n/language';

/** Switches between Danish and English; the button is labelled in the language it switches to. */
export function LanguageSwitch() {
  const { t, setLanguage } = useLanguage();
  const other = t.otherLanguage;
  return (
    <button
      type="button"
      className="button button-tertiary"
      lang={other.code}
      aria-label={other.hint}
      onClick={() => {
        setLanguage(other.code === 'en' ? 'en' : 'da');
      }}
    >
      {other.label}
    </button>
  );
}
