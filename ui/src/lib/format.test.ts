import { describe, expect, it } from "vitest";
import { count, formatBytes, formatDays, formatMinutes } from "./format";

describe("format", () => {
  it("writes durations as the engine does", () => {
    expect(formatMinutes(150)).toBe("2 h 30 min");
    expect(formatMinutes(45)).toBe("45 min");
    expect(formatMinutes(360)).toBe("6 h");
    expect(formatMinutes(0)).toBe("0 min");
  });

  it("says a count with its noun, singular for exactly one", () => {
    expect(count(1, "treatment")).toBe("1 treatment");
    expect(count(3, "treatment")).toBe("3 treatments");
    expect(count(0, "entry", "entries")).toBe("0 entries");
    expect(count(1, "entry", "entries")).toBe("1 entry");
    expect(count(2, "case study", "case studies")).toBe("2 case studies");
  });

  it("counts days", () => {
    expect(formatDays(1)).toBe("1 day");
    expect(formatDays(3)).toBe("3 days");
  });
});

describe("formatBytes", () => {
  it("uses the unit that keeps the number short", () => {
    expect(formatBytes(900, "en")).toBe("900 B");
    expect(formatBytes(12 * 1024, "en")).toBe("12 KB");
    expect(formatBytes(3.45 * 1024 * 1024, "de")).toBe("3,5 MB");
  });
});
