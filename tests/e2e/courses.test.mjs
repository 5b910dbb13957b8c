// The training record in the real window: exams and presentations are changed where they are
// listed, a change the engine refuses is shown at its field and saves nothing, and a delete asks
// first.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { scratch, withApp } from "./driver.mjs";

const rows = (app, kind) => app.script(`return [...document.querySelectorAll('[data-testid=${kind}-row]')].map((r) => r.innerText)`);

/** Leaves the view and comes back, so the lists are read from the engine again. */
async function reopenCourses(app) {
  await app.click("a[data-section=dashboard]");
  await app.waitFor("[data-testid=credits-available]");
  await app.click("a[data-section=courses]");
  await app.waitFor("[data-testid=readiness-techniques]");
}

test("an exam is edited, refused at its field, added and deleted after a confirmation", async () => {
  const home = scratch("exams");
  await withApp(home, async (app) => {
    await app.click("[data-testid=load-demo]");
    await app.waitFor("[data-testid=credits-available]");
    await app.click("a[data-section=courses]");
    await app.waitFor("[data-testid=exam-row]");
    assert.equal((await rows(app, "exam")).length, 2);
    const objective = "[data-testid=exam-row]:nth-child(2)";

    await app.click(`${objective} [data-testid=edit-exam]`);
    await app.waitFor("#exam-form-title", { text: "Edit exam" });
    assert.equal(await app.value("#exam-kind"), "techniques_objective");
    assert.equal(await app.value("#exam-passed_on"), await app.fieldDate("2025-03-05"));
    await app.type("#exam-note", "Marked by Karin Holm");
    await app.click("[data-testid=save-exam]");
    await app.waitFor("[data-testid=courses-message]", { text: "Saved Techniques: objective exam." });
    await app.waitFor(objective, { text: "(Marked by Karin Holm)" });
    assert.equal((await rows(app, "exam")).length, 2, "changed, not added");

    await app.click(`${objective} [data-testid=edit-exam]`);
    await app.type("#exam-passed_on", "2099-01-01");
    await app.click("[data-testid=save-exam]");
    await app.waitFor("[data-error=passed_on]", { text: "in the future" });
    assert.ok(await app.visible("[data-error=passed_on]"));
    assert.equal(await app.attribute("#exam-passed_on", "aria-invalid"), "true");
    await app.screenshot("courses-01-exam-edit-refused");
    await app.click("[data-testid=exam-form] .close");
    // The form holds the refused changes: closing it asks first.
    await app.click("[data-testid=discard-changes]");
    const saved = await rows(app, "exam");
    await reopenCourses(app);
    assert.deepEqual(await rows(app, "exam"), saved, "the refused edit changed nothing");
    assert.match(saved[1], new RegExp(`${await app.shownDate("2025-03-05")} \\(Marked by Karin Holm\\)`));

    // After an edit, "Add an exam" still adds one.
    await app.click("[data-testid=add-exam]");
    await app.waitFor("#exam-form-title", { text: "Add an exam" });
    assert.equal(await app.value("#exam-note"), "");
    assert.equal(await app.value("#exam-passed_on"), "", "no date is made up");
    await app.click("#exam-kind option[value=techniques_practical]");
    await app.type("#exam-passed_on", "2025-09-01");
    await app.click("[data-testid=save-exam]");
    await app.waitFor("[data-testid=courses-message]", { text: "Saved Techniques: practical exam." });
    const passed = await app.shownDate("2025-09-01");
    // The checklist is worded by the engine, in its own date format.
    await app.waitFor("[data-testid=readiness-techniques]", { text: "Passed 1 September 2025." });
    assert.equal((await rows(app, "exam")).length, 3);
    await app.screenshot("courses-02-exams");

    const practical = "[data-testid=exam-row]:nth-child(3)";
    await app.click(`${practical} [data-testid=delete-exam]`);
    await app.waitFor(`${practical} [data-testid=keep-exam]`);
    await app.screenshot("courses-03-exam-delete-asks");
    await app.click(`${practical} [data-testid=keep-exam]`);
    await app.waitFor(`${practical} [data-testid=delete-exam]`);
    assert.equal((await rows(app, "exam")).length, 3, "Keep deletes nothing");

    await app.click(`${practical} [data-testid=delete-exam]`);
    await app.click(`${practical} [data-testid=confirm-delete-exam]`);
    await app.waitFor("[data-testid=courses-message]", { text: `Deleted Techniques: practical exam, passed ${passed}.` });
    assert.ok(await app.visible("[data-testid=courses-message]"), "the message is in view, in the exams' list");
    assert.equal((await rows(app, "exam")).length, 2);
    assert.ok(!(await app.text("[data-testid=readiness-techniques]")).includes("Passed 1 September 2025."), "readiness follows");
    await reopenCourses(app);
    assert.equal((await rows(app, "exam")).length, 2, "deleted in the engine, not only on screen");
  });
});

