// Files in and out of the real window: a certificate kept with an entry and opened with the
// system's viewer, and the hours exported where the system's save dialog says.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { test } from "node:test";
import { answerOpenDialog, answerSaveDialog, fakeViewer, appBinary, scratch, signalApp, waitUntil, withApp } from "./driver.mjs";

const fixtures = resolve(import.meta.dirname, "fixtures");

test("a certificate attached to an entry opens in the viewer and survives delete and undo", async () => {
  const home = scratch("files-attach");
  const viewer = fakeViewer(home);
  await withApp(home, async (app) => {
    await app.click("a[data-section=hours]");
    await app.click("[data-testid=log-hours]");
    await app.waitFor("[data-testid=entry-form]");
    await app.type("#entry-date", "2025-04-05");
    await app.click("#entry-activity option[value=clinical_applications]");
    await app.click("input[name=format][value=in_person]");
    await app.type("#entry-hours", "7");
    await app.type("input[name=provider]", "Upledger Institute");
    await app.upload("[data-testid=attach-file]", join(fixtures, "certificate.pdf"));
    await app.waitFor("[data-testid=attachment-pending]", { text: "certificate.pdf" });
    await app.click("[data-testid=save-entry]");
    await app.waitFor("[data-testid=toast]", { text: "Entry saved — counts 6 h" });

    await app.click("[data-testid=entry-row]");
    await app.waitFor("[data-testid=attachment]", { text: "certificate.pdf" });
    await app.click("[data-testid=attachment] button.link");
    await app.screenshot("files-01-entry-with-certificate");
    await waitUntil(() => viewer.opened().length === 1, "the viewer was not asked to open the file");
    const [opened] = viewer.opened();
    assert.match(opened, /attachments\/1\.pdf$/);
    assert.deepEqual(readFileSync(opened), readFileSync(join(fixtures, "certificate.pdf")));

    await app.click("[data-testid=delete-entry]");
    await app.waitFor("[data-testid=toast]", { text: "and its attachment" });
    await app.click("[data-testid=undo]");
    await app.waitFor("[data-testid=entry-total]", { text: "1 entry" });
    await app.click("[data-testid=entry-row]");
    await app.waitFor("[data-testid=attachment]", { text: "certificate.pdf" });

    // Removing the file asks first; Keep keeps it.
    assert.equal(await app.attribute("[data-testid=delete-attachment]", "aria-label"), "Remove certificate.pdf");
    await app.click("[data-testid=delete-attachment]");
    await app.waitFor("[data-testid=attachment]", { text: "Remove it?" });
    await app.screenshot("files-02-remove-asks");
    await app.click("[data-testid=keep-attachment]");
    await app.waitFor("[data-testid=delete-attachment]");
    await app.click("[data-testid=delete-attachment]");
    await app.click("[data-testid=confirm-delete-attachment]");
    await waitUntil(async () => !(await app.exists("[data-testid=attachment]")), "the attachment is removed");
    assert.equal(await app.exists("[data-testid=entry-form]"), true, "the form stays open: nothing was submitted");
  }, { env: viewer.env });
});

test("Export CSV writes every entry where the save dialog says", async () => {
  const home = scratch("files-export");
  const target = join(home.dir, "my hours.csv");
  await withApp(home, async (app) => {
    await app.click("button[data-testid=load-demo]");
    await app.waitFor("[data-testid=credits-available]");
    await app.click("a[data-section=hours]");
    await app.waitFor("[data-testid=entry-total]", { text: "23 entries" });
    await app.click("[data-testid=export-csv]");
    await answerSaveDialog("Export hours as CSV", target);
    await app.waitFor("[data-testid=toast]", { text: "Exported 23 entries" });
  });
  const lines = readFileSync(target, "utf8").trim().split(/\r?\n/);
  assert.equal(lines.length, 24);
  assert.match(lines[0], /^date,activity,format,hours,days,provider/);
  // The file imports back: the engine's own check, through the command line.
  const out = execFileSync(appBinary, ["--db", join(home.dir, "again.db"), "import", target], { encoding: "utf8" });
  assert.match(out, /23/);
});

