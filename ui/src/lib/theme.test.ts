import { describe, expect, it } from "vitest";
import { applyTheme, chooseTheme, storedTheme } from "./theme";

function memory(): Storage {
  const values = new Map<string, string>();
  return {
    getItem: (k: string) => values.get(k) ?? null,
    setItem: (k: string, v: string) => void values.set(k, v),
    removeItem: (k: string) => void values.delete(k),
    clear: () => values.clear(),
    key: () => null,
    get length() {
      return values.size;
    },
  };
}

/** Enough of an element for `dataset`. */
function root(): HTMLElement {
  return { dataset: {} as DOMStringMap } as HTMLElement;
}

describe("theme", () => {
  it("follows the system until one is chosen, and remembers the choice", () => {
    const storage = memory();
    const el = root();
    expect(storedTheme(storage)).toBe("system");
    chooseTheme("dark", storage, el);
    expect(el.dataset.theme).toBe("dark");
    expect(storedTheme(storage)).toBe("dark");
    chooseTheme("system", storage, el);
    expect(el.dataset.theme).toBeUndefined();
    expect(storedTheme(storage)).toBe("system");
  });

  it("reads an unknown stored value, or a storage that refuses, as the system's", () => {
    const storage = memory();
    storage.setItem("stillpoint.theme", "purple");
    expect(storedTheme(storage)).toBe("system");
    expect(storedTheme({ getItem: () => { throw new Error("denied"); } })).toBe("system");
    const el = root();
    applyTheme("light", el);
    expect(el.dataset.theme).toBe("light");
  });
});
