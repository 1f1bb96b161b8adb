// Under WebDriver only (e2e): what the cytoscape instance actually holds, so a spec can check that
// the map draws every device and link rather than trusting the data the page was given.
import type { Core } from 'cytoscape';

export interface TopologyTestHook {
  /** Device nodes (site boxes left out) with their labels; null while no map is shown. */
  nodes(): { id: string; label: string }[] | null;
  edges(): { id: string; source: string; target: string }[] | null;
}

declare global {
  interface Window {
    __nocTopology?: TopologyTestHook;
  }
}

let shown: Core | null = null;

/** The canvas calls this with its instance when it creates one and with null when it destroys it. */
export function exposeToWebDriver(cy: Core | null): void {
  shown = cy;
}

if (typeof navigator !== 'undefined' && navigator.webdriver) {
  window.__nocTopology = {
    nodes: () =>
      shown === null
        ? null
        : shown
            .nodes()
            .filter((n) => !n.id().startsWith('site:'))
            .map((n) => ({ id: n.id(), label: String(n.data('label')) })),
    edges: () => (shown === null ? null : shown.edges().map((e) => ({ id: e.id(), source: e.source().id(), target: e.target().id() }))),
  };
}
