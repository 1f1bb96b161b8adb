// Saved views: "Save view" names the current query; the dropdown reopens one; the current view,
// when it is a saved one, can be deleted.
import { useState } from 'react';
import { Dialog } from '../../../ui/Dialog';
import { useSavedViews } from '../savedViews';
import { defOf, queryKey, useBilling } from '../store';

export function SavedViews() {
  const view = useBilling((s) => s.view);
  const defs = useBilling((s) => s.defs);
  const openView = useBilling((s) => s.openView);
  const views = useSavedViews((s) => s.views);
  const storageError = useSavedViews((s) => s.error);
  const save = useSavedViews((s) => s.save);
  const remove = useSavedViews((s) => s.remove);
  const [naming, setNaming] = useState<string | null>(null);

  const currentKey = queryKey(view?.query);
  const current = views.find((v) => queryKey(v.query) === currentKey) ?? null;

  const suggestName = () => {
    const q = view?.query;
    if (!q) return '';
    const parts = [defOf(defs, q.name)?.title ?? q.name];
    if (q.from || q.to) parts.push(`${q.from ?? '…'} – ${q.to ?? '…'}`);
    if (view?.subscriberLabel) parts.push(view.subscriberLabel);
    return parts.join(' · ').slice(0, 80);
  };

  return (
    <div className="saved-views">
      <select
        aria-label="Saved views"
        value={current?.id ?? ''}
        onChange={(e) => {
          const v = views.find((x) => x.id === e.target.value);
          if (v) openView({ query: v.query, label: v.name, ...(v.subscriberLabel ? { subscriberLabel: v.subscriberLabel } : {}) });
        }}
        data-testid="saved-views"
        disabled={views.length === 0}
      >
        <option value="" disabled>
          {views.length === 0 ? 'No saved views' : current ? current.name : 'Saved views…'}
        </option>
        {views.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
          </option>
        ))}
      </select>
      {current && (
        <button type="button" className="icon-button" title={`Delete the saved view "${current.name}"`} aria-label="Delete saved view" onClick={() => remove(current.id)} data-testid="delete-view">
          ×
        </button>
      )}
      <button type="button" onClick={() => setNaming(suggestName())} disabled={!view} data-testid="save-view">
        Save view
      </button>
      {storageError && (
        <span className="field-error" role="alert">
          {storageError}
        </span>
      )}
      {naming !== null && view && (
        <Dialog title="Save view" size="narrow" onClose={() => setNaming(null)} testId="save-view-dialog">
          <form
            className="device-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (!naming.trim()) return;
              save(naming, view.query, view.subscriberLabel);
              setNaming(null);
            }}
          >
            <div className="form-row">
              <label htmlFor="save-view-name">Name</label>
              <input
                id="save-view-name"
                value={naming}
                maxLength={80}
                onChange={(e) => setNaming(e.target.value)}
                data-autofocus
                data-testid="save-view-name"
              />
              <span className="field-hint">Saves the report, its filters and sort in this browser. The same name replaces a saved view.</span>
            </div>
            <div className="dialog-actions">
              <button type="button" onClick={() => setNaming(null)}>
                Cancel
              </button>
              <button type="submit" className="primary" disabled={!naming.trim()} data-testid="save-view-submit">
                Save
              </button>
            </div>
          </form>
        </Dialog>
      )}
    </div>
  );
}