test("a presentation is edited, refused at its field and deleted after a confirmation", async () => {
  const home = scratch("presentations");
  await withApp(home, async (app) => {
    await app.click("[data-testid=load-demo]");
    await app.waitFor("[data-testid=credits-available]");
    await app.click("a[data-section=courses]");
    await app.waitFor("[data-testid=presentation-row]");
    assert.equal((await rows(app, "presentation")).length, 1);
    const talk = "[data-testid=presentation-row]:nth-child(1)";

    await app.click(`${talk} [data-testid=edit-presentation]`);
    await app.waitFor("#presentation-form-title", { text: "Edit presentation" });
    assert.equal(await app.value("#pres-given_on"), await app.fieldDate("2025-11-05"));
    assert.equal(await app.value("#pres-hours"), "2:00");
    assert.equal(await app.value("#pres-audience"), "Midwives' association, Trondheim");
    await app.type("#pres-title", "CranioSacral Therapy in pregnancy and birth");
    await app.type("#pres-hours", "2:30");
    await app.click("[data-testid=save-presentation]");
    await app.waitFor("[data-testid=courses-message]", { text: 'Saved "CranioSacral Therapy in pregnancy and birth".' });
    await app.waitFor(talk, { text: "CranioSacral Therapy in pregnancy and birth, 2 h 30 min" });
    assert.equal((await rows(app, "presentation")).length, 1, "changed, not added");

    await app.click(`${talk} [data-testid=edit-presentation]`);
    await app.type("#pres-hours", "0");
    await app.click("[data-testid=save-presentation]");
    await app.waitFor("[data-error=hours]", { text: "more than 0 hours" });
    assert.ok(await app.visible("[data-error=hours]"));
    assert.equal(await app.attribute("#pres-hours", "aria-invalid"), "true");
    await app.screenshot("courses-04-presentation-edit-refused");
    await app.click("[data-testid=presentation-form] .close");
    // The form holds the refused changes: closing it asks first.
    await app.click("[data-testid=discard-changes]");
    const saved = await rows(app, "presentation");
    await reopenCourses(app);
    assert.deepEqual(await rows(app, "presentation"), saved, "the refused edit changed nothing");
    assert.match(saved[0], /2 h 30 min/);

    await app.click(`${talk} [data-testid=delete-presentation]`);
    await app.click(`${talk} [data-testid=keep-presentation]`);
    await app.waitFor(`${talk} [data-testid=delete-presentation]`);
    assert.equal((await rows(app, "presentation")).length, 1, "Keep deletes nothing");

    await app.click(`${talk} [data-testid=delete-presentation]`);
    await app.click(`${talk} [data-testid=confirm-delete-presentation]`);
    const day = await app.shownDate("2025-11-05");
    await app.waitFor("[data-testid=courses-message]", { text: `Deleted the presentation "CranioSacral Therapy in pregnancy and birth" of ${day}.` });
    assert.ok(await app.visible("[data-testid=courses-message]"), "the message is in view, in the presentations' list");
    assert.equal((await rows(app, "presentation")).length, 0);
    await app.screenshot("courses-05-presentation-deleted");
    await reopenCourses(app);
    assert.equal((await rows(app, "presentation")).length, 0, "deleted in the engine, not only on screen");
  });
});

