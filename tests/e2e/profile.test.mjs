// The practitioner profile, the way a therapist fills it in: in the real window, across a restart.
import assert from "node:assert/strict";
import { test } from "node:test";
import { scratch, withApp } from "./driver.mjs";

const profile = {
  name: "Zoë Ångström-Núñez",
  credentials: "LMT, CST",
  member_id: "IAHE-99120",
  email: "zoe@example.org",
  phone: "+353 21 555 0199",
};

test("a profile filled in on a first start is there after a restart", async () => {
  const home = scratch("profile");

  await withApp(home, async (app) => {
    await app.waitFor("[data-testid=welcome]");
    await app.screenshot("01-first-start");
    await app.click("[data-testid=start-profile]");
    await app.waitFor("[data-testid=profile-form]");
    for (const [field, value] of Object.entries(profile)) await app.type(`#${field}`, value);
    await app.type("#address", "12 Harbour Road\uE007Cork"); // Enter between the lines
    await app.screenshot("02-profile-filled");
    await app.click("[data-testid=save-profile]");
    await app.waitFor("[data-testid=profile-status]", { text: "Profile saved." });
    await app.screenshot("03-profile-saved");
  });

  await withApp(home, async (app) => {
    await app.waitFor("[data-testid=greeting]", { text: profile.name });
    assert.match(await app.text("main"), /LMT, CST/);
    await app.screenshot("04-dashboard-after-restart");
    await app.click("a[data-section=settings]");
    await app.waitFor("[data-testid=profile-form]");
    for (const [field, value] of Object.entries(profile)) assert.equal(await app.value(`#${field}`), value, field);
    assert.equal(await app.value("#address"), "12 Harbour Road\nCork");
  });
});

test("an invalid email is shown at the field and nothing is saved", async () => {
  const home = scratch("bad-email");

  await withApp(home, async (app) => {
    await app.click("[data-testid=start-profile]");
    await app.type("#name", "Олена Коваленко");
    await app.type("#email", "olena at example");
    await app.click("[data-testid=save-profile]");
    await app.waitFor("#email-error", { text: "email address" });
    assert.equal(await app.attribute("#email", "aria-invalid"), "true");
    assert.equal(await app.activeElementId(), "email", "the wrong field gets the focus");
    assert.ok(!(await app.exists("#name-error")), "only the wrong field shows an error");
    await app.screenshot("05-invalid-email");
  });

  await withApp(home, async (app) => {
    await app.waitFor("[data-testid=welcome]");
  });
});

test("the sidebar is usable from the keyboard", async () => {
  const home = scratch("keyboard");

  await withApp(home, async (app) => {
    await app.waitFor("[data-testid=welcome]");
    await app.script("document.querySelector('a[data-section=dashboard]').focus()");
    for (let i = 0; i < 4; i++) await app.keys("\uE015"); // ArrowDown
    assert.equal(await app.script("return document.activeElement.dataset.section"), "calendar");
    await app.keys("\uE007"); // Enter
    // The last section to be built, the Calendar, opens like every other.
    await app.waitFor("main h1", { text: "Calendar" });
    await app.waitFor("[data-testid=month-grid]");
    await app.screenshot("06-calendar-from-the-keyboard");
  });
});

test("demo data can be loaded from the first screen", async () => {
  const home = scratch("demo");

  await withApp(home, async (app) => {
    await app.click("[data-testid=load-demo]");
    await app.waitFor("[data-testid=greeting]", { text: "Maren" });
    await app.screenshot("07-demo-dashboard");
  });
});

test("the window follows the system's dark theme", async () => {
  const home = scratch("dark");

  await withApp(
    home,
    async (app) => {
      await app.waitFor("[data-testid=welcome]");
      assert.equal(await app.script("return matchMedia('(prefers-color-scheme: dark)').matches"), true);
      const background = await app.script("return getComputedStyle(document.body).backgroundColor");
      assert.equal(background, "rgb(17, 26, 29)", "the dark palette is applied");
      await app.click("[data-testid=start-profile]");
      await app.type("#name", "Ελένη Παπαδοπούλου");
      await app.type("#email", "eleni@");
      await app.click("[data-testid=save-profile]");
      await app.waitFor("#email-error");
      await app.screenshot("08-dark-theme-settings");
    },
    { env: { GTK_THEME: "Adwaita:dark" } },
  );
});

test("the app as shipped (software compositing) saves and shows the profile", async () => {
  const home = scratch("shipped");

  await withApp(
    home,
    async (app) => {
      await app.click("[data-testid=start-profile]");
      await app.type("#name", "田中 花子");
      await app.click("[data-testid=save-profile]");
      await app.waitFor("[data-testid=profile-status]", { text: "Profile saved." });
      await app.click("a[data-section=dashboard]");
      await app.waitFor("[data-testid=greeting]", { text: "田中 花子" });
    },
    { shippedCompositing: true },
  );
});
