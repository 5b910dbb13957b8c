// The mentor directory: add someone, choose them when logging hours, and remove them (asked
// first) with the entry keeping their name; find examiners who speak a language, open a
// mentor's page and write to them; import the program's list through the open dialog; a
// mentor's page lists the events they present.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { answerOpenDialog, appBinary, fakeViewer, scratch, waitUntil, withApp } from "./driver.mjs";

const programList = resolve(import.meta.dirname, "../../src-tauri/core/tests/fixtures/mentors-program-list.csv");
const cards = (app) => app.script("return document.querySelectorAll('[data-testid=mentor-card]').length");

test("a mentor added to the directory fills their credentials on an entry", async () => {
  const home = scratch("mentors");

  await withApp(home, async (app) => {
    await app.click("a[data-section=mentors]");
    await app.click("[data-testid=add-mentor]");
    await app.waitFor("[data-testid=mentor-form] [data-testid=role-examiner]");
    for (const box of ["certified", "role-mentor", "role-examiner", "role-instructor", "role-teaching_assistant", "in-person", "virtual"]) {
      assert.equal(await app.script(`return document.querySelector("[data-testid=${box}]").checked`), false, `${box} is not attested for the therapist`);
    }
    await app.type("#name", "Karin Holm");
    await app.type("#credentials", "PT, CST-D");
    await app.type("#email", "karin@");
    await app.click("[data-testid=save-mentor]");
    await app.waitFor("#email-error", { text: "email address" });
    await app.type("#email", "karin@example.se");
    await app.type("#city", "Malmö");
    await app.click("#country option[value=SE]");
    await app.click("[data-testid=certified]");
    await app.click("[data-testid=in-person]");
    // A certified mentor has the Mentor role: the form says so at the box, and saves nothing.
    await app.click("[data-testid=save-mentor]");
    await app.waitFor("#certified_mentor-error", { text: "Mentor role" });
    assert.equal(await app.activeElementId(), "certified_mentor", "the keyboard goes to the box");
    await app.screenshot("mentors-00-certified-needs-the-role");
    await app.click("[data-testid=role-mentor]");
    // Two clicks at once save one mentor.
    await app.script("const b = document.querySelector('[data-testid=save-mentor]'); b.click(); b.click();");
    await app.waitFor("[data-testid=mentor-card]", { text: "Karin Holm" });
    assert.match(await app.text("[data-testid=mentor-card]"), /Certified mentor/);
    assert.match(await app.text("[data-testid=mentor-card]"), /In person/);
    assert.doesNotMatch(await app.text("[data-testid=mentor-card]"), /Virtual|Examiner/);
    assert.equal(await app.script("return document.querySelectorAll('[data-testid=mentor-card]').length"), 1, "saved once");
    await app.screenshot("mentors-01-directory");

    await app.click("a[data-section=hours]");
    await app.click("[data-testid=log-hours]");
    assert.equal(await app.value("#entry-date"), "", "no date is made up");
    // The endorsed box starts ticked only where the rule set says why, and says it beside it.
    await app.click("#entry-activity option[value=clinical_applications]");
    assert.equal(await app.script("return document.querySelector('input[name=endorsed]').checked"), true);
    assert.match(await app.text("[data-testid=endorsed-why]"), /Upledger Institute/);
    await app.screenshot("mentors-02-endorsed-by-the-rules");
    await app.click("#entry-activity option[value=study_group]");
    assert.equal(await app.script("return document.querySelector('input[name=endorsed]').checked"), false, "a study group's leader is not assumed endorsed");
    assert.equal(await app.exists("[data-testid=endorsed-why]"), false);
    await app.type("#entry-date", "2025-05-05");
    await app.click("#entry-activity option[value=one_to_one]");
    await app.click("input[name=format][value=virtual]");
    assert.equal(await app.script("return document.querySelector('input[name=certified_mentor]').checked"), false, "not attested until a certified mentor is chosen");
    await app.click("#entry-mentor option:nth-child(2)");
    assert.equal(await app.value("#entry-credentials"), "PT, CST-D");
    assert.equal(await app.value("input[name=provider]"), "Karin Holm");
    assert.equal(await app.script("return document.querySelector('input[name=certified_mentor]').checked"), true, "as the directory says of her");
    await app.type("#entry-hours", "1:30");
    await app.click("[data-testid=save-entry]");
    await app.waitFor("[data-testid=entry-row]", { text: "Karin Holm, PT, CST-D" });
    await app.click("a[data-section=dashboard]");
    await app.waitFor("[data-testid=counted-C]", { text: "1 h 30 min" });

    // Removing a mentor asks first, and the entry that named them keeps the name.
    await app.click("a[data-section=mentors]");
    await app.click("[data-testid=delete-mentor]");
    await app.waitFor("[data-testid=mentor-card]", { text: "Remove Karin Holm from your directory?" });
    await app.click("[data-testid=keep-mentor]");
    await app.waitFor("[data-testid=delete-mentor]");
    await app.click("[data-testid=delete-mentor]");
    await app.click("[data-testid=confirm-delete-mentor]");
    await waitUntil(async () => !(await app.exists("[data-testid=mentor-card]")), "the mentor is removed");
    await app.click("a[data-section=hours]");
    await app.waitFor("[data-testid=entry-row]", { text: "Karin Holm, PT, CST-D" });
    await app.click("a[data-section=dashboard]");
    await app.waitFor("[data-testid=counted-C]", { text: "1 h 30 min" });
  });
});

