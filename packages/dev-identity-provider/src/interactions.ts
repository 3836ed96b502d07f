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
    const match = new RegExp(`^${INTERACTION_PATH}/([A-Za-z0-9_-]{1,64})(/login|/abort)?$`).exec(
      url.pathname,
    );
    if (match === null) {
      return false;
    }
    let language: Language = url.searchParams.get('lang') === 'en' ? 'en' : 'da';
    let details;
    try {
      details = await provider.interactionDetails(req, res);
    } catch {
      sendHtml(res, 400, renderExpiredPage(language));
      return true;
    }
    const client = clients.get(String(details.params.client_id));
    if (client === undefined || details.uid !== match[1]) {
      sendHtml(res, 400, renderExpiredPage(language));
      return true;
    }
    if (!url.searchParams.has('lang') && typeof details.params.ui_locales === 'string') {
      language = details.params.ui_locales.split(' ')[0]?.startsWith('en') === true ? 'en' : 'da';
    }
    const action = match[2];

    if (details.prompt.name === 'consent') {
      await grantConsent(provider, details, client, req, res);
      return true;
    }
    if (action === '/abort') {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'the person cancelled the login' },
        { mergeWithLastSubmission: false },
      );
      return true;
    }
    const people = users.filter((user) => user.org === client.org);
    const state = { uid: details.uid, orgName: client.orgName, people, language };
    if (action !== '/login' || req.method !== 'POST') {
      sendHtml(res, 200, renderLoginPage(state));
      return true;
    }

    const form = await readForm(req);
    if (form === undefined) {
      sendHtml(res, 400, renderLoginPage(state));
      return true;
    }
    language = form.get('lang') === 'en' ? 'en' : 'da';
    const typed = (form.get('username') ?? '').trim();
    const picked = form.get('person') ?? '';
    const name = typed !== '' ? typed : picked;
    const password = form.get('password') ?? '';
    const again = (problem: LoginFormState['problem']): void => {
      sendHtml(
        res,
        problem === 'otherOrganisation' ? 403 : problem === 'wrongCredentials' ? 401 : 400,
        renderLoginPage({ ...state, language, picked, typed, problem }),
      );
    };
    if (name === '') {
      again('noPerson');
      return true;
    }
    if (password === '') {
      again('noPassword');
      return true;
    }
    const user = byName.get(name);
    if (user === undefined || password !== devClientSecret(user)) {
      again('wrongCredentials');
      return true;
    }
    if (user.org !== client.org) {
      again('otherOrganisation');
      return true;
    }
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: user.name } },
      { mergeWithLastSubmission: false },
    );
    return true;
  };
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