test("a file opened for the viewer is the therapist's alone, and gone when the app closes", async () => {
  const home = scratch("files-viewer");
  const viewer = fakeViewer(home);
  const viewerFolder = join(home.dir, "cache", "org.stillpoint.desktop", "viewer");
  let first;
  await withApp(home, async (app) => {
    await app.click("[data-testid=load-demo]");
    await app.waitFor("[data-testid=credits-available]");
    await app.click("a[data-section=portfolio]");
    await app.waitFor("[data-testid=portfolio-case]");
    await app.click("[data-testid=open-portfolio]");
    await waitUntil(() => viewer.opened().length === 1, "the portfolio was not opened in the viewer");
    [first] = viewer.opened();
    assert.ok(first.startsWith(`${viewerFolder}/`), `${first} is in the user's own cache, not a shared folder`);
    assert.equal(statSync(first).mode & 0o777, 0o600, "only the therapist may read it");
    assert.equal(statSync(dirname(first)).mode & 0o777, 0o700);
    assert.equal(statSync(viewerFolder).mode & 0o777, 0o700);
    execFileSync("qpdf", ["--check", first]);

    // Opened again, it gets a place of its own: the viewer may still hold the first.
    await app.click("[data-testid=open-portfolio]");
    await waitUntil(() => viewer.opened().length === 2, "the portfolio was not opened again");
    assert.notEqual(dirname(viewer.opened()[1]), dirname(first));
    assert.ok(existsSync(first));

    // The system ends the app (logout, shutdown): it quits as when its window closes.
    await signalApp(home, "SIGTERM");
  }, { env: viewer.env });
  assert.equal(existsSync(first), false, "the copies went when the app closed");
  assert.deepEqual(readdirSync(viewerFolder), []);

  // Copies left by an app that could not close (a crash, a power cut) go at the next start.
  const stale = join(viewerFolder, "open-left-by-a-crash");
  mkdirSync(stale, { mode: 0o700 });
  writeFileSync(join(stale, "portfolio.pdf"), "%PDF-1.7 left over", { mode: 0o600 });
  await withApp(home, async (app) => {
    await app.waitFor("[data-testid=credits-available]");
    await waitUntil(() => !existsSync(stale), "the stale copy was not cleared at start");
  });
});

test("Save a template writes where the save dialog says; filled in with the app's words, it imports through the open dialog", async () => {
  const home = scratch("files-template");
  // Names that differ from their first letter: the dialog's location field completes a name as
  // it is typed, and a completion arriving late would pick the other file.
  const template = join(home.dir, "template.csv");
  const filled = join(home.dir, "hours.csv");
  await withApp(home, async (app) => {
    await app.click("a[data-section=hours]");
    await app.waitFor("[data-testid=entry-total]", { text: "0 entries" });
    await app.click("[data-testid=save-csv-template]");
    await answerSaveDialog("Save a CSV template", template);
    await app.waitFor("[data-testid=template-saved]", { text: "3 example rows" });

    const lines = readFileSync(template, "utf8").trim().split("\n");
    assert.equal(lines[0], "Date,Activity,Format,Hours,Days,Provider,Credentials,Certified mentor,Endorsed,Notes");
    assert.equal(lines.length, 4, "one example row per category");
    assert.match(lines[1], /,Receiving treatment,/);
    assert.match(lines[3], /,1x1 mentorship,/);

    // Imported untouched, its example rows are refused, each named.
    await app.click("[data-testid=import-csv]");
    await answerOpenDialog("Import hours from CSV", template);
    await app.waitFor("[data-testid=import-report]", { text: "Nothing was imported from template.csv" });
    assert.match(await app.text("[data-testid=import-report]"), /Line 2, notes: This is an example row of the template/);

    // The therapist's own file, in the app's words: headings as the form names them, activities
    // by their labels, in any case.
    writeFileSync(filled, [
      "Date;Activity;Format;Hours;Mentor or provider;Their credentials;Certified mentor;Notes",
      "2025-01-10;Receiving treatment;In person;6;Karin Holm;PT, CST-D;no;",
      "2025-01-17;SMALL GROUP MENTORSHIP;virtual;6,5;Tomás Oyarzún;LMT, CST;no;",
      "2025-01-24;1x1 Mentorship;Virtual;1:30;Karin Holm;PT, CST-D;yes;first session",
      "",
    ].join("\n"));
    await app.click("[data-testid=import-csv]");
    await answerOpenDialog("Import hours from CSV", filled);
    await app.waitFor("[data-testid=import-report]", { text: "Imported 3 entries from hours.csv" });
    await app.waitFor("[data-testid=entry-total]", { text: "3 entries" });
    await app.screenshot("files-template-imported");
  });
});
