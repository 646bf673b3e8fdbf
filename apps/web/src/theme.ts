import { createSignal } from 'solid-js';

/** The colour scheme a person chose in the user menu; `system` follows the device (prefers-color-scheme). */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const THEME_KEY = 'bureau.theme';

function storedTheme(): Theme {
  try {
    const v = localStorage.getItem(THEME_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

/** kit.css reads `data-theme` on <html>: without it the system's scheme applies. */
function apply(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

const [theme, setThemeSignal] = createSignal<Theme>(storedTheme());
apply(theme());

export { theme };

/** Switches at once and remembers the choice on this device. */
export function setTheme(next: Theme): void {
  setThemeSignal(next);
  apply(next);
  try {
    if (next === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, next);
  } catch {
    /* private mode */
  }
}
