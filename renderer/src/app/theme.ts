// Dark-first theme, persisted per machine. Applied to <html data-theme> before the first render
// so a light-theme user never sees a dark flash.
import { create } from 'zustand';

export type Theme = 'dark' | 'light';
const STORAGE_KEY = 'noc.theme';

function readTheme(): Theme {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'light' ? 'light' : 'dark';
  } catch {
    return 'dark';
  }
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

export const useTheme = create<{ theme: Theme }>(() => ({ theme: readTheme() }));

export function setTheme(theme: Theme): void {
  try {
    localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // storage disabled: the choice lasts for this window
  }
  applyTheme(theme);
  useTheme.setState({ theme });
}

export function initTheme(): void {
  applyTheme(useTheme.getState().theme);
}
