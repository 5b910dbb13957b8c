// Date fields in the real window: typed the therapist's own way, or picked from a calendar,
// with the keyboard or the mouse; shown in their locale.
import assert from "node:assert/strict";
import { test } from "node:test";
import { scratch, waitUntil, withApp } from "./driver.mjs";

const german = { LANG: "de_DE.UTF-8", LC_ALL: "de_DE.UTF-8", LANGUAGE: "de" };

test("a date is typed in the locale's order or picked from the calendar, and shown in the locale", async () => {
  const home = scratch("dates");

  await withApp(home, async (app) => {
    const locale = await app.script("return new Intl.DateTimeFormat().resolvedOptions().locale");
    assert.match(locale, /^de/, "the window follows the computer's language for dates");

    await app.click("a[data-section=hours]");
    await app.click("[data-testid=log-hours]");
    await app.waitFor("[data-testid=entry-form]");
    assert.equal(await app.attribute("#entry-date", "placeholder"), "DD.MM.YYYY");

    // Typed the German way: read, and said back in full.
    await app.type("#entry-date", "14.3.2025");
    await app.waitFor("#entry-date-hint", { text: "Freitag, 14. März 2025" });

    // The calendar opens on the typed date; the keyboard moves a day and a month.
    await app.click("[data-testid=entry-form] [data-testid=date-pick]");
    await app.waitFor("[data-testid=date-popup]", { text: "März 2025" });
    assert.equal(await app.text("[data-testid=date-popup] th"), "Mo", "German weeks begin on Monday");
    const focused = () => app.script("return document.activeElement.dataset.date || null");
    await waitUntil(async () => (await focused()) === "2025-03-14", "the typed day has the keyboard");
    await app.keys("\uE012"); // ArrowLeft: the 13th
    await app.keys("\uE00E"); // PageUp: a month earlier
    await app.waitFor("[data-testid=date-popup]", { text: "Februar 2025" });
    await waitUntil(async () => (await focused()) === "2025-02-13", "the keyboard moved a day and a month");
    await app.screenshot("dates-01-calendar-de");
    await app.keys("\uE007"); // Enter picks it
    assert.equal(await app.exists("[data-testid=date-popup]"), false);
    assert.equal(await app.value("#entry-date"), "13.02.2025");
    await app.waitFor("#entry-date-hint", { text: "Donnerstag, 13. Februar 2025" });

    // Escape closes the calendar only, never the form with it.
    await app.click("[data-testid=entry-form] [data-testid=date-pick]");
    await app.waitFor("[data-testid=date-popup]");
    await app.keys("\uE00C");
    assert.equal(await app.exists("[data-testid=date-popup]"), false);
    assert.equal(await app.exists("[data-testid=entry-form]"), true);

    // A click picks a day too.
    await app.click("[data-testid=entry-form] [data-testid=date-pick]");
    await app.click("[data-testid=date-popup] [data-date='2025-02-20']");
    assert.equal(await app.value("#entry-date"), "20.02.2025");

    await app.click("#entry-activity option[value=one_to_one]");
    await app.click("input[name=format][value=virtual]");
    await app.type("#entry-hours", "2");
    await app.type("input[name=provider]", "Karin Holm");
    await app.type("#entry-credentials", "CST-D");
    await app.click("[data-testid=save-entry]");
    await app.waitFor("[data-testid=entry-total]", { text: "1 entry" });
    // The table shows the saved date in German.
    await app.waitFor("[data-testid=entry-row]", { text: "20.02.2025" });

    // The table's date filter reads the German way too, once the date is settled (Enter).
    await app.type("input[name=from]", "21.02.2025");
    await app.keys("\uE007");
    await app.waitFor("[data-testid=entry-total]", { text: "0 entries" });
    await app.type("input[name=from]", "20.02.2025");
    await app.keys("\uE007");
    await app.waitFor("[data-testid=entry-total]", { text: "1 entry" });

    // What is not a whole date is left to the engine, which names it at the field.
    await app.click("[data-testid=log-hours]");
    await app.waitFor("[data-testid=entry-form]");
    await app.type("#entry-date", "14.3.25");
    await app.click("#entry-activity option[value=one_to_one]");
    await app.click("input[name=format][value=virtual]");
    await app.type("#entry-hours", "1");
    await app.type("input[name=provider]", "Karin Holm");
    await app.type("#entry-credentials", "CST-D");
    await app.click("[data-testid=save-entry]");
    await app.waitFor("[data-error=date]");
    assert.equal(await app.attribute("#entry-date", "aria-invalid"), "true");
    assert.equal(await app.value("#entry-date"), "14.3.25", "what was typed is kept");
  }, { env: german });
});

test("the calendar fits the smallest window, light and dark", async () => {
  for (const [theme, env] of [["light", {}], ["dark", { GTK_THEME: "Adwaita:dark" }]]) {
    const home = scratch(`dates-small-${theme}`);
    await withApp(home, async (app) => {
      await app.cmd("POST", "/window/rect", { width: 880, height: 560 });
      await waitUntil(async () => (await app.script("return window.innerWidth")) <= 880, "the window is at its minimum");
      await app.click("a[data-section=hours]");
      await app.click("[data-testid=log-hours]");
      await app.waitFor("[data-testid=entry-form]");
      await app.type("#entry-date", "2025-03-14");
      await app.click("[data-testid=entry-form] [data-testid=date-pick]");
      await app.waitFor("[data-testid=date-popup]");
      await app.script("document.querySelector('[data-testid=date-popup]').scrollIntoView({ block: 'nearest' })");
      const fits = await app.script(`
        const popup = document.querySelector("[data-testid=date-popup]").getBoundingClientRect();
        const panel = document.querySelector("[data-testid=entry-form]").getBoundingClientRect();
        return popup.left >= panel.left && popup.right <= Math.min(panel.right, window.innerWidth);`);
      assert.equal(fits, true, "the calendar lies inside the form, not past the window's edge");
      await app.screenshot(`dates-02-calendar-minimum-${theme}`);
    }, { env });
  }
});
