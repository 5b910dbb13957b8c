// The window as a therapist meets it: forms that never throw typing away unasked, the
// dashboard's words, the minimum window size, the keyboard after saving, the settings.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { fakeViewer, scratch, waitUntil, withApp } from "./driver.mjs";

const ESCAPE = "\uE00C";

/** The app's processes running on this test's database (not the drivers, which share its
 * environment). */
function running(home) {
  const marker = `STILLPOINT_DB=${home.db}\0`;
  return readdirSync("/proc").filter((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      return readFileSync(`/proc/${pid}/comm`, "latin1").trim() === "stillpoint" &&
        readFileSync(`/proc/${pid}/environ`, "latin1").includes(marker);
    } catch {
      return false;
    }
  });
}

/** Presses the window's close button, as a window manager does: a WM_DELETE_WINDOW message to
 * the window titled Stillpoint (which the app may refuse, unlike xdotool's windowclose). */
function pressCloseButton() {
  const ids = execFileSync("xdotool", ["search", "--onlyvisible", "--name", "^Stillpoint$"], { encoding: "utf8" }).trim().split("\n");
  execFileSync("python3", [new URL("./close-window.py", import.meta.url).pathname, ...ids]);
}

async function openLogHours(app) {
  await app.click("a[data-section=hours]");
  await app.waitFor("[data-testid=entry-total]");
  await app.click("[data-testid=log-hours]");
  await app.waitFor("[data-testid=entry-form]");
}

test("a form with changes asks before Escape, the backdrop or another section throws them away", async () => {
  const home = scratch("window-unsaved");
  await withApp(home, async (app) => {
    // Nothing typed: Escape closes without asking.
    await openLogHours(app);
    await app.keys(ESCAPE);
    await waitUntil(async () => !(await app.exists("[data-testid=entry-form]")), "an untouched form closes on Escape");

    // Typed, then Escape: asked; Keep editing keeps the text and the keyboard in the field.
    await app.click("[data-testid=log-hours]");
    await app.type("input[name=provider]", "Karin Holm");
    await app.keys(ESCAPE);
    await app.waitFor("[data-testid=discard-question]", { text: "not saved" });
    assert.equal(await app.script("return document.activeElement.dataset.testid"), "keep-editing", "the safe answer has the keyboard");
    await app.screenshot("window-01-discard-question");
    await app.click("[data-testid=keep-editing]");
    assert.equal(await app.exists("[data-testid=discard-question]"), false);
    assert.equal(await app.value("input[name=provider]"), "Karin Holm");
    assert.equal(await app.script("return document.activeElement.name"), "provider");

    // Escape while asked is Keep editing too.
    await app.keys(ESCAPE);
    await app.waitFor("[data-testid=discard-question]");
    await app.keys(ESCAPE);
    await waitUntil(async () => !(await app.exists("[data-testid=discard-question]")), "Escape answers Keep editing");
    assert.equal(await app.value("input[name=provider]"), "Karin Holm");

    // The backdrop asks; Discard closes and nothing is saved.
    await app.click("[data-testid=panel-backdrop]");
    await app.waitFor("[data-testid=discard-question]");
    await app.click("[data-testid=discard-changes]");
    await waitUntil(async () => !(await app.exists("[data-testid=entry-form]")), "Discard closes the form");
    assert.equal(await app.text("[data-testid=entry-total]"), "0 entries");

    // Another section in the sidebar asks, and stays here until answered.
    await app.click("[data-testid=log-hours]");
    await app.type("#entry-hours", "1:30");
    await app.click("a[data-section=dashboard]");
    await app.waitFor("[data-testid=discard-question]");
    assert.equal(await app.attribute("a[data-section=hours]", "aria-current"), "page");
    await app.click("[data-testid=keep-editing]");
    assert.equal(await app.value("#entry-hours"), "1:30");
    assert.equal(await app.script("return location.hash"), "#/hours");
    await app.click("a[data-section=dashboard]");
    await app.waitFor("[data-testid=discard-question]");
    await app.click("[data-testid=discard-changes]");
    await app.waitFor("a[data-section=dashboard][aria-current=page]");
    assert.equal(await app.exists("[data-testid=entry-form]"), false);

    // Cancel asks as well.
    await openLogHours(app);
    await app.type("#entry-notes", "Felt the rhythm settle");
    await app.click("[data-testid=cancel-entry]");
    await app.waitFor("[data-testid=discard-question]");
    await app.click("[data-testid=discard-changes]");
    await waitUntil(async () => !(await app.exists("[data-testid=entry-form]")), "Discard after Cancel closes the form");
  });
});

