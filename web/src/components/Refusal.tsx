import { ApiRefusal } from '../api/refusal';
import { loginUrl } from '../api/session';

/** Codes a new login mends. */
const LOGIN_AGAIN: readonly string[] = ['UNAUTHENTICATED', 'TOKEN_MISSING', 'TOKEN_EXPIRED', 'TOKEN_INVALID'];
import { useTexts } from '../i18n/language';

/** The sentence a caseworker understands for a failure, with the product's code for support. */
export function refusalSentence(
  error: unknown,
  errors: Readonly<Record<string, string>>,
  reasons: Readonly<Record<string, string>> = {},
): { text: string; code: string } {
  const code = error instanceof ApiRefusal ? error.code : 'UNKNOWN';
  // A refusal whose details name a known reason gets the sentence for that case (e.g. nothing left to export).
  const reason = error instanceof ApiRefusal ? error.details.reason : undefined;
  const refined = typeof reason === 'string' ? reasons[`${code}:${reason}`] : undefined;
  return { text: refined ?? errors[code] ?? errors.UNKNOWN ?? code, code };
}

/**
 * The error summary of dkfds: an alert that takes focus, with the sentence, the code, and a link to each named
 * field of the form (the gateway names a field by JSON pointer or name, never its value).
 */
export function ErrorSummary({
  error,
  fieldLinks = [],
}: {
  error: unknown;
  fieldLinks?: readonly { id: string; text: string }[];
}) {
  const t = useTexts();
  const { text, code } = refusalSentence(error, t.errors, t.errorReasons);
  const field =
    error instanceof ApiRefusal && typeof error.details.field === 'string' ? error.details.field : undefined;
  return (
    <div
      className="alert alert-error"
      role="alert"
      aria-labelledby="error-summary-heading"
      tabIndex={-1}
      ref={(element) => {
        element?.focus();
      }}
    >
      <div className="alert-body">
        <h2 className="alert-heading h3" id="error-summary-heading">
          {t.errorSummary.heading}
        </h2>
        <p className="alert-text" data-error-code={code}>
          {text}
        </p>
        {field !== undefined && <p className="alert-text">{t.errorSummary.field(field)}</p>}
        {fieldLinks.length > 0 && (
          <ul className="nobullet-list">
            {fieldLinks.map((link) => (
              <li key={link.id}>
                <a
                  className="function-link"
                  href={`#${link.id}`}
                  onClick={(event) => {
                    event.preventDefault();
                    document.getElementById(link.id)?.focus();
                  }}
                >
                  {link.text}
                </a>
              </li>
            ))}
          </ul>
        )}
        {LOGIN_AGAIN.includes(code) && (
          <p className="alert-text">
            <a href={loginUrl(`/${window.location.hash}`)}>{t.app.login}</a>
          </p>
        )}
        <p className="alert-text form-hint">{t.errorSummary.code(code)}</p>
      </div>
    </div>
  );
}

/** A success message that is announced. */
export function Success({ text }: { text: string }) {
  return (
    <div className="alert alert-success" role="status">
      <div className="alert-body">
        <p className="alert-text">{text}</p>
      </div>
    </div>
  );
}
