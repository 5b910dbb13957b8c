// Logging mentorship hours in the real window, and the dashboard answering to the minute.
import assert from "node:assert/strict";
import { test } from "node:test";
import { answerOpenDialog, scratch, waitUntil, withApp } from "./driver.mjs";

async function logEntry(app, { date, activity, format, hours, provider, credentials, certified = false }) {
  await app.click("[data-testid=log-hours]");
  await app.waitFor("[data-testid=entry-form]");
  await app.type("#entry-date", date);
  await app.click(`#entry-activity option[value=${activity}]`);
  // Nothing is attested for the therapist: a certified mentor is ticked by hand.
  if (certified) await app.click("input[name=certified_mentor]");
  await app.click(`input[name=format][value=${format}]`);
  await app.type("#entry-hours", hours);
  await app.type("input[name=provider]", provider);
  await app.type("#entry-credentials", credentials);
  await app.click("[data-testid=save-entry]");
}

async function dashboard(app) {
  await app.click("a[data-section=dashboard]");
  await app.waitFor("[data-testid=credits-available]");
  return {
    credits: await app.text("[data-testid=credits-available]"),
    sentence: await app.text("[data-testid=next-credit]"),
  };
}

test("one entry of each category earns a credit, and the dashboard says what the next one needs", async () => {
  const home = scratch("hours");

  await withApp(home, async (app) => {
    await app.click("a[data-section=hours]");
    await app.waitFor("[data-testid=entry-total]", { text: "0 entries" });

    await logEntry(app, { date: "2025-03-01", activity: "receiving_treatment", format: "in_person", hours: "6", provider: "Karin Holm", credentials: "PT, CST-D" });
    await app.waitFor("[data-testid=toast]", { text: "Entry saved" });
    let d = await dashboard(app);
    assert.equal(d.credits, "0");
    assert.equal(await app.exists("[data-testid=go-claim]"), false, "nothing to claim yet");
    assert.equal(await app.text("[data-testid=counted-A]"), "6 h counted");
    assert.equal(await app.text("[data-testid=next-A]"), "Next credit: its 6 h minimum is met");
    assert.match(d.sentence, /6 h of category B/);
    assert.match(d.sentence, /6 h of category C/);
    await app.screenshot("hours-01-dashboard-after-A");

    await app.click("a[data-section=hours]");
    await logEntry(app, { date: "2025-03-08", activity: "small_group", format: "virtual", hours: "6", provider: "Tomás Oyarzún", credentials: "LMT, CST" });
    await app.waitFor("[data-testid=toast]", { text: "Entry saved" });
    await logEntry(app, { date: "2025-03-15", activity: "one_to_one", format: "virtual", hours: "12", provider: "Karin Holm", credentials: "PT, CST-D", certified: true });
    await app.waitFor("[data-testid=entry-total]", { text: "3 entries" });
    await app.screenshot("hours-02-table");

    d = await dashboard(app);
    assert.equal(d.credits, "1");
    // The hours of the credit that can be claimed are set apart: the next credit starts afresh.
    assert.equal(
      d.sentence,
      "After the credit you can claim now, the next one needs: 6 h of category A — treatment received in person from a CST or CST-D; " +
        "6 h of category B — small or large group mentorship, study groups, recordings or an endorsed extended training; " +
        "6 h of category C — 1x1 mentorship with a certified mentor; and 6 h of any category.",
    );
    assert.equal(await app.text("[data-testid=counted-C]"), "12 h counted");
    assert.equal(await app.text("[data-testid=claimable-C]"), "All 12 h go to the credit you can claim now");
    assert.equal(await app.text("[data-testid=next-C]"), "Next credit: needs 6 h");
    assert.equal(await app.text("[data-testid=claimable-any]"), "6 h beyond the minimums go to the credit you can claim now");
    assert.equal(await app.text("[data-testid=credit-record]"), "1 credit earned so far: 1 to claim.");
    await app.screenshot("hours-03-dashboard-one-credit");
    // With a credit available, the dashboard leads to claiming it.
    await app.click("[data-testid=go-claim]");
    await app.waitFor("a[data-section=submissions][aria-current=page]");
  });

  // After a restart everything is there.
  await withApp(home, async (app) => {
    const d = await dashboard(app);
    assert.equal(d.credits, "1");
    await app.click("a[data-section=hours]");
    await app.waitFor("[data-testid=entry-total]", { text: "3 entries" });
  });
});

