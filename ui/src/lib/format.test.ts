import { describe, expect, it } from "vitest";
import { formatDays, formatHours, formatMinutes } from "./format";

describe("format", () => {
  it("writes durations as the engine does", () => {
    expect(formatMinutes(150)).toBe("2 h 30 min");
    expect(formatMinutes(45)).toBe("45 min");
    expect(formatMinutes(360)).toBe("6 h");
    expect(formatMinutes(0)).toBe("0 min");
  });

  it("writes decimal hours in the locale", () => {
    expect(formatHours(90, "en-GB")).toBe("1.5");
    expect(formatHours(90, "de-DE")).toBe("1,5");
    expect(formatHours(20, "en-GB")).toBe("0.33");
  });

  it("counts days", () => {
    expect(formatDays(1)).toBe("1 day");
    expect(formatDays(3)).toBe("3 days");
  });
});
