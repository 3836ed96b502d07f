import type { DevUser } from './dev-users';
import { TEXTS, type Language } from './texts';

/** Path of the pages' one style sheet (served by `interactions.ts`; the pages allow no inline style). */
export const STYLESHEET_PATH = '/interaction/static/page.css';

/** What the login form was given, to show it again with the problem. */
export interface LoginFormState {
  readonly uid: string;
  readonly orgName: string;
  readonly people: readonly DevUser[];
  readonly language: Language;
  readonly picked?: string;
  readonly typed?: string;
  readonly problem?: 'wrongCredentials' | 'noPerson' | 'noPassword' | 'otherOrganisation';
}

/** HTML text: `&`, `<`, `>`, quotes escaped. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

function layout(language: Language, title: string, body: string, languageLink?: string): string {
  const t = TEXTS[language];
  const nav =
    languageLink === undefined
      ? ''
      : `<nav aria-label="${t.languageNav}"><a href="${escapeHtml(languageLink)}" lang="${t.otherLanguageCode}" hreflang="${t.otherLanguageCode}">${t.otherLanguage}</a></nav>`;
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} – ${t.provider}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<header>
<p class="environment">${t.environment}</p>
<p class="provider">${t.provider}</p>
${nav}
</header>
<main>
${body}
</main>
</body>
</html>
`;
}

/** The login page: pick one of the organisation's people or type a username, and the development password. */
export function renderLoginPage(state: LoginFormState): string {
  const t = TEXTS[state.language];
  const problemText =
    state.problem === undefined
      ? undefined
      : state.problem === 'otherOrganisation'
        ? t.otherOrganisation(state.orgName)
        : t[state.problem];
  const invalidPassword = state.problem === 'wrongCredentials' || state.problem === 'noPassword';
  const invalidPerson = state.problem === 'noPerson' || state.problem === 'otherOrganisation';
  const summary =
    problemText === undefined
      ? ''
      : `<div class="error-summary" role="alert" id="problem"><h2>${t.problem}</h2><p>${escapeHtml(problemText)}</p></div>\n`;
  const choices = state.people
    .map((person) => {
      const id = `person-${escapeHtml(person.name)}`;
      const role = t.roles[person.role] ?? person.role;
      const checked = state.picked === person.name ? ' checked' : '';
      return `<div class="choice"><input type="radio" name="person" id="${id}" value="${escapeHtml(person.name)}"${checked}><label for="${id}">${escapeHtml(person.displayName)} <span class="role">(${escapeHtml(role)})</span></label></div>`;
    })
    .join('\n');
  const action = `/interaction/${encodeURIComponent(state.uid)}`;
  const other = state.language === 'da' ? 'en' : 'da';
  const body = `<h1>${escapeHtml(t.loginTitle(state.orgName))}</h1>
${summary}<p>${t.intro}</p>
<form method="post" action="${action}/login" novalidate>
<input type="hidden" name="lang" value="${state.language}">
<fieldset${invalidPerson ? ' aria-describedby="problem"' : ''}>
<legend>${t.pickPerson}</legend>
${choices}
</fieldset>
<div class="field">
<label for="username">${t.orTypeUsername}</label>
<p class="hint" id="username-hint">${t.usernameHint}</p>
<input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" aria-describedby="username-hint" value="${escapeHtml(state.typed ?? '')}">
</div>
<div class="field">
<label for="password">${t.password}</label>
<p class="hint" id="password-hint">${t.passwordHint}</p>
<input type="password" id="password" name="password" autocomplete="current-password" aria-describedby="password-hint${invalidPassword ? ' problem' : ''}"${invalidPassword ? ' aria-invalid="true"' : ''}>
</div>
<button type="submit">${t.submit}</button>
</form>
<p><a href="${action}/abort">${t.cancel}</a></p>`;
  return layout(state.language, t.loginTitle(state.orgName), body, `${action}?lang=${other}`);
}

/** RP-initiated logout's confirmation; `form` is the provider's hidden form (its CSRF token included). */
export function renderLogoutPage(form: string, language: Language): string {
  const t = TEXTS[language];
  const body = `<h1>${t.logoutTitle}</h1>
<p>${t.logoutQuestion}</p>
${form}
<div class="actions">
<button type="submit" form="op.logoutForm" name="logout" value="yes">${t.logoutYes}</button>
<button type="submit" form="op.logoutForm" class="secondary">${t.logoutNo}</button>
</div>`;
  return layout(language, t.logoutTitle, body);
}

/** After a logout that names no page to return to. */
export function renderLoggedOutPage(language: Language): string {
  const t = TEXTS[language];
  return layout(language, t.loggedOutTitle, `<h1>${t.loggedOutTitle}</h1>\n<p>${t.loggedOut}</p>`);
}

/** An error of the authorization flow: its OAuth error code only, nothing of the request. */
export function renderProblemPage(code: string, language: Language): string {
  const t = TEXTS[language];
  const safeCode = /^[a-z_]{1,64}$/.test(code) ? code : 'server_error';
  return layout(
    language,
    t.errorTitle,
    `<h1>${t.errorTitle}</h1>\n<p>${t.errorText} <code>${safeCode}</code></p>`,
  );
}

/** An interaction that no longer exists (expired, or its cookie is gone). */
export function renderExpiredPage(language: Language): string {
  const t = TEXTS[language];
  return layout(language, t.errorTitle, `<h1>${t.errorTitle}</h1>\n<p>${t.expired}</p>`);
}

/** The pages' style: high contrast, visible focus, readable at 200 % zoom. */
export const STYLESHEET = `:root { color: #1a1a1a; background: #fff; font-family: "IBM Plex Sans", Arial, sans-serif; font-size: 100%; line-height: 1.5; }
body { margin: 0; }
header { background: #1a1a1a; color: #fff; padding: 0.5rem 1rem; display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; }
header p { margin: 0; }
header .environment { font-weight: 600; }
header nav { margin-left: auto; }
header a { color: #fff; }
main { max-width: 36rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.75rem; line-height: 1.25; }
fieldset { border: 1px solid #747474; padding: 0.75rem 1rem; margin: 0 0 1rem; }
legend { font-weight: 600; padding: 0 0.25rem; }
.choice { display: flex; align-items: center; gap: 0.5rem; padding: 0.25rem 0; }
.choice input { width: 1.25rem; height: 1.25rem; margin: 0; }
.role { color: #454545; }
.field { margin: 0 0 1rem; }
.field label { display: block; font-weight: 600; }
.hint { margin: 0 0 0.25rem; color: #454545; }
input[type="text"], input[type="password"] { font: inherit; width: 100%; box-sizing: border-box; padding: 0.5rem; border: 2px solid #1a1a1a; border-radius: 0; }
input[aria-invalid="true"] { border-color: #b51d09; }
button { font: inherit; font-weight: 600; color: #fff; background: #0059b3; border: 2px solid #0059b3; padding: 0.5rem 1.25rem; cursor: pointer; }
button.secondary { color: #0059b3; background: #fff; }
.actions { display: flex; gap: 1rem; flex-wrap: wrap; }
a { color: #0059b3; }
:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; box-shadow: 0 0 0 6px #ffbf47; }
.error-summary { border: 4px solid #b51d09; padding: 0.5rem 1rem; margin: 0 0 1rem; }
.error-summary h2 { font-size: 1.25rem; margin: 0.25rem 0; }
`;
