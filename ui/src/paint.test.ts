// WebKitGTK paints blurred shadows and filters on the CPU, on every frame that touches them: one
// soft shadow under the Hours table made opening the view take 310 ms instead of 32. These
// checks keep every style in the UI to what it paints cheaply.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function styleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return styleFiles(path);
    return /\.(css|svelte)$/.test(entry.name) ? [path] : [];
  });
}

/** Each declaration of `property` in `css`, with the line it is on. */
function declarations(css: string, property: string): { value: string; line: number }[] {
  const found = [];
  // `property: value` in CSS, `style:property="value"` on a Svelte element.
  const pattern = new RegExp(`(?<![\\w-])${property}\\s*[:=]\\s*["'{]?([^;}"']+)`, "g");
  for (const match of css.matchAll(pattern)) {
    found.push({ value: match[1]!.trim(), line: css.slice(0, match.index).split("\n").length });
  }
  return found;
}

/** The blur radius of each shadow in a `box-shadow` value (0 when it has none). */
export function shadowBlurs(value: string): number[] {
  if (value === "none") return [];
  // Commas inside rgb(...) are not shadow separators.
  const shadows = value.split(/,(?![^(]*\))/);
  return shadows.map((shadow) => {
    // Colours (functions, hex, names) are dropped first, so only lengths are left to count.
    const lengths = shadow.replace(/\w+\([^)]*\)|#[0-9a-f]+/gi, " ").match(/-?\d*\.?\d+(px|rem|em)?/g) ?? [];
    return lengths.length >= 3 ? Number.parseFloat(lengths[2]!) : 0;
  });
}

describe("shadowBlurs", () => {
  it("reads the third length of each shadow as its blur", () => {
    expect(shadowBlurs("0 1px 0 rgb(16 24 40 / 8%)")).toEqual([0]);
    expect(shadowBlurs("0 1px 2px rgb(16 24 40 / 6%), 0 1px 3px rgb(16 24 40 / 8%)")).toEqual([2, 3]);
    expect(shadowBlurs("0 0 0 1px var(--danger)")).toEqual([0]);
    expect(shadowBlurs("-8px 0 24px rgba(0, 0, 0, 0.15)")).toEqual([24]);
    expect(shadowBlurs("inset 0 2px 4px #000")).toEqual([4]);
    expect(shadowBlurs("0 1px 0 #1a2b3c")).toEqual([0]);
    expect(shadowBlurs("none")).toEqual([]);
  });
});

describe("the UI's styles", () => {
  const files = styleFiles(import.meta.dirname).map((path) => ({ path, css: readFileSync(path, "utf8") }));

  it("are found", () => {
    expect(files.some((f) => f.path.endsWith("app.css"))).toBe(true);
    expect(files.length).toBeGreaterThan(10);
  });

  it("use no blurred shadow", () => {
    const blurred = files.flatMap(({ path, css }) =>
      ["box-shadow", "style:box-shadow", "--shadow[\\w-]*"].flatMap((property) =>
        declarations(css, property)
          .filter(({ value }) => !value.startsWith("var(") && shadowBlurs(value).some((blur) => blur > 0))
          .map(({ value, line }) => `${path}:${line}: ${value}`),
      ),
    );
    expect(blurred).toEqual([]);
  });

  it("use no blur filters or text shadows", () => {
    const costly = files.flatMap(({ path, css }) =>
      ["filter", "backdrop-filter", "-webkit-backdrop-filter", "text-shadow"].flatMap((property) =>
        declarations(css, property)
          .filter(({ value }) => property === "text-shadow" ? value !== "none" : /blur|drop-shadow/.test(value))
          .map(({ value, line }) => `${path}:${line}: ${property}: ${value}`),
      ),
    );
    expect(costly).toEqual([]);
  });
});
