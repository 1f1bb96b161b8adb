// Saved report views: a name and the exact query, kept per machine in localStorage.
import { create } from 'zustand';
import { REPORT_NAMES } from '../../../../shared/domain/reports';
import type { ReportQuery } from './types';

const STORAGE_KEY = 'noc.billing.views';

export interface SavedView {
  id: string;
  name: string;
  query: ReportQuery;
  subscriberLabel?: string;
  savedAt: number;
}

function isQuery(v: unknown): v is ReportQuery {
  if (!v || typeof v !== 'object') return false;
  const q = v as Record<string, unknown>;
  return typeof q.name === 'string' && (REPORT_NAMES as readonly string[]).includes(q.name);
}

function read(): SavedView[] {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return [];
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (v): v is SavedView =>
        !!v && typeof v === 'object' && typeof (v as SavedView).id === 'string' && typeof (v as SavedView).name === 'string' && isQuery((v as SavedView).query),
    );
  } catch {
    return [];
  }
}

function write(views: SavedView[]): string | null {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(views));
    return null;
  } catch {
    return 'This browser does not allow saving views (storage is disabled or full).';
  }
}

interface SavedViewsState {
  views: SavedView[];
  error: string | null;
  save(name: string, query: ReportQuery, subscriberLabel?: string): SavedView;
  remove(id: string): void;
}

export const useSavedViews = create<SavedViewsState>((set, get) => ({
  views: read(),
  error: null,
  save: (name, query, subscriberLabel) => {
    const view: SavedView = {
      id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
      name: name.trim().slice(0, 80),
      query: structuredClone(query),
      savedAt: Date.now(),
      ...(subscriberLabel ? { subscriberLabel } : {}),
    };
    // a view saved under an existing name replaces it
    const views = [...get().views.filter((v) => v.name !== view.name), view].sort((a, b) => a.name.localeCompare(b.name));
    set({ views, error: write(views) });
    return view;
  },
  remove: (id) => {
    const views = get().views.filter((v) => v.id !== id);
    set({ views, error: write(views) });
  },
}));

// another window of this console saved or deleted a view
window.addEventListener('storage', (e) => {
  if (e.key === STORAGE_KEY) useSavedViews.setState({ views: read() });
});
