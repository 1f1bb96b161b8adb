import { PAGES } from './pages';
import { openPalette } from './paletteStore';
import { hrefOf, useRoute } from './router';

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const PALETTE_SHORTCUT = IS_MAC ? '⌘K' : 'Ctrl+K';

export function NavSidebar() {
  const page = useRoute((r) => r.page);
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          DM
        </span>
        <span className="brand-text">
          DotMac <strong>NOC</strong>
        </span>
      </div>
      <button type="button" className="palette-launcher" onClick={openPalette} data-testid="open-palette">
        <span>Go to…</span>
        <kbd>{PALETTE_SHORTCUT}</kbd>
      </button>
      <ul className="nav-list">
        {PAGES.map((p) => (
          <li key={p.id}>
            <a
              href={hrefOf(p.id)}
              className={`nav-link${p.id === page ? ' active' : ''}${p.notBuilt ? ' not-built' : ''}`}
              aria-current={p.id === page ? 'page' : undefined}
              data-testid={`nav-${p.id}`}
            >
              <span className="nav-glyph" aria-hidden="true">
                {p.glyph}
              </span>
              <span className="nav-title">{p.title}</span>
              {p.notBuilt && <span className="nav-soon">soon</span>}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
