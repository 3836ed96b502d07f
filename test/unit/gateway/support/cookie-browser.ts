/**
 * A browser reduced to what a login needs: cookies per origin (host and port; enough for tests on 127.0.0.1) and
 * following redirects by hand, so that each hop can be looked at.
 */
export class CookieBrowser {
  readonly #jar = new Map<string, Map<string, string>>();

  /** The cookie `name` held for `origin`. */
  cookie(origin: string, name: string): string | undefined {
    return this.#jar.get(origin)?.get(name);
  }

  setCookie(origin: string, name: string, value: string): void {
    const cookies = this.#jar.get(origin) ?? new Map<string, string>();
    cookies.set(name, value);
    this.#jar.set(origin, cookies);
  }

  /** One request, no redirect followed; cookies sent and stored. */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const origin = new URL(url).origin;
    const cookies = [...(this.#jar.get(origin) ?? new Map<string, string>())]
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
    const headers = new Headers(init.headers);
    if (cookies !== '') {
      headers.set('cookie', cookies);
    }
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const jar = this.#jar.get(origin) ?? new Map<string, string>();
      if (value === '' || attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute))) {
        jar.delete(name);
      } else {
        jar.set(name, value);
      }
      this.#jar.set(origin, jar);
    }
    return response;
  }

  /** GETs `url` and follows redirects until an answer that is not one; returns it and the URL it came from. */
  async follow(url: string, init: RequestInit = {}): Promise<{ response: Response; url: string }> {
    let current = url;
    let response = await this.request(current, init);
    for (let hops = 0; hops < 20 && response.status >= 300 && response.status < 400; hops += 1) {
      const location = response.headers.get('location');
      if (location === null) {
        break;
      }
      current = new URL(location, current).href;
      response = await this.request(current);
    }
    return { response, url: current };
  }
}
