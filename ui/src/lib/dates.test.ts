import { describe, expect, it } from "vitest";
import {
  addDays, addMonths, dateFieldPattern, firstDayOfWeek, formatDate, formatDateNumeric, monthGrid, monthParts,
  parseIsoDate, readTypedDate, todayIso, weekdayNames,
} from "./dates";

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

describe("date fields", () => {
  it("write a date in the locale's numeric order", () => {
    expect(formatDateNumeric("2025-03-14", "en-GB")).toBe("14/03/2025");
    expect(formatDateNumeric("2025-03-14", "en-US")).toBe("03/14/2025");
    expect(formatDateNumeric("2025-03-14", "de-DE")).toBe("14.03.2025");
    expect(formatDateNumeric("2025-03-14", "ja-JP")).toBe("2025/03/14");
    expect(dateFieldPattern("en-GB")).toBe("DD/MM/YYYY");
    expect(dateFieldPattern("en-US")).toBe("MM/DD/YYYY");
    expect(dateFieldPattern("de-DE")).toBe("DD.MM.YYYY");
  });

  it("read what was typed the locale's way, or year first in any locale", () => {
    expect(readTypedDate("14/03/2025", "en-GB")).toBe("2025-03-14");
    expect(readTypedDate("3/14/2025", "en-US")).toBe("2025-03-14");
    expect(readTypedDate("14.3.2025", "de-DE")).toBe("2025-03-14");
    expect(readTypedDate(" 2025-03-14 ", "en-US")).toBe("2025-03-14");
    expect(readTypedDate("2025/3/14", "de-DE")).toBe("2025-03-14");
    expect(readTypedDate("2025年3月14日", "ja-JP")).toBe("2025-03-14");
  });

  it("leave what is not a whole date to the engine to refuse", () => {
    expect(readTypedDate("14/03/25", "en-GB")).toBeNull(); // a two-digit year is not guessed
    expect(readTypedDate("30/02/2025", "en-GB")).toBeNull();
    expect(readTypedDate("03/14/2025", "en-GB")).toBeNull(); // month 14
    expect(readTypedDate("14 March 2025", "en-GB")).toBeNull();
    expect(readTypedDate("", "en-GB")).toBeNull();
    expect(readTypedDate("2025-03", "en-GB")).toBeNull();
  });

  it("lay a month out in weeks from the locale's first weekday", () => {
    expect(firstDayOfWeek("de-DE")).toBe(1);
    expect(firstDayOfWeek("en-US")).toBe(7);
    // March 2025 began on a Saturday.
    const monday = monthGrid(2025, 3, "de-DE");
    expect(monday[0]).toEqual([null, null, null, null, null, "2025-03-01", "2025-03-02"]);
    expect(monday.flat().filter(Boolean)).toHaveLength(31);
    expect(monday.every((week) => week.length === 7)).toBe(true);
    const sunday = monthGrid(2025, 3, "en-US");
    expect(sunday[0]).toEqual([null, null, null, null, null, null, "2025-03-01"]);
    expect(sunday[1]?.[0]).toBe("2025-03-02");
    expect(weekdayNames("en-US")[0]).toBe("Sun");
    expect(weekdayNames("en-GB")[0]).toBe("Mon");
  });

  it("step by days and months, keeping the day where the month has it", () => {
    expect(addDays("2025-02-28", 1)).toBe("2025-03-01");
    expect(addDays("2025-03-01", -1)).toBe("2025-02-28");
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2025-03-14", -3)).toBe("2024-12-14");
  });
});
