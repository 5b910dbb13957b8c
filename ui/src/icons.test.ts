// Emoji and pictographs depend on the fonts a computer has: without an emoji font the lock of a
// claimed entry read as a zero ("02 h"). The UI draws its own icons (components/Icon.svelte);
// this check keeps pictographs out of every view and component.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    // The generated bindings hold the engine's doc comments, not what the window shows.
    if (entry.name === "bindings.ts" || entry.name.endsWith(".test.ts")) return [];
    return /\.(svelte|ts)$/.test(entry.name) ? [path] : [];
  });
}

/** Emoji, and the symbol blocks whose glyphs many fonts lack or draw as emoji: technical
 * symbols, enclosed letters (ⓘ), geometric shapes (○ ▦), miscellaneous symbols (⚙ ☺) and
 * dingbats (✕ ✓ ✉). Arrows and dashes are typography and stay. */
const PICTOGRAPH = /[\p{Extended_Pictographic}\u2300-\u23FF\u2460-\u24FF\u25A0-\u25FF\u2600-\u27BF\u{1F000}-\u{1FAFF}]/u;

export function pictographs(text: string): { line: number; char: string }[] {
  return text.split("\n").flatMap((line, i) => {
    const found = [...line].filter((c) => PICTOGRAPH.test(c));
    return found.map((char) => ({ line: i + 1, char }));
  });
}

describe("icons, not emoji", () => {
  it("recognises what it looks for", () => {
    expect(pictographs("🔒 2 h").map((p) => p.char)).toEqual(["🔒"]);
    expect(pictographs("a\n✕ ⓘ ⚙ ○").map((p) => [p.line, p.char])).toEqual([[2, "✕"], [2, "ⓘ"], [2, "⚙"], [2, "○"]]);
    expect(pictographs("3 → 5 – 6 h · 1x1")).toEqual([]);
  });

  it("no view or component shows a pictograph", () => {
    const root = join(import.meta.dirname);
    const found = sourceFiles(root).flatMap((file) =>
      pictographs(readFileSync(file, "utf8")).map((p) => `${file.slice(root.length + 1)}:${p.line} ${p.char}`),
    );
    expect(found).toEqual([]);
  });
});
