// Case notes in the real window: a client whose screen says yes to a head injury is flagged and
// no session is saved until a medical clearance is recorded; a case study that names the client
// is caught; the portfolio prints codes, never names.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { answerSaveDialog, fakeViewer, scratch, waitUntil, withApp } from "./driver.mjs";

test("a head-injury client needs clearance before a session; the case study and portfolio keep the name out", async () => {
  const home = scratch("clients");
  const target = join(home.dir, "portfolio.pdf");
  const viewer = fakeViewer(home);
  await withApp(home, async (app) => {
    await app.click("[data-testid=load-demo]");
    await app.waitFor("[data-testid=credits-available]");

    await app.click("a[data-section=clients]");
    await app.click("[data-testid=add-client]");
    // Nothing is filled in for the therapist: no year of birth, no date of consent.
    assert.equal(await app.value("#client-birth_year"), "", "no year of birth is made up");
    assert.equal(await app.value("#client-consent_treatment_on"), "", "no date is made up");
    await app.type("#client-code", "C-900");
    await app.type("#client-private_name", "Ólafur Þórsson");
    await app.type("#client-private_contact", "olafur@example.is");
    await app.type("#client-consent_treatment_on", "2026-01-10");
    await app.type("#client-consent_portfolio_on", "2026-01-10");
    await app.click("[data-testid=save-client]");
    await app.waitFor("[data-testid=clients-message]", { text: "Saved client C-900" });
    assert.match(await app.text("[data-testid=client-facts]"), /^Year of birth not given/, "an unknown year stays unknown");
    await app.waitFor("[data-testid=client-row].current", { text: "No intake" });

    // Every question starts unanswered; the intake is refused until each one is answered.
    await app.click("[data-testid=start-intake]");
    assert.equal(await app.script("return document.querySelectorAll('[data-testid=intake-form] input[type=radio]:checked').length"), 0,
      "no answer is given for the therapist");
    assert.equal(await app.value("input[name=taken_on]"), "", "no date is made up");
    await app.type("input[name=taken_on]", "2026-01-10");
    await app.type("textarea[name=complaint]", "Headaches since a fall from a bicycle.");
    await app.click("input[name='screen.head_injury'][value=yes]");
    await app.waitFor("[data-testid=screen-count]", { text: "1 of 11 answered" });
    await app.click("[data-testid=save-intake]");
    await app.waitFor("[data-testid=intake-form] [role=alert]", { text: "Has the client a skull fracture" });
    assert.equal(await app.script("return document.activeElement.name"), "screen.skull_fracture", "the first unanswered question has the focus");
    await app.waitFor("[data-testid=client-row].current", { text: "No intake" });
    const others = await app.script("return [...document.querySelectorAll('[data-testid=intake-form] .question')].map((q) => q.dataset.item).filter((k) => k !== 'head_injury')");
    for (const item of others) await app.click(`input[name='screen.${item}'][value=no]`);
    await app.waitFor("[data-testid=screen-count]", { text: "11 of 11 answered" });
    assert.equal(await app.exists("[data-testid=intake-form] [role=alert]"), false, "answered, the question's error goes");
    await app.screenshot("clients-01-intake");
    await app.click("[data-testid=save-intake]");
    await app.waitFor("[data-testid=client-flag]", { text: "Contraindication flagged" });

    // Refused for lack of a clearance, the session's notes are kept and saved as a consultation.
    const notes = "Headaches since the fall; referred to her GP for a clearance. Ólafur asks about CST.";
    await app.click("[data-testid=add-session]");
    assert.equal(await app.value("#s-date"), "", "no date is made up");
    await app.type("#s-date", "2026-01-12");
    await app.type("#s-min", "30");
    await app.type("textarea[name=assessment]", notes);
    await app.click("[data-testid=save-session]");
    await app.waitFor("[data-error=clearance]");
    const refused = await app.text("[data-error=clearance]");
    assert.match(refused, /clearance/i);
    assert.match(refused, /consultation/);
    assert.ok(await app.visible("[data-error=clearance]"), "the refusal is brought into view");
    assert.equal(await app.value("textarea[name=assessment]"), notes, "nothing typed is lost");
    await app.screenshot("clients-02-session-refused");
    await app.click("[data-testid=save-as-consultation]");
    await app.waitFor("[data-testid=sessions-message]", { text: "Saved the consultation of" });
    await app.waitFor("[data-testid=session]", { text: "Consultation, no treatment" });
    assert.match(await app.text("[data-testid=session]"), /referred to her GP for a clearance/, "every character kept");
    assert.equal(await app.exists("[data-testid=session] .flag"), false, "a consultation needs no clearance");

    // One click records one clearance, even clicked twice at once; the form is empty after.
    await app.type("input[name='clearance.cleared_on']", "2026-01-14");
    await app.type("input[name='clearance.cleared_by']", "Dr. Berg, GP");
    await app.script("const b = document.querySelector('[data-testid=save-clearance]'); b.click(); b.click();");
    await app.waitFor("[data-testid=client-flag]", { text: "medically cleared" });
    await app.waitFor("[data-testid=clearance-message]", { text: "Medical clearance recorded." });
    assert.equal(await app.script("return document.querySelectorAll('[data-testid=clearance]').length"), 1, "recorded once");
    assert.equal(await app.value("input[name='clearance.cleared_by']"), "", "the form is reset");
    assert.equal(await app.value("input[name='clearance.cleared_on']"), "");
    await app.click("[data-testid=save-clearance]");
    await app.waitFor("[data-testid=clearance-form] [role=alert]");
    assert.equal(await app.script("return document.querySelectorAll('[data-testid=clearance]').length"), 1, "an empty form records nothing");

    await app.click("[data-testid=add-session]");
    await app.type("#s-date", "2026-01-15");
    await app.type("#s-min", "60");
    await app.type("textarea[name=assessment]", "Restriction at the occiput; Ólafur says the headaches ease.");
    await app.type("input[name=scale_before]", "7");
    await app.type("input[name=scale_after]", "4");
    await app.script("const b = document.querySelector('[data-testid=save-session]'); b.click(); b.click();");
    await app.waitFor("[data-testid=session]:nth-child(2)", { text: "scale 7 → 4" });
    assert.equal(await app.script("return document.querySelectorAll('[data-testid=session]').length"), 2, "saved once");
    await app.screenshot("clients-03-cleared-with-session");

    // The list is searched by private name, contact or code, case and accents aside.
    const rows = () => app.script("return [...document.querySelectorAll('[data-testid=client-row] .code')].map((c) => c.innerText)");
    const everyone = await rows();
    assert.ok(everyone.length > 1, everyone.join());
    await app.type("[data-testid=client-search]", "thorsson");
    await waitUntil(async () => (await rows()).join() === "C-900", "the search finds Þórsson by thorsson");
    await app.type("[data-testid=client-search]", "OLAFUR@EXAMPLE");
    await waitUntil(async () => (await rows()).join() === "C-900", "found by contact");
    await app.type("[data-testid=client-search]", "c-9");
    await waitUntil(async () => (await rows()).join() === "C-900", "found by code");
    await app.type("[data-testid=client-search]", "nobody-like-this");
    await app.waitFor("[data-testid=no-clients]", { text: "No client matches" });
    await app.screenshot("clients-03b-search");
    await app.type("[data-testid=client-search]", " ");
    await waitUntil(async () => (await rows()).length === everyone.length, "an empty search lists everyone");
    // A client added while a search hides them is shown, with everyone.
    await app.type("[data-testid=client-search]", "thorsson");
    await waitUntil(async () => (await rows()).join() === "C-900", "searching again");
    await app.click("[data-testid=add-client]");
    await app.type("#client-code", "C-901");
    await app.type("#client-consent_treatment_on", "2026-01-10");
    await app.click("[data-testid=save-client]");
    await app.waitFor("[data-testid=client-detail] h2", { text: "C-901" });
    await waitUntil(async () => (await rows()).length === everyone.length + 1, "the search gives way to the saved client");
    assert.equal(await app.value("[data-testid=client-search]"), "");
    const row900 = await app.script("return [...document.querySelectorAll('[data-testid=client-row]')].findIndex((r) => r.innerText.startsWith('C-900')) + 1");
    await app.click(`.list li:nth-child(${row900}) [data-testid=client-row]`);
    await app.waitFor("[data-testid=client-detail] h2", { text: "C-900" });

    await app.click("a[data-section=case-studies]");
    // The client list loads after the section shows: wait for C-900 before choosing it.
    await waitUntil(
      async () => await app.script("return [...document.querySelectorAll('[data-testid=case-client] option')].some((o) => o.text.startsWith('C-900'))"),
      "C-900 is offered for a case study",
    );
    const nth = await app.script("return [...document.querySelectorAll('[data-testid=case-client] option')].findIndex((o) => o.text.startsWith('C-900')) + 1");
    await app.click(`[data-testid=case-client] option:nth-child(${nth})`);
    const chosen = await app.script("const s = document.querySelector('[data-testid=case-client]'); return s.options[s.selectedIndex].text");
    assert.match(chosen, /C-900/);
    await app.click("[data-testid=draft-case]");
    await app.waitFor("[data-testid=case-form]");
    assert.equal(await app.value("#case-age"), "", "no age is computed from a year nobody gave");
    assert.match(await app.text("[data-testid=case-age-hint]"), /Not given/);
    assert.equal(await app.value("#case-count"), "1", "the consultation was no treatment");
    await app.type("#case-discussion", "The occipital release eased the dural tension behind the headaches.");
    const cases = await app.script("return document.querySelectorAll('[data-testid=case-card]').length");
    await app.script("const b = document.querySelector('[data-testid=save-case]'); b.click(); b.click();");
    await app.waitFor("[data-testid=case-hits]", { text: "names the client" });
    await waitUntil(async () => (await app.script("return document.querySelectorAll('[data-testid=case-card]').length")) === cases + 1, "the case study is listed");
    assert.equal(await app.script("return document.querySelectorAll('[data-testid=case-card]').length"), cases + 1, "two clicks at once save one case study");
    await app.screenshot("clients-04-case-study-names-client");
    await app.type("textarea[name='evaluations.0.text']", "Restriction at the occiput; the client says the headaches ease.");
    await app.click("[data-testid=save-case]");
    await app.waitFor("[data-testid=case-message]", { text: "Saved" });

    await app.click("a[data-section=portfolio]");
    await app.waitFor("[data-testid=portfolio-case]");
    await app.click("[data-testid=open-portfolio]");
    await waitUntil(() => viewer.opened().length === 1, "the portfolio was not opened in the viewer");
    assert.match(viewer.opened()[0], /\.pdf$/);
    await app.screenshot("clients-05-portfolio");
    await app.click("[data-testid=save-portfolio]");
    await answerSaveDialog("Save the certification portfolio", target);
    await app.waitFor("[data-testid=portfolio-message]", { text: "Saved your portfolio" });
  }, { env: viewer.env });
  execFileSync("qpdf", ["--check", target]);
  const text = execFileSync("pdftotext", [target, "-"], { encoding: "utf8" });
  assert.match(text, /C-900/);
  assert.match(text, /Age\s+not given/, "the portfolio says the age is not given");
  for (const name of ["Ólafur", "Þórsson", "olafur@example.is", "Ingrid Solberg", "Jonas Bakke"]) {
    assert.ok(!text.includes(name), `the portfolio must not print ${name}`);
  }
  assert.ok(readFileSync(target).length > 1000);
});

