import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

/**
 * Output encoding, not an input blocklist, keeps scripts from running: a debtor whose name,
 * address, contact, call note, dispute and task hold common XSS payloads is shown on every page a
 * controller and a manager open; nothing runs (no dialog, no marker set), and the payloads are
 * visible as text.
 */
async function assertNothingRan(page: Page, url: string) {
  await page.goto(url);
  await page.waitForLoadState("networkidle");
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? null), url).toBeNull();
}

test("script payloads in a debtor's data are shown as text on every page and never run", async ({ page }) => {
  const out = execFileSync(path.resolve("node_modules/.bin/tsx"), ["tests/e2e/fixtures/xss-debtor.ts"], { env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db" }, encoding: "utf8" });
  const fx = JSON.parse(out.trim().split("\n").pop()!) as { id: string; tag: string };
  const dialogs: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await signIn(page, "controller");
  for (const url of [`/debtors/${fx.id}`, `/debtors?q=${encodeURIComponent(fx.tag)}`, "/worklist", "/dashboard", `/debtors/${fx.id}?show=call#history`, `/debtors/${fx.id}?show=dispute#history`]) {
    await assertNothingRan(page, url);
  }
  await page.goto(`/debtors/${fx.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("<script>window.__xss=1</script>");
  await expect(page.getByTestId("timeline")).toContainText("onerror");
  expect(dialogs).toEqual([]);
});