test("closing the window with a form's changes asks first; Discard closes it", async () => {
  const home = scratch("window-close");
  await withApp(home, async (app) => {
    await openLogHours(app);
    await app.type("input[name=provider]", "Karin Holm");
    pressCloseButton();
    await app.waitFor("[data-testid=discard-question]");
    await app.click("[data-testid=keep-editing]");
    assert.equal(await app.value("input[name=provider]"), "Karin Holm");
    assert.ok(running(home).length > 0, "the window stays open");

    pressCloseButton();
    await app.waitFor("[data-testid=discard-question]");
    await app.click("[data-testid=discard-changes]").catch(() => {});
    await waitUntil(() => running(home).length === 0, "Discard closes the window and the app ends", 15000);
  });

  // Nothing typed: the close button closes at once.
  await withApp(home, async (app) => {
    await app.waitFor("[data-testid=welcome]");
    pressCloseButton();
    await waitUntil(() => running(home).length === 0, "an app with nothing unsaved closes at once", 15000);
  });
});

/** Loads the demo and claims its credit: some entries are then locked by a draft submission. */
async function demoWithAClaim(app) {
  await app.click("[data-testid=load-demo]");
  await app.waitFor("[data-testid=credits-available]", { text: "1" });
  await app.click("a[data-section=submissions]");
  await app.waitFor("[data-testid=claimable]", { text: "You have 1 credit available" });
  await app.click("[data-testid=claim]");
  await app.waitFor("[data-testid=submissions-message]", { text: "Claimed 1 credit" });
  await app.click("a[data-section=hours]");
  await app.waitFor("[data-testid=entry-row][data-locked=yes]");
}

test("a locked entry shows the app's lock icon, not an emoji that may read as a zero", async () => {
  const home = scratch("window-icons");
  await withApp(home, async (app) => {
    await demoWithAClaim(app);
    const cell = "[data-testid=entry-row][data-locked=yes] .counted";
    // The figure reads as it is: no glyph before it that a font without emoji draws as "0".
    assert.match(await app.text(cell), /^(\d+ h)?( ?\d+ min)?$/);
    assert.equal(await app.exists(`${cell} svg[data-icon=lock][aria-label^="On submission 1"]`), true);
    // No pictograph is left anywhere in the window's text (the sidebar's icons are drawn too).
    const text = await app.script("return document.body.innerText");
    assert.doesNotMatch(text, /[\p{Extended_Pictographic}\u2460-\u24FF\u25A0-\u25FF\u2600-\u27BF]/u);
    assert.equal(await app.script("return document.querySelectorAll('nav svg[data-icon]').length"), 10);
    await app.screenshot("window-02-locked-icon");
  });
});

/** The window at `width` × `height` (the app's minimum is 880 × 560). */
async function resize(app, width, height) {
  await app.cmd("POST", "/window/rect", { width, height });
  await waitUntil(async () => (await app.script("return innerWidth")) === width, `the window is ${width} px wide`);
}