test("an invalid entry shows the error at its field and saves nothing", async () => {
  const home = scratch("hours-invalid");

  await withApp(home, async (app) => {
    await app.click("a[data-section=hours]");
    await app.waitFor("[data-testid=entry-total]", { text: "0 entries" });
    await logEntry(app, { date: "2025-03-01", activity: "one_to_one", format: "virtual", hours: "25", provider: "Karin Holm", credentials: "CST-D" });
    await app.waitFor("[data-error=hours]", { text: "at most 24 hours" });
    assert.equal(await app.attribute("#entry-hours", "aria-invalid"), "true");
    assert.equal(await app.activeElementId(), "entry-hours");
    await app.screenshot("hours-04-invalid-hours");

    await app.type("#entry-hours", "1:30");
    await app.type("#entry-date", "2999-01-01");
    await app.click("[data-testid=save-entry]");
    await app.waitFor("[data-error=date]", { text: "future" });
    await app.keys("\uE00C"); // Escape asks before throwing the typing away
    await app.click("[data-testid=discard-changes]");
    await waitUntil(async () => !(await app.exists("[data-testid=entry-form]")), "Discard closes the form");
    await app.waitFor("[data-testid=entry-total]", { text: "0 entries" });
  });
});

test("in person or virtual is the therapist's to say: a new entry has neither, and is refused until one is chosen", async () => {
  const home = scratch("hours-format");

  await withApp(home, async (app) => {
    await app.click("a[data-section=hours]");
    await app.click("[data-testid=log-hours]");
    await app.waitFor("[data-testid=entry-form]");
    assert.equal(await app.script("return document.querySelectorAll('input[name=format]:checked').length"), 0);
    await app.type("#entry-date", "2025-03-01");
    await app.click("#entry-activity option[value=receiving_treatment]");
    await app.type("#entry-hours", "2");
    await app.type("input[name=provider]", "Karin Holm");
    await app.type("#entry-credentials", "CST-D");
    await app.click("[data-testid=save-entry]");
    await app.waitFor("[data-error=format]", { text: "Say whether it was in person or virtual." });
    assert.equal(await app.script("return document.activeElement.name"), "format");
    assert.equal(await app.value("input[name=provider]"), "Karin Holm", "what was typed is kept");
    await app.click("input[name=format][value=in_person]");
    await app.click("[data-testid=save-entry]");
    await app.waitFor("[data-testid=entry-total]", { text: "1 entry" });
  });
});

test("a deleted entry comes back with Undo", async () => {
  const home = scratch("hours-undo");

  await withApp(home, async (app) => {
    await app.click("a[data-section=hours]");
    await logEntry(app, { date: "2025-04-02", activity: "clinical_applications", format: "in_person", hours: "8", provider: "Eitan Levi", credentials: "D.O., CST-D" });
    await app.waitFor("[data-testid=toast]", { text: "counts 6 h" });
    await app.click("[data-testid=entry-row]");
    await app.click("[data-testid=delete-entry]");
    await app.waitFor("[data-testid=entry-total]", { text: "0 entries" });
    await app.screenshot("hours-05-deleted-undo");
    await app.click("[data-testid=undo]");
    await app.waitFor("[data-testid=entry-total]", { text: "1 entry" });
    await app.waitFor("[data-testid=entry-row]", { text: "Clinical Applications" });
  });
});

test("the demo dashboard shows entries that count less, with reasons", async () => {
  const home = scratch("hours-demo");

  await withApp(home, async (app) => {
    await app.click("[data-testid=load-demo]");
    await app.waitFor("[data-testid=reduced]", { text: "RCST" });
    await app.screenshot("hours-06-demo-dashboard");
    await app.click("a[data-section=hours]");
    await app.waitFor("[data-testid=entry-total]", { text: "23 entries" });
    await app.click("[data-testid=counted-less]");
    await app.waitFor("[data-testid=entry-row]");
    await app.screenshot("hours-07-demo-counted-less");
  });
});

