import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

/**
 * A manager checks on Settings whether the background jobs ran: each job's last pass, and the
 * failure of one that went wrong, in plain words. A controller does not see the panel.
 */
test("a manager sees each background job's last pass and a failed dunning run's error; a controller does not see the panel", async ({ browser }) => {
  execFileSync(path.resolve("node_modules/.bin/tsx"), ["tests/e2e/fixtures/job-failure.ts"], { env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db" } });

  const manager = await browser.newPage();
  await signIn(manager, "manager");
  await manager.goto("/settings");
  const panel = manager.locator("#jobs");
  await expect(panel.getByRole("heading", { name: "Achtergrondtaken" })).toBeVisible();
  const dunning = panel.locator('tr[data-job="dunning"]');
  await expect(dunning).toContainText("Dagelijkse aanmaanrun");
  await expect(dunning).toContainText("database is locked");
  await expect(dunning.locator("td").nth(4)).toHaveText("3");
  await manager.close();

  const controller = await browser.newPage();
  await signIn(controller, "controller");
  await controller.goto("/settings");
  await expect(controller.getByRole("heading", { name: "Instellingen" })).toBeVisible();
  await expect(controller.locator("#jobs")).toHaveCount(0);
  await controller.close();
});
