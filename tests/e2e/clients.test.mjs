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
    await app.type("#client-code", "C-900");
    await app.type("#client-private_name", "Ólafur Þórsson");
    await app.type("#client-private_contact", "olafur@example.is");
    await app.type("#client-consent_treatment_on", "2026-01-10");
    await app.type("#client-consent_portfolio_on", "2026-01-10");
    await app.type("#client-birth_year", "1975");
    await app.click("[data-testid=save-client]");
    await app.waitFor("[data-testid=clients-message]", { text: "Saved client C-900" });

    await app.click("[data-testid=start-intake]");
    await app.type("textarea[name=complaint]", "Headaches since a fall from a bicycle.");
    await app.click("input[name='screen.head_injury'][value=yes]");
    await app.screenshot("clients-01-intake");
    await app.click("[data-testid=save-intake]");
    await app.waitFor("[data-testid=client-flag]", { text: "Contraindication flagged" });

    await app.click("[data-testid=add-session]");
    await app.type("textarea[name=assessment]", "Restriction at the occiput; Ólafur says the headaches ease.");
    await app.type("input[name=scale_before]", "7");
    await app.type("input[name=scale_after]", "4");
    await app.click("[data-testid=save-session]");
    await app.waitFor("[data-error=clearance]");
    const refused = await app.text("[data-error=clearance]");
    assert.match(refused, /clearance/i);
    await app.screenshot("clients-02-session-refused");
    await app.click("[data-testid=session-form] .close");
    assert.equal(await app.script("return document.querySelectorAll('[data-testid=session]').length"), 0, "nothing saved");

    await app.type("input[name='clearance.cleared_by']", "Dr. Berg, GP");
    await app.click("[data-testid=save-clearance]");
    await app.waitFor("[data-testid=client-flag]", { text: "medically cleared" });
    await app.click("[data-testid=add-session]");
    await app.type("textarea[name=assessment]", "Restriction at the occiput; Ólafur says the headaches ease.");
    await app.type("input[name=scale_before]", "7");
    await app.type("input[name=scale_after]", "4");
    await app.click("[data-testid=save-session]");
    await app.waitFor("[data-testid=session]", { text: "scale 7 → 4" });
    await app.screenshot("clients-03-cleared-with-session");

    await app.click("a[data-section=case-studies]");
    const nth = await app.script("return [...document.querySelectorAll('[data-testid=case-client] option')].findIndex((o) => o.text.startsWith('C-900')) + 1");
    await app.click(`[data-testid=case-client] option:nth-child(${nth})`);
    const chosen = await app.script("const s = document.querySelector('[data-testid=case-client]'); return s.options[s.selectedIndex].text");
    assert.match(chosen, /C-900/);
    await app.click("[data-testid=draft-case]");
    await app.waitFor("[data-testid=case-form]");
    await app.type("#case-discussion", "The occipital release eased the dural tension behind the headaches.");
    await app.click("[data-testid=save-case]");
    await app.waitFor("[data-testid=case-hits]", { text: "names the client" });
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
  for (const name of ["Ólafur", "Þórsson", "olafur@example.is", "Ingrid Solberg", "Jonas Bakke"]) {
    assert.ok(!text.includes(name), `the portfolio must not print ${name}`);
  }
  assert.ok(readFileSync(target).length > 1000);
});
