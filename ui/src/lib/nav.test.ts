import { describe, expect, it } from "vitest";
import { sectionFromHash, sections } from "./nav";

describe("navigation", () => {
  it("reads the section from the address", () => {
    expect(sectionFromHash("#/settings")).toBe("settings");
    expect(sectionFromHash("#case-studies")).toBe("case-studies");
  });

  it("falls back to the dashboard", () => {
    expect(sectionFromHash("")).toBe("dashboard");
    expect(sectionFromHash("#/nowhere")).toBe("dashboard");
  });

  it("lists every section the brief names, once", () => {
    const labels = sections.map((s) => s.label);
    expect(labels).toEqual([
      "Dashboard", "Hours", "Submissions", "Mentors", "Calendar",
      "Courses", "Clients", "Case studies", "Portfolio", "Settings",
    ]);
  });
});
