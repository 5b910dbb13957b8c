// The Calendar in the real window: a Zoom invitation imported through the open dialog, found in
// the month grid, registered for, attended (the entry form comes filled in), saved, and the
// dashboard's B hours moving; the calendar exported through the save dialog and read back; the
// month grid and the agenda at the smallest window, light and dark.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { answerOpenDialog, answerSaveDialog, scratch, waitUntil, withApp } from "./driver.mjs";

const fixtures = resolve(import.meta.dirname, "../../src-tauri/core/tests/fixtures/calendar");
const zoom = join(fixtures, "zoom-utc.ics");
// The computer's zone for these runs: the Zoom call at 16:30 UTC is 18:30 here.
const berlin = { TZ: "Europe/Berlin" };

async function showMonth(app, title) {
  for (let i = 0; i < 400; i++) {
    const shown = await app.text("[data-testid=month-title]");
    if (shown === title) return;
    const [name, year] = shown.split(" ");
    const [wantName, wantYear] = title.split(" ");
    const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    const back = Number(year) * 12 + months.indexOf(name) > Number(wantYear) * 12 + months.indexOf(wantName);
    await app.click(back ? "[data-testid=previous-month]" : "[data-testid=next-month]");
    await waitUntil(async () => (await app.text("[data-testid=month-title]")) !== shown, "the month moves");
  }
  throw new Error(`${title} was never shown`);
}

test("an .ics imported through the open dialog is found in the month, registered, attended and logged", async () => {
  const home = scratch("calendar");
  await withApp(home, async (app) => {
    await app.click("a[data-section=calendar]");
    await app.waitFor("[data-testid=month-grid]");
    assert.equal(await app.exists("a[data-section=calendar] .soon"), false, "the section is no longer \"soon\"");

    await app.click("[data-testid=import-calendar]");
    await answerOpenDialog("Import a calendar file", zoom);
    await app.waitFor("[data-testid=calendar-import-report]", { text: "Imported zoom-utc.ics" });
    assert.match(await app.text("[data-testid=calendar-import-report]"), /1 added, 0 updated, 0 already here/);

    await showMonth(app, "April 2025");
    await app.waitFor("[data-testid=month-summary]", { text: "1 event in April 2025" });
    await app.waitFor("[data-date='2025-04-15'] [data-testid=grid-event]", { text: "18:30" });
    await app.click("[data-date='2025-04-15'] [data-testid=grid-event]");
    await app.waitFor("[data-testid=day-events] [data-testid=event-card]", { text: "Enteric Nervous System" });
    assert.equal(await app.text("[data-testid=day-events] [data-testid=event-when]"), "16:30 UTC — 18:30 here · 1 h 30 min");
    assert.equal(await app.text("[data-testid=event-status]"), "Not marked", "nothing is marked for the therapist");

    await app.click("[data-testid=day-events] [data-testid=status-registered]");
    await app.waitFor("[data-testid=event-status]", { text: "Registered" });

    await app.click("[data-testid=day-events] [data-testid=attend-live]");
    await app.waitFor("[data-testid=entry-form] #entry-hours");
    assert.equal(await app.value("#entry-hours"), "1:30");
    assert.equal(await app.value("#entry-activity"), "large_group");
    assert.equal(await app.script("return document.querySelector('input[name=format][value=virtual]').checked"), true);
    assert.equal(await app.value("#entry-date") !== "", true, "its date is filled in");
    assert.match(await app.text("[data-testid=entry-note]"), /Enteric Nervous System.*attended live/);
    await app.screenshot("calendar-01-attend-form");
    await app.click("[data-testid=save-entry]");
    await app.waitFor("[data-testid=calendar-message]", { text: "Logged" });
    await app.waitFor("[data-testid=event-status]", { text: "Attended live, logged" });
    assert.equal(await app.exists("[data-testid=day-events] [data-testid=attend-live]"), false, "logged once");

    await app.click("a[data-section=dashboard]");
    await app.waitFor("[data-testid=counted-B]", { text: "1 h 30 min" });

    // Every event out through the save dialog, and the file read back.
    await app.click("a[data-section=calendar]");
    await app.waitFor("[data-testid=month-grid]");
    const out = join(home.dir, "exported.ics");
    await app.click("[data-testid=export-calendar]");
    await answerSaveDialog("Export the calendar", out);
    await app.waitFor("[data-testid=calendar-message]", { text: "Exported 1 event" });
    const written = readFileSync(out, "utf8");
    assert.match(written, /^BEGIN:VCALENDAR\r\n/);
    assert.match(written, /SUMMARY:Enteric Nervous System/);
    assert.match(written, /DTSTART:20250415T163000Z/);
    assert.match(written, /X-STILLPOINT-STATUS:attended_live/);
  }, { env: berlin });
});

test("the month grid and the agenda fit the smallest window, light and dark", async () => {
  for (const [theme, env] of [["light", berlin], ["dark", { ...berlin, GTK_THEME: "Adwaita:dark" }]]) {
    const home = scratch(`calendar-small-${theme}`);
    await withApp(home, async (app) => {
      await app.cmd("POST", "/window/rect", { width: 880, height: 560 });
      await waitUntil(async () => (await app.script("return window.innerWidth")) <= 880, "the window is at its minimum");
      await app.click("[data-testid=load-demo]");
      await app.waitFor("[data-testid=credits-available]");
      await app.click("a[data-section=calendar]");
      await app.waitFor("[data-testid=month-grid]");
      await app.waitFor("[data-testid=month-grid] td.today");
      const wide = await app.script("return document.querySelector('main').scrollWidth > document.querySelector('main').clientWidth");
      assert.equal(wide, false, "no sideways scrolling");
      await app.screenshot(`calendar-02-month-minimum-${theme}`);
      // The keyboard: a day of the grid takes the focus, arrows move, Enter opens it.
      await app.script("document.querySelector('[data-testid=month-grid] td.today .daynum').focus()");
      await app.keys("\uE014");
      await app.keys("\uE007");
      await app.waitFor("[data-testid=day-events] h2");
      await app.click("[data-testid=show-agenda]");
      await app.waitFor("[data-testid=agenda-summary]");
      assert.equal(await app.script("return document.querySelector('main').scrollWidth > document.querySelector('main').clientWidth"), false);
      await app.screenshot(`calendar-03-agenda-minimum-${theme}`);
    }, { env });
  }
});
