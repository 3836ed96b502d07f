import { useEffect, useState } from 'react';

/** The screen a hash names: `#/agreements/pl-1/invoice` → ['agreements', 'pl-1', 'invoice']. */
export function routeOf(hash: string): string[] {
  return hash
    .replace(/^#\/?/, '')
    .replace(/\?.*$/, '')
    .split('/')
    .filter((part) => part !== '')
    .map((part) => decodeURIComponent(part));
}

/** A link target for a route. */
export function href(...parts: string[]): string {
  return `#/${parts.map((part) => encodeURIComponent(part)).join('/')}`;
}

/** Goes to a route. */
export function navigate(...parts: string[]): void {
  window.location.hash = href(...parts);
}

/** The current route; re-renders on hash changes. */
export function useRoute(): string[] {
  const [route, setRoute] = useState(() => routeOf(window.location.hash));
  useEffect(() => {
    const changed = () => {
      setRoute(routeOf(window.location.hash));
    };
    window.addEventListener('hashchange', changed);
    return () => {
      window.removeEventListener('hashchange', changed);
    };
  }, []);
  return route;
}