test("at the minimum window size every section fits its width, and Hours shows Logged and Counted", async () => {
  const home = scratch("window-minimum");
  await withApp(home, async (app) => {
    await demoWithAClaim(app);
    await resize(app, 880, 560);
    const sections = ["dashboard", "hours", "submissions", "mentors", "calendar", "courses", "clients", "case-studies", "portfolio", "settings"];
    for (const s of sections) {
      await app.click(`a[data-section=${s}]`);
      await app.waitFor(`a[data-section=${s}][aria-current=page]`);
      await app.waitFor("main h1");
      await app.screenshot(`window-min-${s}`);
      const [scroll, client] = await app.script("const m = document.querySelector('main'); return [m.scrollWidth, m.clientWidth]");
      assert.ok(scroll <= client, `${s}: nothing needs sideways scrolling (${scroll} > ${client})`);
    }
    await app.click("a[data-section=hours]");
    await app.waitFor("[data-testid=entry-row] .counted");
    for (const cell of ["[role=columnheader].num:nth-last-child(2)", "[role=columnheader].num:last-child", "[data-testid=entry-row] .num:not(.counted)", "[data-testid=entry-row] .counted"]) {
      const box = await app.script(
        "const r = document.querySelector(arguments[0]).getBoundingClientRect(); const t = document.querySelector('.table').getBoundingClientRect();" +
          "return { inside: r.left >= t.left && r.right <= t.right && r.width > 0, text: document.querySelector(arguments[0]).innerText }",
        [cell],
      );
      assert.ok(box.inside, `${cell} ("${box.text}") lies inside the table`);
    }
    assert.equal(await app.text("[role=columnheader].num:last-child"), "Counted");
    assert.ok(await app.visible("[data-testid=entry-row] .counted"));
    // The format, whose column gives way, is still said under the activity.
    assert.match(await app.text("[data-testid=entry-row] .activity"), /In person|Virtual/);
  });
});

test("a success message goes when the next action starts", async () => {
  const home = scratch("window-messages");
  await withApp(home, async (app) => {
    await app.click("a[data-section=settings]");
    await app.type("#name", "Ana Núñez");
    await app.click("[data-testid=save-profile]");
    await app.waitFor("[data-testid=profile-status]", { text: "Profile saved." });
    await app.type("#credentials", "LMT");
    await app.waitFor("[data-testid=profile-status]", { text: "Unsaved changes" });
    assert.doesNotMatch(await app.text("[data-testid=profile-status]"), /saved\./);

    await openLogHours(app);
    await app.type("#entry-date", "2025-03-01");
    await app.click("#entry-activity option[value=one_to_one]");
    await app.click("input[name=format][value=virtual]");
    await app.type("#entry-hours", "1");
    await app.type("input[name=provider]", "Karin Holm");
    await app.type("#entry-credentials", "CST-D");
    await app.click("[data-testid=save-entry]");
    await app.waitFor("[data-testid=toast]", { text: "Entry saved" });
    await app.waitFor("[data-testid=entry-total]", { text: "1 entry" });
    await app.click("[data-testid=log-hours]");
    await app.waitFor("[data-testid=entry-form]");
    assert.equal(await app.exists("[data-testid=toast]"), false, "the last save's message is gone");
  });
});

