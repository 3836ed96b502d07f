import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { INTERACTION_PATH } from './dev-provider';
import { devClientSecret, type DevUser } from './dev-users';
import {
  renderExpiredPage,
  renderLoginPage,
  STYLESHEET,
  STYLESHEET_PATH,
  type LoginFormState,
} from './pages';
import type { Language } from './texts';
import type { WebClient } from './web-clients';

const MAX_FORM_BYTES = 4096;

/** `/interaction/<uid>`, `/interaction/<uid>/login`, `/interaction/<uid>/abort`. */
const INTERACTION = new RegExp(`^${INTERACTION_PATH}/([A-Za-z0-9_-]{1,64})(/login|/abort)?$`);

type LoginProblem = NonNullable<LoginFormState['problem']>;

/** The login page's status with each problem: another organisation's person is forbidden, a wrong password not ours. */
const PROBLEM_STATUS: Readonly<Record<LoginProblem, number>> = {
  noPerson: 400,
  noPassword: 400,
  wrongCredentials: 401,
  otherOrganisation: 403,
};

/** An interaction the provider knows, of a known client, with the language the person reads. */
interface Interaction {
  readonly details: InteractionDetails;
  readonly client: WebClient;
  readonly language: Language;
}

/**
 * The login interaction of the authorization code flow (`/interaction/<uid>`): the login page, its form, cancelling,
 * and consent, which is given at once — the gateways are the organisations' own first-party clients. Only the
 * client's organisation's people may log in through it. Returns `false` for paths that are not its own.
 */
export function createInteractionHandler(
  provider: Provider,
  users: readonly DevUser[],
  webClients: readonly WebClient[],
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const byName = new Map(users.map((user) => [user.name, user]));
  const clients = new Map(webClients.map((client) => [client.clientId, client]));

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === STYLESHEET_PATH) {
      res.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=3600' });
      res.end(STYLESHEET);
      return true;
    }
    const match = INTERACTION.exec(url.pathname);
    if (match === null) {
      return false;
    }
    const interaction = await openInteraction(provider, clients, req, res, url, match[1]);
    if (interaction === undefined) {
      return true;
    }
    const { details, client, language } = interaction;
    const action = match[2];
    if (details.prompt.name === 'consent') {
      await grantConsent(provider, details, client, req, res);
    } else if (action === '/abort') {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'the person cancelled the login' },
        { mergeWithLastSubmission: false },
      );
    } else {
      const people = users.filter((user) => user.org === client.org);
      const page = { uid: details.uid, orgName: client.orgName, people, language };
      if (action === '/login' && req.method === 'POST') {
        await submitLogin(provider, byName, client, page, req, res);
      } else {
        sendHtml(res, 200, renderLoginPage(page));
      }
    }
    return true;
  };
}

/** The interaction `uid` names, or `undefined` once the expired page is sent (unknown, finished or another's). */
async function openInteraction(
  provider: Provider,
  clients: ReadonlyMap<string, WebClient>,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  uid: string | undefined,
): Promise<Interaction | undefined> {
  let details;
  try {
    details = await provider.interactionDetails(req, res);
  } catch {
    sendHtml(res, 400, renderExpiredPage(askedLanguage(url) ?? 'da'));
    return undefined;
  }
  const client = clients.get(String(details.params.client_id));
  if (client === undefined || details.uid !== uid) {
    sendHtml(res, 400, renderExpiredPage(askedLanguage(url) ?? 'da'));
    return undefined;
  }
  return { details, client, language: askedLanguage(url) ?? clientLanguage(details) };
}

/** `?lang=`: English when it says `en`, Danish otherwise; `undefined` without it. */
function askedLanguage(url: URL): Language | undefined {
  const asked = url.searchParams.get('lang');
  if (asked === null) {
    return undefined;
  }
  return asked === 'en' ? 'en' : 'da';
}

/** The first of the client's `ui_locales`: English when it is one, Danish otherwise. */
function clientLanguage(details: InteractionDetails): Language {
  const locales = details.params.ui_locales;
  return typeof locales === 'string' && locales.split(' ')[0]?.startsWith('en') === true ? 'en' : 'da';
}

/** The login form posted: the person logs in, or sees the page again saying what was wrong. */
async function submitLogin(
  provider: Provider,
  byName: ReadonlyMap<string, DevUser>,
  client: WebClient,
  page: LoginFormState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const form = await readForm(req);
  if (form === undefined) {
    sendHtml(res, 400, renderLoginPage(page));
    return;
  }
  const typed = (form.get('username') ?? '').trim();
  const picked = form.get('person') ?? '';
  const name = typed !== '' ? typed : picked;
  const checked = checkLogin(byName, client, name, form.get('password') ?? '');
  if (typeof checked === 'string') {
    const language = form.get('lang') === 'en' ? 'en' : 'da';
    sendHtml(
      res,
      PROBLEM_STATUS[checked],
      renderLoginPage({ ...page, language, picked, typed, problem: checked }),
    );
    return;
  }
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: checked.name } },
    { mergeWithLastSubmission: false },
  );
}

/** The person who may log in with this name and password through this client, or what is wrong. */
function checkLogin(
  byName: ReadonlyMap<string, DevUser>,
  client: WebClient,
  name: string,
  password: string,
): DevUser | LoginProblem {
  if (name === '') {
    return 'noPerson';
  }
  if (password === '') {
    return 'noPassword';
  }
  const user = byName.get(name);
  if (user === undefined || password !== devClientSecret(user)) {
    return 'wrongCredentials';
  }
  return user.org === client.org ? user : 'otherOrganisation';
}

type InteractionDetails = Awaited<ReturnType<Provider['interactionDetails']>>;

/** Grants what the gateway asked for (its scopes and the gateways' resource scope) and resumes the flow. */
async function grantConsent(
  provider: Provider,
  details: InteractionDetails,
  client: WebClient,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const accountId = details.session?.accountId;
  if (accountId === undefined) {
    sendHtml(res, 400, renderExpiredPage('da'));
    return;
  }
  const grant =
    details.grantId === undefined
      ? new provider.Grant({ accountId, clientId: client.clientId })
      : await provider.Grant.find(details.grantId);
  if (grant === undefined) {
    sendHtml(res, 400, renderExpiredPage('da'));
    return;
  }
  const missing = details.prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (missing.missingOIDCScope !== undefined) {
    grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  }
  if (missing.missingOIDCClaims !== undefined) {
    grant.addOIDCClaims(missing.missingOIDCClaims);
  }
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

/** The urlencoded body of the login form, or `undefined` when it is too large or not a form. */
async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) {
      return undefined;
    }
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}
