/** Pages the browser sees when a login cannot finish: Danish first, English second, no script. */

const TEXTS = {
  cancelled: {
    status: 400,
    da: ['Login blev annulleret', 'Du har ikke logget ind.'],
    en: ['Sign-in was cancelled', 'You have not signed in.'],
  },
  expired: {
    status: 400,
    da: ['Login er udløbet', 'Login tog for lang tid eller blev startet i et andet vindue.'],
    en: ['Sign-in has expired', 'Sign-in took too long or was started in another window.'],
  },
  refused: {
    status: 403,
    da: [
      'Du har ikke adgang her',
      'Din rolle eller organisation giver ikke adgang til denne organisations aftalesystem.',
    ],
    en: [
      'You have no access here',
      "Your role or organisation gives no access to this organisation's agreements system.",
    ],
  },
  failed: {
    status: 502,
    da: ['Login kunne ikke gennemføres', 'Identitetsudbyderen svarede ikke som forventet.'],
    en: ['Sign-in could not be completed', 'The identity provider did not answer as expected.'],
  },
} as const;

export type LoginProblem = keyof typeof TEXTS;

/** The HTTP status of a login problem's page. */
export function loginProblemStatus(problem: LoginProblem): number {
  return TEXTS[problem].status;
}

/** A login problem's page, with a link to try again; `code` is a catalogue code or a fixed word, never input. */
export function renderLoginProblemPage(problem: LoginProblem, code: string): string {
  const { da, en } = TEXTS[problem];
  return `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${da[0]}</title>
</head>
<body>
<main>
<h1>${da[0]}</h1>
<p>${da[1]} <a href="/auth/login?returnTo=%2F">Prøv at logge ind igen</a> eller gå til <a href="/">forsiden</a>.</p>
<p>Fejlkode: <code>${code}</code></p>
<div lang="en">
<h2>${en[0]}</h2>
<p>${en[1]} <a href="/auth/login?returnTo=%2F">Try signing in again</a> or go to the <a href="/">front page</a>.</p>
</div>
</main>
</body>
</html>
`;
}