test("a course is deleted, with its certificate, only when confirmed", async () => {
  const home = scratch("courses");
  await withApp(home, async (app) => {
    await app.click("[data-testid=load-demo]");
    await app.waitFor("[data-testid=credits-available]");
    await app.click("a[data-section=courses]");
    await app.waitFor("[data-testid=course-row]");
    const nth = 1;
    const row = `[data-testid=course-row]:nth-child(${nth})`;
    // The certificate, attached as the therapist would: in the course's form.
    await app.click(`${row} [data-testid=edit-course]`);
    await app.waitFor("#course-form-title", { text: "Edit course" });
    await app.upload("[data-testid=attach-file]", join(import.meta.dirname, "fixtures", "certificate.pdf"));
    await app.waitFor("[data-testid=attachment]", { text: "certificate.pdf" });
    await app.click("[data-testid=course-form] .close");
    await reopenCourses(app);
    const before = await rows(app, "course");
    assert.ok(before.length >= 2, "the demo has courses");
    assert.match(before[nth - 1], /1 file/);
    const title = before[nth - 1].split("\t")[0].replace(" (preceptor)", "");

    await app.click(`${row} [data-testid=delete-course]`);
    await app.waitFor(`${row} [data-testid=confirm-delete-course]`);
    await app.screenshot("courses-06-course-delete-asks");
    await app.click(`${row} [data-testid=keep-course]`);
    await app.waitFor(`${row} [data-testid=delete-course]`);
    assert.deepEqual(await rows(app, "course"), before, "Keep deletes nothing");

    await app.click(`${row} [data-testid=delete-course]`);
    await app.click(`${row} [data-testid=confirm-delete-course]`);
    await app.waitFor("[data-testid=courses-message]", { text: `Deleted ${title} and its certificate.` });
    assert.ok(await app.visible("[data-testid=courses-message]"));
    await app.screenshot("courses-07-course-deleted");
    await reopenCourses(app);
    const after = await rows(app, "course");
    assert.equal(after.length, before.length - 1, "deleted in the engine, not only on screen");
    assert.deepEqual(after, before.filter((_, i) => i !== nth - 1));
  });
});

test("a course is added with its certificate in one go, undated until the therapist types, and saved once", async () => {
  const home = scratch("course-add");
  await withApp(home, async (app) => {
    await app.click("a[data-section=courses]");
    await app.waitFor("[data-testid=readiness-techniques]");
    assert.equal((await rows(app, "course")).length, 0);
    await app.click("[data-testid=add-course]");
    await app.waitFor("#course-form-title", { text: "Add a course" });
    assert.equal(await app.value("#course-started_on"), "", "no date is made up");
    assert.equal(await app.value("#course-finished_on"), "");
    const chosenRoles = "return document.querySelectorAll('[data-testid=course-form] input[name=role]:checked').length";
    assert.equal(await app.script(chosenRoles), 0, "taking or assisting is the therapist's to say");
    await app.click("#course-kind option:nth-child(2)");
    await app.type("#course-started_on", "2025-03-13");
    await app.type("#course-finished_on", "2025-03-16");
    await app.type("#course-instructor", "Karin Holm");
    await app.type("#course-hours", "27:30");
    // The certificate is chosen before the course exists; it is attached when it is saved.
    await app.upload("[data-testid=attach-file]", join(import.meta.dirname, "fixtures", "certificate.pdf"));
    await app.waitFor("[data-testid=course-form]", { text: "certificate.pdf" });
    await app.screenshot("courses-08-add-with-certificate");
    await app.click("[data-testid=save-course]");
    await app.waitFor("[data-error=role]", { text: "took the course or assisted" });
    assert.equal(await app.value("#course-instructor"), "Karin Holm", "a refusal keeps what was typed");
    await app.waitFor("[data-testid=course-form]", { text: "certificate.pdf" });
    await app.click("[data-testid=course-form] input[name=role][value=participant]");
    await app.script("const b = document.querySelector('[data-testid=save-course]'); b.click(); b.click();");
    await app.waitFor("[data-testid=courses-message]", { text: "with its certificate." });
    assert.equal(await app.exists("[data-testid=course-form]"), false, "the form closes after saving");
    const added = await rows(app, "course");
    assert.equal(added.length, 1, "two clicks at once save one course");
    assert.match(added[0], /1 file/);
    await app.click("a[data-section=mentors]");
    await app.waitFor("[data-testid=add-mentor]");
    await app.click("a[data-section=courses]");
    await app.waitFor("[data-testid=course-row]");
    assert.match((await rows(app, "course"))[0], /1 file/, "attached in the engine, not only on screen");

    // The next new course starts empty again, with no certificate carried over.
    await app.click("[data-testid=add-course]");
    await app.waitFor("#course-form-title", { text: "Add a course" });
    assert.equal(await app.value("#course-instructor"), "");
    assert.equal(await app.exists("[data-testid=course-form] [data-testid=attachment]"), false);
    assert.ok(!(await app.text("[data-testid=course-form]")).includes("certificate.pdf"));
  });
});
