// Light, dark, or the system's: chosen in Settings, kept in the window's own storage (a matter
// of this computer's display, not of the therapist's records), applied before the first paint.

export type Theme = "system" | "light" | "dark";

export const themes: { value: Theme; label: string }[] = [
  { value: "system", label: "Follow the system" },
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
];

const KEY = "stillpoint.theme";

/** The theme chosen on this computer; "system" when none was, or the stored value is unknown. */
export function storedTheme(storage: Pick<Storage, "getItem"> = localStorage): Theme {
  let value: string | null = null;
  try {
    value = storage.getItem(KEY);
  } catch {
    // Storage refused (a locked-down profile): follow the system.
  }
  return value === "light" || value === "dark" ? value : "system";
}

/** Shows `theme`: app.css reads `data-theme` on the root; without it, it follows the system. */
export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  if (theme === "system") delete root.dataset.theme;
  else root.dataset.theme = theme;
}

/** Remembers and shows the theme chosen in Settings. */
export function chooseTheme(
  theme: Theme,
  storage: Pick<Storage, "setItem" | "removeItem"> = localStorage,
  root: HTMLElement = document.documentElement,
): void {
  try {
    if (theme === "system") storage.removeItem(KEY);
    else storage.setItem(KEY, theme);
  } catch {
    // Not remembered, still shown.
  }
  applyTheme(theme, root);
}