test("after saving, the keyboard is on the saved row; a locked entry opens in the panel and Escape closes it", async () => {
  const home = scratch("window-focus");
  const focused = (app) => app.script("const a = document.activeElement; return a && (a.dataset.testid || a.getAttribute('role') || a.tagName)");
  await withApp(home, async (app) => {
    // Closed without saving: back on the button that opened the form.
    await openLogHours(app);
    await app.keys(ESCAPE);
    await waitUntil(async () => (await focused(app)) === "log-hours", "the keyboard is back on Log hours");

    // A new entry saved: the keyboard is on its row.
    await app.click("[data-testid=log-hours]");
    await app.type("#entry-date", "2025-03-01");
    await app.click("#entry-activity option[value=one_to_one]");
    await app.click("input[name=format][value=virtual]");
    await app.type("#entry-hours", "1");
    await app.type("input[name=provider]", "Karin Holm");
    await app.type("#entry-credentials", "CST-D");
    await app.click("[data-testid=save-entry]");
    await waitUntil(async () => (await focused(app)) === "entry-row", "the keyboard is on the saved row");
    assert.match(await app.script("return document.activeElement.innerText"), /Karin Holm/);

    // Edited from the keyboard and saved: back on that row.
    await app.keys("\uE007");
    await app.waitFor("#entry-form-title", { text: "Edit entry" });
    await app.type("#entry-notes", "Second half on the diaphragm");
    await app.click("[data-testid=save-entry]");
    await app.waitFor("[data-testid=toast]", { text: "Changes saved" });
    await waitUntil(async () => (await focused(app)) === "entry-row", "the keyboard is on the edited row");
  });

  const locked = scratch("window-focus-locked");
  await withApp(locked, async (app) => {
    await demoWithAClaim(app);
    await app.script("document.querySelector('[data-testid=entry-row][data-locked=yes]').focus()");
    const row = await app.script("return document.activeElement.getAttribute('aria-rowindex')");
    await app.keys("\uE007");
    await app.waitFor("[data-testid=entry-locked]");
    assert.equal(await app.script("return document.querySelector('[data-testid=entry-form]').contains(document.activeElement)"), true,
      "the keyboard is in the panel");
    await app.screenshot("window-03-locked-entry-open");
    await app.keys(ESCAPE);
    await waitUntil(async () => !(await app.exists("[data-testid=entry-form]")), "Escape closes a locked entry");
    assert.equal(await app.script("return document.activeElement.getAttribute('aria-rowindex')"), row, "back on its row");
  });
});

test("Settings: light, dark or the system's theme, remembered; the data folder; the rules applied", async () => {
  const home = scratch("window-settings");
  const viewer = fakeViewer(home);
  const background = (app) => app.script("return getComputedStyle(document.body).backgroundColor");
  const LIGHT = "rgb(245, 247, 246)";
  const DARK = "rgb(17, 26, 29)";
  await withApp(home, async (app) => {
    await app.click("a[data-section=settings]");
    assert.equal(await app.script("return document.querySelector('[data-testid=theme-system]').checked"), true, "follows the system at first");
    assert.equal(await background(app), LIGHT);
    await app.click("[data-testid=theme-dark]");
    await waitUntil(async () => (await background(app)) === DARK, "Dark applies at once");
    await app.screenshot("window-04-settings-dark");

    // The data folder, shown by the system's file manager (here a stand-in for xdg-open).
    await app.click("[data-testid=show-data-folder]");
    await waitUntil(() => viewer.opened().length === 1, "the data folder was not shown");
    assert.equal(viewer.opened()[0], home.dir);

    // Which rules count the hours, and where they come from.
    assert.equal(await app.text("[data-testid=rule-set-name]"), "IAHE CranioSacral Therapy Mentorship Program");
    assert.equal(await app.text("[data-testid=rule-set-id]"), "iahe-mentorship-2014");
    assert.match(await app.text("[data-testid=rule-set-source]"), /Mentorship Program page and FAQ/);
  }, { env: viewer.env });

  // Remembered after a restart, from the first screen on; the system's again when chosen.
  await withApp(home, async (app) => {
    await app.waitFor("[data-testid=welcome]");
    assert.equal(await background(app), DARK);
    await app.click("a[data-section=settings]");
    assert.equal(await app.script("return document.querySelector('[data-testid=theme-dark]').checked"), true);
    await app.click("[data-testid=theme-light]");
    await waitUntil(async () => (await background(app)) === LIGHT, "Light applies at once");
    await app.click("[data-testid=theme-system]");
    assert.equal(await app.script("return document.documentElement.dataset.theme ?? null"), null);
    // This system is dark: following it, the window is dark again.
    await waitUntil(async () => (await background(app)) === DARK, "the system's dark applies");
  }, { env: { GTK_THEME: "Adwaita:dark" } });
});

