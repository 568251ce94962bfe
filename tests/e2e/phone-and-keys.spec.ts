import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { keysReady, signIn } from "./helpers";

function fixture(file: string): { id: string } {
  const out = execFileSync(path.resolve("node_modules/.bin/tsx"), [`tests/e2e/fixtures/${file}`], { env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db" }, encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop()!) as { id: string };
}
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test("on a phone the staff screens do not scroll sideways, the menu opens the sections, and the call comes before the history", async ({ page }) => {
  const fx = fixture("statement-debtor.ts");
  await signIn(page, "controller");
  await page.setViewportSize({ width: 390, height: 844 });
  for (const url of ["/worklist", "/debtors", `/debtors/${fx.id}`, "/payments", "/dunning", "/dashboard", "/settings"]) {
    await page.goto(url);
    await expect(page.locator("main")).toBeVisible();
    expect(await sideways(page), `${url} scrolls sideways`).toBeLessThanOrEqual(0);
  }
  await page.goto(`/debtors/${fx.id}`);
  const call = await page.locator("#call").boundingBox();
  const history = await page.locator("#history").boundingBox();
  expect(call!.y).toBeLessThan(history!.y);

  await page.getByTestId("menu-button").click();
  await page.getByRole("navigation", { name: "Hoofdnavigatie" }).getByRole("link", { name: "Werklijst" }).click();
  await expect(page).toHaveURL(/\/worklist/);
  await expect(page.getByRole("navigation", { name: "Hoofdnavigatie" })).toHaveCount(0);
  // The worklist rows are cards: every row's priority and buttons are on screen, nothing sideways.
  await expect(page.getByTestId("worklist-row").first()).toBeVisible();
  expect(await sideways(page)).toBeLessThanOrEqual(0);
});

test("with the keyboard: c starts a call with the cursor in the form, and after it n opens the next debtor of the worklist", async ({ page }) => {
  const fx = fixture("statement-debtor.ts");
  await signIn(page, "controller");
  await page.goto(`/debtors/${fx.id}`);
  await keysReady(page);
  await page.locator("h1").click();
  await page.keyboard.press("c");
  await expect(page.getByTestId("call-form")).toBeVisible();
  // The cursor lands in the form (the panel is drawn again once the server has the call: wait for it).
  await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('[data-testid="call-form"]'))).toBe(true);
  await page.getByLabel("Geen gehoor").check();
  await page.getByTestId("finish-call").click();
  await expect(page.getByTestId("start-call")).toBeVisible();
  await keysReady(page);
  await page.locator("h1").click();
  await page.keyboard.press("n");
  await expect(page).toHaveURL(/\/debtors\/[^/?]+$/);
  await expect(page).not.toHaveURL(new RegExp(`/debtors/${fx.id}$`));
  await expect(page.getByTestId("start-call")).toBeVisible();
});
