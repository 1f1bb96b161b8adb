// Ctrl+Shift+F in a terminal: find in the scrollback (xterm's search addon selects the match).
import { useState, type KeyboardEvent } from 'react';
import { entryOf } from '../terminalRegistry';

export function SearchBar({ tabId, onClose }: { tabId: string; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [regex, setRegex] = useState(false);
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [notFound, setNotFound] = useState(false);

  const find = (backwards: boolean, term = query) => {
    const search = entryOf(tabId)?.search;
    if (!search || term === '') {
      setNotFound(false);
      return;
    }
    const opts = { regex, caseSensitive, incremental: !backwards };
    try {
      setNotFound(!(backwards ? search.findPrevious(term, opts) : search.findNext(term, opts)));
    } catch {
      // an unfinished regular expression while typing
      setNotFound(true);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      find(e.shiftKey);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      entryOf(tabId)?.search.clearDecorations();
      onClose();
    }
  };

  return (
    <div className="term-search" role="search" data-testid="terminal-search">
      <input
        autoFocus
        aria-label="Find in terminal"
        placeholder="Find (Enter next, Shift+Enter previous, Esc close)"
        value={query}
        className={notFound ? 'not-found' : undefined}
        onChange={(e) => {
          setQuery(e.target.value);
          find(false, e.target.value);
        }}
        onKeyDown={onKeyDown}
        spellCheck={false}
        data-testid="terminal-search-input"
      />
      <label className="check">
        <input type="checkbox" checked={regex} onChange={(e) => setRegex(e.target.checked)} /> Regex
      </label>
      <label className="check">
        <input type="checkbox" checked={caseSensitive} onChange={(e) => setCaseSensitive(e.target.checked)} /> Match case
      </label>
      <button type="button" onClick={() => find(true)} title="Previous (Shift+Enter)" aria-label="Previous match">
        ↑
      </button>
      <button type="button" onClick={() => find(false)} title="Next (Enter)" aria-label="Next match">
        ↓
      </button>
      {notFound && query !== '' && <span className="muted">no match</span>}
      <button type="button" className="icon-button" aria-label="Close search" onClick={onClose}>
        ×
      </button>
    </div>
  );
}
