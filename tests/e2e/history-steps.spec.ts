import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

let fx: { id: string; name: string };

test.beforeAll(() => {
  const out = execFileSync(path.resolve("node_modules/.bin/tsx"), ["tests/e2e/fixtures/history-debtor.ts"], { env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db" }, encoding: "utf8" });
  fx = JSON.parse(out.trim().split("\n").pop()!) as typeof fx;
});

test("the debtor page shows the newest 20 history entries; a click shows the older ones in the page", async ({ page }) => {
  await signIn(page, "controller");
  await page.goto(`/debtors/${fx.id}`);
  const history = page.locator("#history");
  const entries = history.getByTestId("timeline").locator(":scope > li");
  await expect(entries).toHaveCount(20);
  await expect(entries.first()).toContainText("Notitie 25");
  await expect(entries.last()).toContainText("Notitie 6");
  await expect(history).toContainText("Nieuwste 20 getoond.");

  // A click inside the app: the page is not loaded again, the older notes join the list.
  let documents = 0;
  page.on("request", (r) => {
    if (r.resourceType() === "document") documents++;
  });
  await history.getByTestId("history-show-older").click();
  await expect(page).toHaveURL(new RegExp(`/debtors/${fx.id}\\?history=40#history$`));
  await expect(entries).toHaveCount(25);
  await expect(entries.last()).toContainText("Notitie 1");
  await expect(history.getByTestId("history-show-older")).toHaveCount(0);
  expect(documents).toBe(0);

  // The filter on calls and notes starts again from the newest.
  await history.getByRole("link", { name: "Gesprekken" }).click();
  await expect(page).toHaveURL(new RegExp(`/debtors/${fx.id}\\?show=call#history$`));
  await expect(entries).toHaveCount(20);
  await expect(history.getByTestId("history-show-older")).toHaveAttribute("href", `/debtors/${fx.id}?show=call&history=40#history`);
});
