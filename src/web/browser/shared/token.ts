// The bearer token a page sends: from the `?token=` parameter or what the user typed, kept for the browser tab's session.

const STORAGE_KEY = 'dr-gateway.token';

/**
 * The token to start with: `?token=` when the URL has one (then kept, and
 * removed from the address bar so it does not end up in bookmarks or
 * screenshots), else the one kept for this tab, else none (`''`).
 */
export function initialToken(location: Location = window.location, storage: Storage = window.sessionStorage): string {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null) {
    saveToken(fromUrl, storage);
    url.searchParams.delete('token');
    // replaceState changes the address bar without loading anything.
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl.trim();
  }
  return storage.getItem(STORAGE_KEY) ?? '';
}

/** Keeps the token for this tab (sessionStorage: gone when the tab closes). */
export function saveToken(token: string, storage: Storage = window.sessionStorage): void {
  if (token.trim() === '') storage.removeItem(STORAGE_KEY);
  else storage.setItem(STORAGE_KEY, token.trim());
}

/** The `Authorization` value for a token, with or without its `Bearer ` prefix; undefined for none. */
export function authorizationFor(token: string): string | undefined {
  const trimmed = token.trim();
  if (trimmed === '') return undefined;
  return /^bearer\s/i.test(trimmed) ? trimmed : `Bearer ${trimmed}`;
}