test("a session is edited under the same clearance rule and deleted only when confirmed", async () => {
  const home = scratch("sessions");
  await withApp(home, async (app) => {
    await app.click("[data-testid=load-demo]");
    await app.waitFor("[data-testid=credits-available]");
    await app.click("a[data-section=clients]");
    await app.waitFor("[data-testid=client-row]", { text: "C-001" });
    const openClient = async (code) => {
      const nth = await app.script("return [...document.querySelectorAll('[data-testid=client-row]')].findIndex((r) => r.innerText.startsWith(arguments[0])) + 1", [code]);
      await app.click(`.list li:nth-child(${nth}) [data-testid=client-row]`);
      await app.waitFor("[data-testid=client-detail] h2", { text: code });
    };
    const sessions = () => app.script("return [...document.querySelectorAll('[data-testid=session]')].map((s) => s.innerText)");
    await openClient("C-002");
    const before = await sessions();
    assert.equal(before.length, 4);
    const first = "[data-testid=session]:nth-child(1)";

    // C-002 is flagged and cleared on 14 April 2025: an edit moving a session before that is refused.
    await app.click(`${first} [data-testid=edit-session]`);
    await app.waitFor("#session-form-title", { text: "Edit session with C-002" });
    assert.equal(await app.value("#s-date"), await app.fieldDate("2025-04-16"));
    assert.equal(await app.value("#s-min"), "60");
    assert.match(await app.value("#s-assessment"), /Post-concussion pattern/);
    await app.type("#s-date", "2025-04-12");
    await app.click("[data-testid=save-session]");
    await app.waitFor("[data-error=clearance]", { text: "medical clearance" });
    assert.match(await app.text("[data-error=clearance]"), /C-002 is flagged at intake/);
    assert.ok(await app.visible("[data-error=clearance]"), "the refusal is brought into view");
    await app.screenshot("sessions-01-edit-refused");
    await app.click("[data-testid=session-form] .close");
    // The form holds the refused changes: closing it asks first.
    await app.click("[data-testid=discard-changes]");
    await openClient("C-001");
    await openClient("C-002");
    assert.deepEqual(await sessions(), before, "the refused edit changed nothing");

    await app.click(`${first} [data-testid=edit-session]`);
    await app.type("#s-min", "50");
    await app.type("#s-after", "4");
    await app.click("[data-testid=save-session]");
    const sixteenth = await app.shownDate("2025-04-16");
    await app.waitFor("[data-testid=sessions-message]", { text: `Saved the changes to the session of ${sixteenth}.` });
    assert.ok(await app.visible("[data-testid=sessions-message]"), "the message is in view");
    await app.waitFor(first, { text: "scale 6 → 4" });
    assert.match(await app.text(first), /50 min/);
    assert.equal((await sessions()).length, 4, "changed, not added");
    await app.screenshot("sessions-02-edited");

    const last = "[data-testid=session]:nth-child(4)";
    await app.click(`${last} [data-testid=delete-session]`);
    await app.waitFor(`${last} [data-testid=keep-session]`);
    await app.screenshot("sessions-03-delete-asks");
    await app.click(`${last} [data-testid=keep-session]`);
    await app.waitFor(`${last} [data-testid=delete-session]`);
    assert.equal((await sessions()).length, 4, "Keep deletes nothing");

    await app.click(`${last} [data-testid=delete-session]`);
    await app.click(`${last} [data-testid=confirm-delete-session]`);
    const lastDay = await app.shownDate("2025-05-28");
    await app.waitFor("[data-testid=sessions-message]", { text: `Deleted the session of ${lastDay} with C-002.` });
    assert.ok(await app.visible("[data-testid=sessions-message]"), "the message is in view");
    const after = await sessions();
    assert.equal(after.length, 3);
    assert.ok(after.every((s) => !s.includes(lastDay)), "the deleted session is gone");
    await app.waitFor("[data-testid=client-row].current", { text: "3 sessions" });
    await app.screenshot("sessions-04-deleted");

    // A session deleted elsewhere while its form is open: the refusal is said in the form.
    await app.click(`${first} [data-testid=edit-session]`);
    await app.waitFor("#session-form-title", { text: "Edit session with C-002" });
    execFileSync("python3", ["-c", `import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("DELETE FROM sessions WHERE date = '2025-04-16' AND client_id = (SELECT id FROM clients WHERE code = 'C-002')")
db.commit()`, home.db]);
    await app.click("[data-testid=save-session]");
    await app.waitFor("[data-testid=panel-problem]", { text: "That session was not found" });
    assert.ok(await app.visible("[data-testid=panel-problem]"), "said in the open form");
    await app.screenshot("sessions-05-gone-elsewhere");
    await app.click("[data-testid=session-form] .close");
    assert.equal(await app.exists("[role=alert]"), false, "closing the form puts the message away");

    // A clearance recorded by mistake is removed after a confirmation; the sessions it covered
    // then show as not cleared.
    const cleared = await app.text("[data-testid=clearance]");
    assert.ok(cleared.startsWith(await app.shownDate("2025-04-14")), cleared);
    await app.click("[data-testid=delete-clearance]");
    await app.waitFor("[data-testid=clearance]", { text: "Delete this clearance? Sessions no other clearance covers will show as not cleared." });
    await app.click("[data-testid=keep-clearance]");
    await app.waitFor("[data-testid=delete-clearance]");
    assert.equal(await app.exists("[data-testid=session] .flag"), false, "Keep removes nothing");
    await app.click("[data-testid=delete-clearance]");
    await app.click("[data-testid=confirm-delete-clearance]");
    const by = "Dr Live Aas, general practitioner"; // the demo's clearance of C-002
    assert.match(cleared, new RegExp(by));
    await app.waitFor("[data-testid=clearance-message]", { text: `Deleted the clearance of ${await app.shownDate("2025-04-14")} by ${by}.` });
    assert.ok(await app.visible("[data-testid=clearance-message]"));
    assert.equal(await app.exists("[data-testid=clearance]"), false);
    await app.waitFor("[data-testid=client-flag] strong", { text: "Contraindication flagged" });
    await app.waitFor("[data-testid=session] .flag", { text: "Not cleared" });
    await app.screenshot("sessions-06-clearance-removed");
  });
});

