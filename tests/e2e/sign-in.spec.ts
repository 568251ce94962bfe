import { expect, test } from "@playwright/test";
import { LOGINS, signIn } from "./helpers";

test.describe("signing in", () => {
  for (const [role, label, hasDashboard] of [
    ["admin", "Beheerder", true],
    ["manager", "Manager", true],
    ["controller", "Debiteurenbeheerder", true],
    ["viewer", "Meelezer", false],
  ] as const) {
    test(`a ${role} signs in, sees their role and the sections it allows`, async ({ page }) => {
      await signIn(page, role);
      await expect(page.getByTestId("current-user")).toContainText(label);
      const nav = page.getByRole("navigation", { name: "Hoofdnavigatie" });
      await expect(nav.getByRole("link", { name: "Werklijst" })).toBeVisible();
      await expect(nav.getByRole("link", { name: "Debiteuren" })).toBeVisible();
      await expect(nav.getByRole("link", { name: "Dashboard" })).toHaveCount(hasDashboard ? 1 : 0);
      // The tab says where the user is, in their language.
      await expect(page).toHaveTitle("Werklijst · Dunning Workbench");
      await nav.getByRole("link", { name: "Debiteuren" }).click();
      await expect(page).toHaveTitle("Debiteuren · Dunning Workbench");
    });
  }

  test("a wrong password gets the same message as an unknown address", async ({ page }) => {
    await page.goto("/sign-in");
    await page.locator('input[name="email"]').fill(LOGINS.controller);
    await page.locator('input[name="password"]').fill("not-the-password");
    await page.locator('button[type="submit"]').click();
    await expect(page.locator("form").getByRole("alert")).toContainText("onjuist");
    const wrongPassword = await page.locator("form").getByRole("alert").textContent();
    await page.locator('input[name="email"]').fill("nobody@dunning.test");
    await page.locator('button[type="submit"]').click();
    await expect(page.locator("form").getByRole("alert")).toHaveText(wrongPassword ?? "");
    expect(wrongPassword).toContain("onjuist");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("pages send an anonymous visitor to the sign-in page", async ({ page }) => {
    for (const path of ["/worklist", "/debtors", "/dashboard", "/settings"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/sign-in/);
      await expect(page).toHaveTitle("Aanmelden · Dunning Workbench");
    }
  });

  test("signing out ends the session: the old cookie no longer opens pages", async ({ page, context }) => {
    await signIn(page, "controller");
    const cookies = await context.cookies();
    await page.getByRole("button", { name: "Afmelden" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await context.addCookies(cookies);
    await page.goto("/debtors");
    await expect(page).toHaveURL(/\/sign-in/);
  });
});
