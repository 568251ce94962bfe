import { expect, test, type Page } from "@playwright/test";
import { totpAt } from "@/lib/users/totp";
import { DEMO_PASSWORD, signIn } from "./helpers";

/**
 * The sign-in's own security, as people meet it: an admin resets a forgotten password and the
 * colleague must choose a new one (a weak one is refused with the reason); a controller sets up
 * two-step sign-in, then signs in with a code from the app and with a recovery code. Uses demo
 * users no other journey signs in as (viewer2, controller3).
 */
const VIEWER2 = "viewer2@dunning.test";
const CONTROLLER3 = "controller3@dunning.test";

async function passwordStep(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
}

test("an admin resets a password; the colleague signs in with it and must choose a strong one of their own", async ({ page, browser }) => {
  // viewer2 is signed in somewhere: the reset ends that session.
  const elsewhere = await browser.newContext();
  const elsewherePage = await elsewhere.newPage();
  await passwordStep(elsewherePage, VIEWER2, DEMO_PASSWORD);
  await expect(elsewherePage).toHaveURL(/\/worklist/);

  await signIn(page, "admin");
  await page.goto("/settings#users");
  const row = page.getByTestId("users-table").locator("tr", { hasText: VIEWER2 });
  page.once("dialog", (d) => void d.accept());
  await row.getByRole("button", { name: "Wachtwoord resetten" }).click();
  const shown = page.getByRole("status").filter({ hasText: "Tijdelijk wachtwoord" });
  await expect(shown).toBeVisible();
  const temporary = (await shown.textContent())!.match(/: ([a-z2-9]{4}(?:-[a-z2-9]{4}){3})\./)![1]!;
  await expect(row).toContainText("kiest nieuw wachtwoord");

  await elsewherePage.goto("/worklist");
  await expect(elsewherePage).toHaveURL(/\/sign-in/);
  await elsewhere.close();

  // The old password no longer works; the temporary one leads only to "choose a new password".
  const colleague = await browser.newContext();
  const p = await colleague.newPage();
  await passwordStep(p, VIEWER2, DEMO_PASSWORD);
  await expect(p.getByRole("alert").filter({ hasText: "onjuist" })).toHaveText("E-mailadres of wachtwoord onjuist.");
  await passwordStep(p, VIEWER2, temporary);
  await expect(p).toHaveURL(/\/account\/security/);
  await expect(p.getByRole("heading", { name: "Kies een nieuw wachtwoord" })).toBeVisible();
  await p.goto("/debtors");
  await expect(p).toHaveURL(/\/account\/security/);

  const form = p.getByTestId("change-password-form");
  await form.getByLabel("Huidig wachtwoord").fill(temporary);
  await form.getByLabel("Nieuw wachtwoord").fill("Welkom2026!!");
  await form.getByRole("button", { name: "Wachtwoord wijzigen" }).click();
  await expect(form).toContainText("lijst van veelgebruikte en gelekte wachtwoorden");
  await form.getByLabel("Huidig wachtwoord").fill(temporary);
  await form.getByLabel("Nieuw wachtwoord").fill("Joost leest graag detectives");
  await form.getByRole("button", { name: "Wachtwoord wijzigen" }).click();
  await expect(p).toHaveURL(/\/worklist/);
  await expect(p.getByTestId("current-user")).toBeVisible();
  await colleague.close();
});

test("a controller sets up two-step sign-in and signs in with the app's code, then with a recovery code", async ({ page, browser }) => {
  // A second session of the same user, opened with the password only: it ends when two-step sign-in goes on.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await passwordStep(otherPage, CONTROLLER3, DEMO_PASSWORD);
  await expect(otherPage).toHaveURL(/\/worklist/);

  await passwordStep(page, CONTROLLER3, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/worklist/);
  await page.goto("/settings#security");
  const panel = page.getByTestId("two-factor-off");
  await panel.getByRole("button", { name: "Instellen" }).click();
  const secret = (await page.getByTestId("two-factor-secret").textContent())!.replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByRole("img", { name: "Openen in authenticator-app" })).toBeVisible();
  await page.getByLabel("Code uit de app").fill("000000" === totpAt(secret, new Date()) ? "111111" : "000000");
  await page.getByRole("button", { name: "Bevestigen" }).click();
  await expect(page.getByText("Deze code klopt niet of is al gebruikt.")).toBeVisible();
  await page.getByLabel("Code uit de app").fill(totpAt(secret, new Date()));
  await page.getByRole("button", { name: "Bevestigen" }).click();
  const codes = page.getByTestId("recovery-codes").locator("li");
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.nth(0).textContent())!;

  await otherPage.goto("/worklist");
  await expect(otherPage).toHaveURL(/\/sign-in/);
  await other.close();

  // Sign out; the password alone now leads to the second step, and nothing else opens.
  await page.getByRole("button", { name: "Afmelden" }).click();
  await passwordStep(page, CONTROLLER3, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/sign-in\/two-factor/);
  await page.goto("/worklist");
  await expect(page).toHaveURL(/\/sign-in\/two-factor/);
  await page.getByLabel("Code").fill("123456" === totpAt(secret, new Date()) ? "654321" : "123456");
  await page.getByRole("button", { name: "Aanmelden" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Deze code" })).toContainText("Deze code klopt niet of is al gebruikt.");
  // The enrolment used this step's code; the app's next code is accepted (phones run a little ahead).
  await page.getByLabel("Code").fill(totpAt(secret, new Date(Date.now() + 30_000)));
  await page.getByRole("button", { name: "Aanmelden" }).click();
  await expect(page).toHaveURL(/\/worklist/);
  await expect(page.getByTestId("current-user")).toBeVisible();

  // Without the phone: a recovery code, once; the page says how many are left.
  await page.getByRole("button", { name: "Afmelden" }).click();
  await passwordStep(page, CONTROLLER3, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/sign-in\/two-factor/);
  await page.getByLabel("Code").fill(recovery);
  await page.getByRole("button", { name: "Aanmelden" }).click();
  await expect(page.getByRole("status").filter({ hasText: "herstelcode" })).toContainText("Nog 9 over");
  await expect(page).toHaveURL(/\/worklist/);
  await page.goto("/settings#security");
  await expect(page.getByTestId("two-factor-on")).toContainText("Herstelcodes over: 9");
});