test("examiners who speak Spanish are found, a page shows what was received, a list imports", async () => {
  const home = scratch("mentors-find");
  const viewer = fakeViewer(home);
  await withApp(home, async (app) => {
    await app.click("[data-testid=load-demo]");
    await app.waitFor("[data-testid=credits-available]");
    await app.click("a[data-section=mentors]");
    await app.waitFor("[data-testid=mentor-summary]", { text: "7 people in your directory." });
    assert.equal(await cards(app), 7);

    await app.click("[data-testid=filter-role] option[value=examiner]");
    await app.waitFor("[data-testid=mentor-summary]", { text: "3 of 7 people: examiners." });
    await app.click("[data-testid=filter-language] option[value=Spanish]");
    await app.waitFor("[data-testid=mentor-summary]", { text: "1 of 7 people: examiners, mentoring in Spanish." });
    assert.equal(await cards(app), 1);
    assert.match(await app.text("[data-testid=mentor-card]"), /Léa Moreau/);
    assert.match(await app.text("[data-testid=mentor-card]"), /Lyon, France · French, Spanish, English/);

    // Her page: no hours yet; the mail program opens with her address (from the engine's side).
    await app.click("[data-testid=open-mentor]");
    await app.waitFor("[data-testid=mentor-page] h1", { text: "Léa Moreau" });
    assert.match(await app.text("[data-testid=mentor-hours]"), /No entries logged with them yet\./);
    await app.click("[data-testid=contact-email]");
    await waitUntil(() => viewer.opened().includes("mailto:lea.moreau@example.fr"), "the mail program was not asked to write to her");
    await app.click("[data-testid=back-to-mentors]");
    await app.waitFor("[data-testid=mentor-summary]", { text: "1 of 7 people" });
    assert.equal(await app.script("return document.activeElement.dataset.testid"), "open-mentor");

    // Karin's page: the entries logged with her and the hours by category, as the engine counted them.
    await app.click("[data-testid=clear-filters]");
    await app.type("[data-testid=mentor-search]", "karin");
    await app.waitFor("[data-testid=mentor-summary]", { text: "1 of 7 people: matching" });
    await app.click("[data-testid=open-mentor]");
    await app.waitFor("[data-testid=mentor-page] h1", { text: "Karin Holm" });
    const entries = await app.script("return document.querySelectorAll('[data-testid=mentor-entry]').length");
    assert.ok(entries > 0, "the demo logged hours with her");
    assert.match(await app.text("[data-testid=mentor-hours]"), new RegExp(`^${entries} entr`, "m"));
    assert.doesNotMatch(await app.text("[data-testid=mentor-hours-C]"), /0 min/);
    await app.screenshot("mentors-04-page");
    await app.click("[data-testid=back-to-mentors]");
    await app.click("[data-testid=clear-filters]");
    await app.waitFor("[data-testid=mentor-summary]", { text: "7 people in your directory." });

    // The program's list, through the open dialog: who is already in the directory is skipped.
    await app.click("[data-testid=import-mentors]");
    await answerOpenDialog("Import mentors from CSV", programList);
    await app.waitFor("[data-testid=mentor-import-report]", { text: "Imported 1 mentor from mentors-program-list.csv" });
    const report = await app.text("[data-testid=mentor-import-report]");
    assert.match(report, /Skipped line 8, KARIN HOLM: the same person as line 2/);
    assert.match(report, /Skipped line 2, Karin Holm: already in your directory/);
    await app.waitFor("[data-testid=mentor-summary]", { text: "8 people in your directory." });
    await app.waitFor("[data-testid=mentor-card]", { text: "Dieter Vogt" });
    await app.screenshot("mentors-05-imported");
  }, { env: viewer.env });
});