test("an intake saved by the old form, every answer preset to No, needs review before treatment", async () => {
  // A record of schema 7, as Stillpoint 0.7 left it: C-001's screen says yes to a head injury
  // and no to a skull fracture, the form having preset every answer to No; a clearance is
  // recorded from 12 January 2025.
  const home = scratch("preset-intake");
  const v7 = join(import.meta.dirname, "../../src-tauri/core/tests/schemas/v7.sql");
  execFileSync("python3", ["-c", "import sqlite3, sys; sqlite3.connect(sys.argv[1]).executescript(open(sys.argv[2]).read())", home.db, v7]);
  await withApp(home, async (app) => {
    await app.click("a[data-section=clients]");
    await app.waitFor("[data-testid=client-row]", { text: "Screen incomplete" });
    await app.click("[data-testid=client-row]");
    await app.waitFor("[data-testid=client-flag]", { text: "needs review" });
    const flag = await app.text("[data-testid=client-flag]");
    assert.match(flag, /Recent head injury or concussion \(yes\)/, "the yes was chosen and stands");
    assert.match(flag, /Skull fracture \(not answered\)/, "a preset No is not an answer");
    assert.match(flag, /Cleared by Dr Anna Berg, GP/, "the clearance recorded still clears");
    await app.screenshot("clients-06-preset-needs-review");

    // Treatment before the clearance is refused with a sentence saying to review the screen.
    await app.click("[data-testid=add-session]");
    await app.type("#s-date", "2025-01-11");
    await app.type("#s-min", "45");
    await app.type("textarea[name=subjective]", "Asks whether CST is safe after the fall.");
    await app.click("[data-testid=save-session]");
    await app.waitFor("[data-error=clearance]", { text: "Review the screen" });
    await app.click("[data-testid=save-as-consultation]");
    await app.waitFor("[data-testid=sessions-message]", { text: "Saved the consultation of" });

    // Reviewed: only the answers chosen come back; the rest are answered again.
    await app.click("[data-testid=edit-intake]");
    await app.waitFor("[data-testid=screen-review]");
    assert.deepEqual(
      await app.script("return [...document.querySelectorAll('[data-testid=intake-form] input[type=radio]:checked')].map((r) => r.name + '=' + r.value)"),
      ["screen.head_injury=yes"],
      "no preset answer is offered again",
    );
    const others = await app.script("return [...document.querySelectorAll('[data-testid=intake-form] .question')].map((q) => q.dataset.item).filter((k) => k !== 'head_injury')");
    for (const item of others) await app.click(`input[name='screen.${item}'][value=no]`);
    await app.click("[data-testid=save-intake]");
    await app.waitFor("[data-testid=client-flag] strong", { text: "Contraindication — medically cleared" });
    assert.doesNotMatch(await app.text("[data-testid=client-flag]"), /needs review|not answered/);
    await app.waitFor("[data-testid=client-row]", { text: "Cleared" });
  });
});
