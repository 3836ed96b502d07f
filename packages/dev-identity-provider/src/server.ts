import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { createDevProvider, type DevProviderOptions } from './dev-provider';
import { createInteractionHandler } from './interactions';

/**
 * The identity provider's request handler: the login pages (`interactions.ts`) and the OpenID Connect endpoints,
 * every answer with a content security policy that lets the pages load their style sheet and submit their forms
 * to this provider and, by its redirects, back to the gateways (Chromium applies form-action to the redirects
 * that follow a form's submission) — nothing else. The one script is oidc-provider's own self-submitting form
 * (ending one person's session when another logs in in the same browser); it adds that script's hash to
 * `script-src` itself.
 */
export function createDevIdentityHandler(options: Readonly<DevProviderOptions>): RequestListener {
  const webClients = options.webClients ?? [];
  const provider = createDevProvider(options);
  const interaction = createInteractionHandler(provider, options.users, webClients);
  const handle = provider.callback();
  const gatewayOrigins = [
    ...new Set(webClients.flatMap((client) => client.redirectUris.map((uri) => new URL(uri).origin))),
  ];
  const contentSecurityPolicy = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `form-action 'self' ${gatewayOrigins.join(' ')}`.trim(),
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
  return (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('content-security-policy', contentSecurityPolicy);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    interaction(req, res).then(
      (handled) => {
        if (!handled) {
          void handle(req, res);
        }
      },
      () => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('internal error');
        }
      },
    );
  };
}
