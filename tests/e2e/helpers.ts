import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "Demo-wachtwoord-2026";
export const LOGINS = {
  admin: "admin@dunning.test",
  manager: "manager@dunning.test",
  controller: "controller@dunning.test",
  viewer: "viewer@dunning.test",
} as const;

export async function signIn(page: Page, role: keyof typeof LOGINS) {
  await page.goto("/sign-in");
  await page.locator('input[name="email"]').fill(LOGINS[role]);
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await expect(page).toHaveURL(/\/worklist/);
  await expect(page.getByTestId("current-user")).toBeVisible();
  await keysReady(page);
}

/** Waits until the page's keyboard shortcuts listen (a key pressed before hydration is lost). */
export async function keysReady(page: Page) {
  await expect(page.locator("html[data-keys=on]")).toHaveCount(1);
}

/** Parses "€ 1.234,56" / "€1,234.56" into cents. */
export function cents(text: string): number {
  const digits = text.replace(/[^\d,.-]/g, "");
  const normalised = /,\d{2}$/.test(digits) ? digits.replace(/\./g, "").replace(",", ".") : digits.replace(/,/g, "");
  return Math.round(Number(normalised) * 100);
}
