// The theme: the user's choice from the settings, or the system's (followed live). The stylesheet keys its
// colours on <html data-theme>, set here before the first paint and whenever either changes.
import type { ThemeSetting } from '../../core/model/settings.js';

let current: ThemeSetting = 'system';
let listening = false;

function resolve(): 'light' | 'dark' {
  if (current !== 'system') return current;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function applyTheme(theme: ThemeSetting): void {
  current = theme;
  document.documentElement.dataset.theme = resolve();
  if (!listening && window.matchMedia) {
    listening = true;
    window
      .matchMedia('(prefers-color-scheme: dark)')
      .addEventListener('change', () => (document.documentElement.dataset.theme = resolve()));
  }
}
