import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

/** Runs a data fixture against the e2e database and returns the JSON it prints. */
function fixture(file: string): string {
  const out = execFileSync(path.resolve("node_modules/.bin/tsx"), [`tests/e2e/fixtures/${file}`], { env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db" }, encoding: "utf8" });
  return out.trim().split("\n").pop()!;
}

test.describe("dunning and the worklist", () => {
  test("a manager adjusts the ladder, runs today's dunning, prints the letters, and a second run sends nothing", async ({ page }) => {
    await signIn(page, "manager");
    await page.getByRole("navigation", { name: "Hoofdnavigatie" }).getByRole("link", { name: "Aanmanen" }).click();
    await expect(page).toHaveURL(/\/dunning/);
    const ladder = page.getByTestId("ladder");
    await expect(ladder.locator("tbody tr")).toHaveCount(7);

    // A later step before an earlier one is refused with a clear message and nothing saved.
    const offsets = ladder.getByLabel("Dagen");
    await offsets.nth(2).fill("3");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByText("Een latere stap kan niet eerder komen dan de vorige.")).toBeVisible();
    await offsets.nth(2).fill("12");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Opgeslagen" })).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("ladder").getByLabel("Dagen").nth(2)).toHaveValue("12");

    // A debtor that today's run owes a formal reminder by letter.
    const fx = JSON.parse(fixture("overdue-debtor.ts")) as { id: string; name: string };
    await page.getByRole("button", { name: "Aanmaanronde nu uitvoeren" }).click();
    // The run first shows its preview; "Uitvoeren" confirms it.
    await page.getByTestId("dunning-preview").getByRole("button", { name: "Uitvoeren", exact: true }).click({ timeout: 60_000 });
    const result = page.getByTestId("run-result");
    await expect(result).toContainText("stappen gezet", { timeout: 60_000 });
    const letters = Number((await result.textContent())!.match(/(\d+) brieven/)![1]);
    expect(letters).toBeGreaterThan(0);
    const runs = page.getByTestId("dunning-runs");
    await expect(runs.locator("tbody tr").first()).toContainText("Klaar");

    const download = page.waitForEvent("download");
    await runs.getByRole("link", { name: "Brieven (PDF)" }).first().click();
    const pdf = await (await download).createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of pdf) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe("%PDF-");

    await page.getByRole("button", { name: "Aanmaanronde nu uitvoeren" }).click();
    await page.getByTestId("dunning-preview").getByRole("button", { name: "Uitvoeren", exact: true }).click({ timeout: 60_000 });
    await expect(result).toContainText("0 stappen gezet", { timeout: 60_000 });

    // The debtor's page shows the letter with its amounts and a PDF of it.
    await page.goto(`/debtors/${fx.id}`);
    const history = page.getByTestId("dunning-history");
    await expect(history).toContainText("Aanmaning");
    await expect(history).toContainText("kosten € 375,00");
    await expect(history.getByRole("link", { name: "PDF" })).toHaveAttribute("href", /\/api\/dunning\/letters\?id=/);
  });

  test("a controller works the list with the keyboard: snoozes an item with a reason and opens the next one with j and Enter", async ({ page }) => {
    await signIn(page, "controller");
    await page.goto("/worklist");
    const rows = page.getByTestId("worklist-row");
    await expect(rows.first()).toBeVisible();
    const count = await rows.count();
    expect(count).toBeGreaterThan(1);

    // Snooze the first item until tomorrow: it leaves today's list and is on tomorrow's.
    const first = rows.first();
    const name = (await first.getAttribute("data-debtor"))!;
    await first.focus();
    await page.keyboard.press("z");
    await page.getByLabel("Reden").selectOption("waiting_for_customer");
    await page.getByLabel("Toelichting").fill("Stuurt de getekende pakbon");
    await page.getByTestId("snooze-form").getByRole("button", { name: "Uitstellen" }).click();
    await expect(page.getByRole("status").filter({ hasText: "uitgesteld" })).toBeVisible();
    await expect(rows).toHaveCount(count - 1);

    // j moves down, Enter opens the workbench of that row.
    await rows.first().focus();
    await page.keyboard.press("j");
    const second = (await rows.nth(1).getAttribute("data-debtor"))!;
    await page.keyboard.press("Enter");
    await expect(page.locator("h1")).toContainText(second);
    await page.goBack();

    await page.goto("/worklist?day=tomorrow");
    await expect(page.getByTestId("worklist-row").filter({ hasText: name }).first()).toBeVisible();
  });

  test("a manager approves a payment plan outside the negotiation room from the team worklist", async ({ page }) => {
    const { name } = JSON.parse(fixture("flagged-plan.ts")) as { name: string };
    await signIn(page, "manager");
    await page.goto("/worklist");
    const row = page.getByTestId("worklist-row").filter({ hasText: name });
    await expect(row).toContainText("Regeling goedkeuren");
    await expect(row).toContainText("Regeling van € 6.000,00 buiten de onderhandelingsruimte");
    await row.getByRole("button", { name: "Goedkeuren" }).click();
    await expect(page.getByRole("status").filter({ hasText: "goedgekeurd" })).toBeVisible();
    await expect(page.getByTestId("worklist-row").filter({ hasText: name })).toHaveCount(0);
  });
});
