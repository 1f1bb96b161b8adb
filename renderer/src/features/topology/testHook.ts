// Under WebDriver only (e2e): what the cytoscape instance actually holds, so a spec can check that
// the map draws every device and link rather than trusting the data the page was given, and pick
// devices by name (what a box drag does) without pixel-exact dragging.
import type { Core } from 'cytoscape';

export interface TopologyTestHook {
  /** Device nodes (site boxes left out) with their labels; null while no map is shown. */
  nodes(): { id: string; label: string }[] | null;
  edges(): { id: string; source: string; target: string }[] | null;
  /** Selects exactly the device nodes with these labels, as a box would; returns how many matched. */
  selectByName(names: string[]): number;
  /** Where a device node is drawn, in page pixels (for a real drag); null when not on the map. */
  pagePosition(name: string): { x: number; y: number } | null;
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
    selectByName: (names) => {
      const cy = shown;
      if (cy === null) return 0;
      const wanted = new Set(names);
      const hits = cy.nodes().filter((n) => !n.id().startsWith('site:') && wanted.has(String(n.data('label'))));
      cy.batch(() => {
        cy.$(':selected').unselect();
        hits.select();
      });
      return hits.length;
    },
    pagePosition: (name) => {
      const cy = shown;
      const node = cy?.nodes().toArray().find((n) => String(n.data('label')) === name);
      if (!cy || !node) return null;
      const box = cy.container()?.getBoundingClientRect();
      const p = node.renderedPosition();
      return box ? { x: box.left + p.x, y: box.top + p.y } : null;
    },
  };
}
