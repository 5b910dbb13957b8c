import { describe, expect, it } from "vitest";
import { formatDate, monthParts, parseIsoDate, todayIso } from "./dates";

describe("dates", () => {
  it("keeps the calendar day whatever the time zone", () => {
    const date = parseIsoDate("2025-03-14");
    expect(date?.getFullYear()).toBe(2025);
    expect(date?.getMonth()).toBe(2);
    expect(date?.getDate()).toBe(14);
  });

  it("refuses what is not a real date", () => {
    expect(parseIsoDate("2025-02-30")).toBeNull();
    expect(parseIsoDate("14/03/2025")).toBeNull();
    expect(parseIsoDate("")).toBeNull();
  });

  it("formats in the given locale", () => {
    expect(formatDate("2025-03-14", "en-GB", "long")).toBe("14 March 2025");
    expect(formatDate("2025-03-14", "de-DE", "long")).toBe("14. März 2025");
    expect(formatDate("2025-03-14", "en-US", "long")).toBe("March 14, 2025");
  });

  it("shows text it cannot read as it came", () => {
    expect(formatDate("not a date", "en-GB")).toBe("not a date");
  });

  it("names a month in the given locale, with its year apart", () => {
    expect(monthParts("2025-03", "en-GB")).toEqual({ month: "Mar", year: "2025" });
    expect(monthParts("2025-12", "de-DE")).toEqual({ month: "Dez", year: "2025" });
    expect(monthParts("2025-13", "en-GB")).toBeNull();
  });

  it("gives today in local time", () => {
    expect(todayIso(new Date(2025, 0, 5, 23, 59))).toBe("2025-01-05");
  });
});
