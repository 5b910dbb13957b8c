// The mentor directory: add someone, choose them when logging hours, and remove them (asked
// first) with the entry keeping their name.
import assert from "node:assert/strict";
import { test } from "node:test";
import { scratch, waitUntil, withApp } from "./driver.mjs";

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
