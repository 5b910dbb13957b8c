// Backups in the real window: the day's backup once the dashboard shows, "Back up now" in
// Settings, a folder chosen through the system's folder picker, and the dashboard's warning
// when that folder goes missing; the minutes before a reminder.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { answerFolderDialog, appBinary, scratch, waitUntil, withApp } from "./driver.mjs";

/** The backups Stillpoint made of the test's record in `folder`. */
function backupsIn(folder) {
  try {
    return readdirSync(folder).filter((n) => /^stillpoint-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ(-\d+)?\.db$/.test(n));
  } catch {
    return [];
  }
}

async function rows(app) {
  return app.script("return document.querySelectorAll('[data-testid=backup-list] tbody tr').length");
}

test("the day's backup, Back up now, a chosen folder, and the warning when it goes missing", async () => {
  const home = scratch("backups");
  execFileSync(appBinary, ["--db", home.db, "demo"]);
  const beside = join(home.dir, "backups");
  await withApp(home, async (app) => {
    await app.waitFor("[data-testid=greeting]", { text: "Maren" });
    await waitUntil(() => backupsIn(beside).length === 1, "the day's backup was not made after the dashboard showed");
    assert.equal(await app.exists("[data-testid=dashboard-backup-warning]"), false, "a backup made today: nothing to warn of");

    await app.click("a[data-section=settings]");
    await app.waitFor("[data-testid=backup-folder]", { text: beside });
    await waitUntil(async () => (await rows(app)) === 1, "Settings lists the day's backup");
    await app.click("[data-testid=back-up-now]");
    await app.waitFor("[data-testid=backup-message]", { text: "Backed up: " });
    assert.match(await app.text("[data-testid=backup-message]"), /\d+ entries, \d+ clients, \d+ sessions, \d+ case studies/);
    await waitUntil(async () => (await rows(app)) === 2, "the new backup is listed");
    assert.equal(backupsIn(beside).length, 2);
    await app.script("document.querySelector('[data-testid=backups]').scrollIntoView()");
    await app.screenshot("backups-01-settings");

    const usb = join(home.dir, "usb stick");
    mkdirSync(usb);
    await app.click("[data-testid=choose-backup-folder]");
    await answerFolderDialog("Choose a folder for backups", usb);
    await app.waitFor("[data-testid=backup-folder]", { text: usb });
    await app.waitFor("[data-testid=no-backups]");
    await app.click("[data-testid=back-up-now]");
    await waitUntil(async () => (await rows(app)) === 1, "the backup in the chosen folder is listed");
    assert.equal(backupsIn(usb).length, 1);

    // The stick is unplugged: the dashboard says so, and Settings offers the way back.
    rmSync(usb, { recursive: true });
    await app.click("a[data-section=dashboard]");
    await app.waitFor("[data-testid=dashboard-backup-warning]", { text: "cannot be found" });
    await app.screenshot("backups-02-dashboard-warning");
    await app.click("[data-testid=dashboard-backup-warning] button");
    await app.waitFor("[data-testid=backup-warning]", { text: "Connect its drive" });
    await app.click("[data-testid=default-backup-folder]");
    await app.waitFor("[data-testid=backup-folder]", { text: beside });
    await waitUntil(async () => (await rows(app)) === 2, "the backups beside the database are listed again");
    assert.equal(await app.exists("[data-testid=backup-warning]"), false);
  });
});

test("Settings → Backups fits the smallest window, light and dark", async () => {
  for (const [theme, env] of [["light", {}], ["dark", { GTK_THEME: "Adwaita:dark" }]]) {
    const home = scratch(`backups-small-${theme}`);
    execFileSync(appBinary, ["--db", home.db, "demo"]);
    await withApp(home, async (app) => {
      await app.cmd("POST", "/window/rect", { width: 880, height: 560 });
      await waitUntil(async () => (await app.script("return window.innerWidth")) <= 880, "the window is at its minimum");
      await app.waitFor("[data-testid=greeting]");
      await waitUntil(() => backupsIn(join(home.dir, "backups")).length === 1, "the day's backup was not made");
      await app.click("a[data-section=settings]");
      await waitUntil(async () => (await rows(app)) === 1, "Settings lists the day's backup");
      await app.script("document.querySelector('[data-testid=backups]').scrollIntoView()");
      const fits = await app.script(`
        const card = document.querySelector('[data-testid=backups]');
        return card.scrollWidth <= card.clientWidth && document.documentElement.scrollWidth <= window.innerWidth;`);
      assert.equal(fits, true, "nothing in Backups is wider than its card or the window");
      await app.screenshot(`backups-03-minimum-${theme}`);
    }, { env });
  }
});

test("Settings → Reminders keeps the minutes chosen and refuses none at its field", async () => {
  const home = scratch("reminders");
  execFileSync(appBinary, ["--db", home.db, "demo"]);
  await withApp(home, async (app) => {
    await app.click("a[data-section=settings]");
    await app.waitFor("#reminder_minutes");
    assert.equal(await app.value("#reminder_minutes"), "30", "30 minutes unless chosen");
    await app.type("#reminder_minutes", "0");
    await app.click("[data-testid=save-reminders]");
    await app.waitFor("#reminder_minutes-error", { text: "Choose from 1 to 1440 minutes" });
    assert.equal(await app.value("#reminder_minutes"), "0", "what was typed stays");
    await app.type("#reminder_minutes", "45");
    await app.click("[data-testid=save-reminders]");
    await app.waitFor("[data-testid=reminders]", { text: "Saved." });
    assert.equal(await app.exists("#reminder_minutes-error"), false);
    await app.click("a[data-section=dashboard]");
    await app.click("a[data-section=settings]");
    await waitUntil(async () => (await app.value("#reminder_minutes")) === "45", "the choice is kept");
  });
});
