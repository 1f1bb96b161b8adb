// Hash routing: `#/devices`, `#/devices/<id>`, `#/settings`. The hash survives a reload and
// works the same under app:// (Electron) and http:// (web host).
import { create } from 'zustand';
import { isPageId, type PageId } from './pages';

export interface Route {
  page: PageId;
  /** Second path segment, e.g. the device id of `#/devices/<id>`. */
  param: string | null;
}

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const first = parts[0] ?? '';
  if (!isPageId(first)) return { page: 'devices', param: null };
  const second = parts[1];
  return { page: first, param: second ? decodeURIComponent(second) : null };
}

export function hrefOf(page: PageId, param?: string | null): string {
  return param ? `#/${page}/${encodeURIComponent(param)}` : `#/${page}`;
}

export const useRoute = create<Route>(() => parseHash(window.location.hash));

window.addEventListener('hashchange', () => useRoute.setState(parseHash(window.location.hash), true));

/** Navigates; `replace` keeps history clean for transient moves (e.g. closing a panel). */
export function navigate(page: PageId, param?: string | null, opts: { replace?: boolean } = {}): void {
  const href = hrefOf(page, param);
  if (window.location.hash === href) return;
  if (opts.replace) {
    window.history.replaceState(window.history.state, '', href);
    useRoute.setState(parseHash(href), true);
  } else {
    window.location.hash = href;
  }
}
