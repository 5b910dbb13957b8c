// The dashboard's glance at the calendar: tomorrow's event, in the computer's time zone.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { appBinary, scratch, withApp } from "./driver.mjs";

test("the dashboard lists tomorrow's event from the calendar", async () => {
  const home = scratch("glance");
  execFileSync(appBinary, ["--db", home.db, "profile", "set", "--name", "Ana Núñez"]);
  const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
  const day = tomorrow.toISOString().slice(0, 10).replaceAll("-", "");
  const ics = join(home.dir, "tomorrow.ics");
  writeFileSync(
    ics,
    [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//EN",
      "BEGIN:VEVENT", "UID:tomorrow@example.org", "DTSTAMP:20260101T000000Z", `DTSTART:${day}T120000Z`,
      "DURATION:PT1H30M", "SUMMARY:The enteric nervous system", "END:VEVENT",
      "END:VCALENDAR", "",
    ].join("\r\n"),
  );
  execFileSync(appBinary, ["--db", home.db, "calendar", "import", ics]);
  await withApp(home, async (app) => {
    await app.waitFor("[data-testid=calendar-glance]", { text: "The enteric nervous system" });
    const soon = await app.text("[data-testid=soon]");
    assert.match(soon, /^Tomorrow, 12:00 The enteric nervous system Not marked$/m);
    await app.screenshot("glance-01-dashboard");
    await app.click("[data-testid=calendar-glance] button.link");
    await app.waitFor("[data-testid=import-calendar]");
  }, { env: { TZ: "UTC" } });
});