test("hours are understood however they are typed, said back under the field, and shown one way", async () => {
  const home = scratch("window-durations");
  await withApp(home, async (app) => {
    await openLogHours(app);
    for (const [typed, read] of [["1:15", "= 1 h 15 min"], ["1h15", "= 1 h 15 min"], ["1 h 30 min", "= 1 h 30 min"],
      ["90 min", "= 1 h 30 min"], ["1,5", "= 1 h 30 min"], ["1.5", "= 1 h 30 min"], ["2", "= 2 h"]]) {
      await app.type("#entry-hours", typed);
      await app.waitFor("[data-testid=hours-reading]", { text: read });
    }
    await app.type("#entry-hours", "1 h 75");
    await app.waitFor("[data-testid=hours-reading]", { text: "is not" });
    await app.screenshot("window-05-hours-reading");

    await app.type("#entry-date", "2025-03-01");
    await app.click("#entry-activity option[value=one_to_one]");
    await app.click("input[name=format][value=virtual]");
    await app.type("#entry-hours", "1h15");
    await app.type("input[name=provider]", "Karin Holm");
    await app.type("#entry-credentials", "CST-D");
    await app.click("input[name=certified_mentor]"); // attested by hand: 1x1 counts with a certified mentor
    await app.click("[data-testid=save-entry]");
    await app.waitFor("[data-testid=entry-total]", { text: "1 entry" });
    // The table says it as the dashboard and the PDFs do: never "1.25 h".
    assert.equal(await app.text("[data-testid=entry-row] .num:not(.counted)"), "1 h 15 min");
    assert.equal(await app.text("[data-testid=entry-row] .counted"), "1 h 15 min");
    await app.click("a[data-section=dashboard]");
    await app.waitFor("[data-testid=counted-C]", { text: "1 h 15 min counted" });
  });
});

test("the other forms ask too: a client half-typed is not lost to Escape or another section", async () => {
  const home = scratch("window-unsaved-client");
  await withApp(home, async (app) => {
    await app.click("a[data-section=clients]");
    await app.click("[data-testid=add-client]");
    await app.waitFor("[data-testid=client-form]");
    await app.type("#client-code", "C-014");
    await app.keys(ESCAPE);
    await app.waitFor("[data-testid=discard-question]");
    await app.click("[data-testid=keep-editing]");
    assert.equal(await app.value("#client-code"), "C-014");
    await app.click("a[data-section=courses]");
    await app.waitFor("[data-testid=discard-question]");
    assert.equal(await app.attribute("a[data-section=clients]", "aria-current"), "page");
    await app.click("[data-testid=discard-changes]");
    await app.waitFor("a[data-section=courses][aria-current=page]");

    // A course form opened and left untouched closes at once.
    await app.click("[data-testid=add-course]");
    await app.waitFor("[data-testid=course-form]");
    await app.keys(ESCAPE);
    await waitUntil(async () => !(await app.exists("[data-testid=course-form]")), "an untouched course form closes on Escape");
  });
});

test("the profile's changes outlive another section, and closing the window asks for them", async () => {
  const home = scratch("window-close-profile");
  await withApp(home, async (app) => {
    await app.click("a[data-section=settings]");
    await app.type("#name", "Ana Núñez");
    // Another section keeps the draft: it does not ask.
    await app.click("a[data-section=hours]");
    await app.waitFor("a[data-section=hours][aria-current=page]");
    await app.click("a[data-section=settings]");
    assert.equal(await app.value("#name"), "Ana Núñez");
    pressCloseButton();
    await app.waitFor("[data-testid=profile-form] [data-testid=discard-question]", { text: "not saved" });
    await app.click("[data-testid=keep-editing]");
    assert.equal(await app.value("#name"), "Ana Núñez");
    assert.ok(running(home).length > 0, "the window stays open");
    pressCloseButton();
    await app.click("[data-testid=discard-changes]").catch(() => {});
    await waitUntil(() => running(home).length === 0, "Discard closes the window", 15000);
  });
});
