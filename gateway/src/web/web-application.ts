import { existsSync } from 'node:fs';
import * as path from 'node:path';
import express, { type Request, type Response } from 'express';
import { renderPlaceholderPage } from './placeholder-page';

/** What the web application is served with. */
export interface WebApplicationOptions {
  /** Folder of the built application (`index.html`, `assets/`); without an `index.html` a placeholder is served. */
  readonly root: string | undefined;
  /** The identity provider's origin: the login leaves the page for it. */
  readonly identityProviderOrigin: string | undefined;
  /** Served over HTTPS (then every request of the page is upgraded too). */
  readonly secure: boolean;
}

/** Paths that are never the application's, even when nothing else answered them. */
const NOT_THE_APPLICATION = /^\/(api|auth)(\/|$)|^\/(healthz|readyz|metrics)$/;

/**
 * The content security policy of the application's pages: its own scripts, styles, images and fonts only (what a
 * Vite build emits: module scripts and style sheets under `assets/`), requests to this gateway only, no inline
 * script or style, no framing, no plugins. `data:` images and fonts are allowed for the design system's icons.
 */
export function applicationCsp(
  options: Pick<WebApplicationOptions, 'identityProviderOrigin' | 'secure'>,
): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${options.identityProviderOrigin === undefined ? '' : ` ${options.identityProviderOrigin}`}`,
    "frame-ancestors 'none'",
    ...(options.secure ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/**
 * Serves the built web application: its files (hashed assets cached for a year, everything else revalidated), and
 * `index.html` for any other page path so that the application's own router decides (a path with a file extension
 * that does not exist stays a 404). API and login paths are never answered here.
 */
export function webApplication(options: Readonly<WebApplicationOptions>): express.Router {
  const csp = applicationCsp(options);
  const router = express.Router();
  router.use((req, res, next) => {
    if (NOT_THE_APPLICATION.test(req.path) || (req.method !== 'GET' && req.method !== 'HEAD')) {
      next();
      return;
    }
    res.setHeader('content-security-policy', csp);
    next();
  });
  if (options.root !== undefined) {
    const root = options.root;
    router.use(
      express.static(root, {
        index: false,
        dotfiles: 'ignore',
        redirect: false,
        setHeaders: (res, file) => {
          res.setHeader(
            'cache-control',
            file.startsWith(path.join(root, 'assets') + path.sep)
              ? 'public, max-age=31536000, immutable'
              : 'no-cache',
          );
        },
      }),
    );
  }
  router.use((req: Request, res: Response, next) => {
    if (
      NOT_THE_APPLICATION.test(req.path) ||
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      path.posix.extname(req.path) !== ''
    ) {
      next();
      return;
    }
    const index = options.root === undefined ? undefined : path.join(options.root, 'index.html');
    res.setHeader('cache-control', 'no-cache');
    if (index !== undefined && existsSync(index)) {
      res.sendFile(index, { dotfiles: 'deny' });
      return;
    }
    res.type('html').send(renderPlaceholderPage());
  });
  return router;
}
