// Claiming a credit in the real window: the form, sending it, the lock on its entries, reopening
// and discarding.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { answerSaveDialog, fakeViewer, scratch, waitUntil, withApp } from "./driver.mjs";

const pdfText = (file) => execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });

test("claim a credit, open its form, send it, find its entries locked, reopen and discard it", async () => {
  const home = scratch("submissions");
  const viewer = fakeViewer(home);
  await withApp(home, async (app) => {
    await app.click("[data-testid=load-demo]");
    await app.waitFor("[data-testid=credits-available]", { text: "1" });

    await app.click("a[data-section=submissions]");
    await app.waitFor("[data-testid=claimable]", { text: "You have 1 credit available" });
    await app.click("[data-testid=claim]");
    await app.waitFor("[data-testid=submissions-message]", { text: "Claimed 1 credit on draft submission 1" });
    await app.waitFor("[data-testid=submission-detail]");
    for (const c of ["A", "B", "C"]) {
      const claimed = await app.text(`[data-testid=claimed-${c}]`);
      assert.match(claimed, /^\d+ h/, `category ${c} claims at least its 6 h: ${claimed}`);
    }
    await app.waitFor("[data-testid=claimable]", { text: "No credit is available yet" });
    await app.screenshot("submissions-01-draft");

    await app.click("[data-testid=open-form]");
    await waitUntil(() => viewer.opened().length === 1, "the form was not opened in the viewer");
    const form = viewer.opened()[0];
    assert.match(form, /\.pdf$/);
    const text = pdfText(form);
    assert.match(text, /Mentorship Program Tracking Form/);
    assert.match(text, /Maren Oyelaran-Støa/, "the demo practitioner's name, with its ø");

    await app.click("[data-testid=mark-sent]");
    assert.equal(await app.value("input[name=sent_on]"), "", "no date is made up");
    await app.type("input[name=sent_on]", new Date().toLocaleDateString("sv"));
    // No fee is made up either: an empty one is asked for (0 when there was none).
    await app.click("[data-testid=confirm-sent]");
    await app.waitFor("[data-error=fee_amount]", { text: "0 if there was none" });
    assert.equal(await app.text("[data-testid=submission-state]"), "Draft");
    await app.type("input[name=fee_amount]", "25,50");
    await app.type("input[name=fee_currency]", "usd");
    await app.type("input[name=paid_by]", "Card");
    await app.click("[data-testid=confirm-sent]");
    await app.waitFor("[data-testid=submission-state]", { text: "Sent" });
    await app.waitFor("[data-testid=submission-detail]", { text: "fee 25.50 USD" });
    await app.screenshot("submissions-02-sent");

    await app.click("a[data-section=hours]");
    await app.click("[data-testid=entry-row][data-locked]");
    await app.waitFor("[data-testid=entry-locked]");
    const why = await app.text("[data-testid=entry-locked]");
    assert.match(why, /on submission 1, sent on .*reopen the submission/);
    assert.equal(await app.script("return document.querySelector('[data-testid=save-entry]').disabled"), true);
    assert.equal(await app.script("return document.querySelector('[data-testid=delete-entry]').disabled"), true);
    await app.screenshot("submissions-03-locked-entry");
    await app.click("[data-testid=entry-form] .close");

    await app.click("a[data-section=submissions]");
    await app.click("[data-testid=submission-row]");
    await app.click("[data-testid=reopen]");
    await app.click("[data-testid=confirm-reopen]");
    await app.waitFor("[data-testid=submission-state]", { text: "Draft" });
    await app.click("[data-testid=discard]");
    await app.click("[data-testid=confirm-discard]");
    await app.waitFor("[data-testid=submissions-message]", { text: "Discarded draft submission 1" });
    await app.waitFor("[data-testid=claimable]", { text: "You have 1 credit available" });
  }, { env: viewer.env });
});

test("a blank tracking form is saved where the save dialog says, and is a valid PDF", async () => {
  const home = scratch("blank-form");
  const target = join(home.dir, "blank form.pdf");
  await withApp(home, async (app) => {
    await app.click("a[data-section=submissions]");
    await app.click("[data-testid=blank-form]");
    await answerSaveDialog("Save a blank tracking form", target);
    await app.waitFor("[data-testid=submissions-message]", { text: "Saved a blank tracking form" });
  });
  execFileSync("qpdf", ["--check", target]);
  assert.match(pdfText(target), /Mentorship Program Tracking Form/);
});