test("the entries table is used with the keyboard alone", async () => {
  const home = scratch("hours-keys");
  await withApp(home, async (app) => {
    await app.click("[data-testid=load-demo]");
    await app.waitFor("[data-testid=credits-available]");
    await app.click("a[data-section=hours]");
    await app.waitFor("[data-testid=entry-total]", { text: "23 entries" });
    await app.waitFor("[data-testid=entry-row] .date");
    const focused = () => app.script("return document.activeElement.getAttribute('aria-rowindex')");
    const key = { down: "\uE015", up: "\uE013", home: "\uE011", end: "\uE010", pageDown: "\uE00F", tab: "\uE004", enter: "\uE007" };

    // Tab from the last column header reaches the first row; only one row is in the Tab order.
    await app.script("[...document.querySelectorAll('.head button')].pop().focus()");
    await app.keys(key.tab);
    assert.equal(await focused(), "2");
    assert.equal(await app.script("return document.querySelectorAll('[data-testid=entry-row][tabindex=\"0\"]').length"), 1);
    await app.keys(key.down);
    await app.keys(key.down);
    assert.equal(await focused(), "4");
    await app.keys(key.up);
    assert.equal(await focused(), "3");

    // End goes to the last entry, drawing it first; it is in view.
    await app.keys(key.end);
    await waitUntil(async () => (await focused()) === "24", "End focuses the 23rd entry");
    assert.ok(await app.visible("[data-testid=entry-row]:focus"), "the last row is scrolled into view");
    await app.screenshot("hours-10-keyboard-end");
    await app.keys(key.home);
    await waitUntil(async () => (await focused()) === "2", "Home focuses the first entry");
    const page = await app.script("return Math.max(1, Math.floor(document.querySelector('.table .body').clientHeight / 44) - 1)");
    assert.ok(page >= 3, `a screenful is several rows (${page})`);
    await app.keys(key.pageDown);
    await waitUntil(async () => (await focused()) === String(2 + page), "Page Down moves a screenful");

    // Enter opens the focused entry; Escape closes it.
    const date = await app.script("return document.activeElement.querySelector('.date').innerText");
    await app.keys(key.enter);
    await app.waitFor("#entry-form-title", { text: "Edit entry" });
    const iso = await app.attribute("[data-testid=entry-form] [name=date]", "data-iso");
    assert.equal(await app.shownDate(iso), date);
    await app.keys("\uE00C");
    await waitUntil(async () => !(await app.exists("[data-testid=entry-form]")), "Escape closes the form");
    await waitUntil(async () => (await focused()) === String(2 + page), "the keyboard is back on the row it opened");
    await app.keys(key.down);
    assert.equal(await focused(), String(3 + page));
  });
});

test("a CSV with one bad row imports nothing and names the row; the fixed file imports once", async () => {
  const home = scratch("hours-import");
  const fixtures = new URL("./fixtures/", import.meta.url).pathname;

  await withApp(home, async (app) => {
    await app.click("a[data-section=hours]");
    await app.waitFor("[data-testid=entry-total]", { text: "0 entries" });
    // The button opens the system's open dialog, answered as a person does.
    await app.click("[data-testid=import-csv]");
    await answerOpenDialog("Import hours from CSV", `${fixtures}one-bad-row.csv`);
    await app.waitFor("[data-testid=import-report]", { text: "Nothing was imported" });
    assert.match(await app.text("[data-testid=import-report]"), /Line 4, hours: One entry can be at most 24 hours/);
    assert.equal(await app.text("[data-testid=entry-total]"), "0 entries");
    await app.screenshot("hours-08-import-refused");

    await app.click("[data-testid=import-csv]");
    await answerOpenDialog("Import hours from CSV", `${fixtures}fixed.csv`);
    await app.waitFor("[data-testid=import-report]", { text: "Imported 3 entries" });
    await app.waitFor("[data-testid=entry-total]", { text: "3 entries" });
    await app.click("[data-testid=import-csv]");
    await answerOpenDialog("Import hours from CSV", `${fixtures}fixed.csv`);
    await app.waitFor("[data-testid=import-report]", { text: "Skipped 3 already in Stillpoint" });
    await app.waitFor("[data-testid=entry-total]", { text: "3 entries" });
    await app.screenshot("hours-09-import-again");
    await app.click("a[data-section=dashboard]");
    await app.waitFor("[data-testid=credits-available]", { text: "1" });
  });
});