test("the directory, a page and the form fit the smallest window, light and dark", async () => {
  for (const [theme, env] of [["light", {}], ["dark", { GTK_THEME: "Adwaita:dark" }]]) {
    const home = scratch(`mentors-small-${theme}`);
    await withApp(home, async (app) => {
      await app.cmd("POST", "/window/rect", { width: 880, height: 560 });
      await waitUntil(async () => (await app.script("return window.innerWidth")) <= 880, "the window is at its minimum");
      await app.click("[data-testid=load-demo]");
      await app.waitFor("[data-testid=credits-available]");
      await app.click("a[data-section=mentors]");
      await app.waitFor("[data-testid=mentor-summary]", { text: "7 people" });
      const wide = await app.script("return document.documentElement.scrollWidth > window.innerWidth");
      assert.equal(wide, false, "no sideways scrolling");
      await app.screenshot(`mentors-06-directory-minimum-${theme}`);
      await app.type("[data-testid=mentor-search]", "Eitan");
      await app.waitFor("[data-testid=mentor-summary]", { text: "1 of 7" });
      await app.click("[data-testid=open-mentor]");
      await app.waitFor("[data-testid=mentor-page] h1", { text: "Eitan Levi" });
      await app.screenshot(`mentors-07-page-minimum-${theme}`);
      await app.click("[data-testid=edit-mentor]");
      await app.waitFor("[data-testid=mentor-form] [data-testid=role-examiner]");
      assert.equal(await app.value("#country"), "IL");
      assert.equal(await app.value("#time_zone"), "Asia/Jerusalem");
      await app.screenshot(`mentors-08-form-minimum-${theme}`);
      // Closing with a change asks first.
      await app.type("#notes", "Ask about the Advanced 1 review.");
      await app.keys("\uE00C");
      await app.waitFor("[data-testid=discard-question]");
      await app.click("[data-testid=keep-editing]");
      assert.equal(await app.value("#notes"), "Ask about the Advanced 1 review.");
    }, { env });
  }
});

test("a mentor's page lists the calendar's events they present", async () => {
  const home = scratch("mentors-events");
  execFileSync(appBinary, ["--db", home.db, "demo"]);
  const ics = join(home.dir, "program.ics");
  writeFileSync(
    ics,
    [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//EN",
      "BEGIN:VEVENT", "UID:pelvis@example.org", "DTSTAMP:20260101T000000Z", "DTSTART:20990310T170000Z",
      "DURATION:PT1H30M", "SUMMARY:The pelvis and the diaphragm", "X-STILLPOINT-PRESENTER:KARIN HOLM", "END:VEVENT",
      "END:VCALENDAR", "",
    ].join("\r\n"),
  );
  execFileSync(appBinary, ["--db", home.db, "calendar", "import", ics]);
  await withApp(home, async (app) => {
    await app.click("a[data-section=mentors]");
    await app.type("[data-testid=mentor-search]", "karin");
    await app.waitFor("[data-testid=mentor-summary]", { text: "1 of " });
    await app.click("[data-testid=open-mentor]");
    await app.waitFor("[data-testid=mentor-page] h1", { text: "Karin Holm" });
    // The demo's calendar has events of hers too: hers from the file is among them.
    await app.waitFor("[data-testid=mentor-events]", { text: "The pelvis and the diaphragm" });
    await app.script("document.querySelector('[data-testid=mentor-events]').scrollIntoView()");
    await app.screenshot("mentors-07-page-events");
  });
});
