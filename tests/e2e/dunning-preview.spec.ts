import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { cents, signIn } from "./helpers";

/** Runs a data fixture against the e2e database and returns the JSON it prints. */
function fixture(file: string): string {
  const out = execFileSync(path.resolve("node_modules/.bin/tsx"), [`tests/e2e/fixtures/${file}`], { env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db" }, encoding: "utf8" });
  return out.trim().split("\n").pop()!;
}

/** Text as shown, with the non-breaking space of "€ 375,00" as a plain one. */
const shown = async (locator: { textContent(): Promise<string | null> }) => ((await locator.textContent()) ?? "").replace(/\u00a0/g, " ").trim();

test.describe("the dunning run with foresight", () => {
  test("a manager previews today's run, sees a debtor's step, channel and amounts, and running it does exactly that", async ({ page }) => {
    // A business debtor that today's run owes a formal reminder by letter (€ 2.500,00, 35 days late).
    const fx = JSON.parse(fixture("overdue-debtor.ts")) as { id: string; name: string };
    await signIn(page, "manager");
    await page.goto("/dunning");
    await page.getByRole("button", { name: "Aanmaanronde nu uitvoeren" }).click();

    const preview = page.getByTestId("dunning-preview");
    await expect(preview).toBeVisible({ timeout: 60_000 });
    await expect(preview).toContainText("Er is nog niets verstuurd of geboekt.");
    const row = preview.getByTestId("preview-row").filter({ hasText: fx.name });
    await expect(row).toHaveCount(1);
    await expect(row.locator("td").nth(1)).toContainText("Aanmaning");
    await expect(row.getByTestId("preview-channel")).toHaveText("Brief");
    const cells = row.locator("td");
    await expect(cells.nth(3)).toHaveText("1");
    await expect(cells.nth(4)).toHaveText("€ 2.500,00");
    await expect(cells.nth(5)).toHaveText("€ 375,00");
    const interest = await shown(cells.nth(6));
    expect(cents(interest)).toBeGreaterThan(0);
    const payBy = await shown(cells.nth(7));

    const figure = async (id: string) => Number(await shown(preview.getByTestId(id)));
    const totals = { debtors: await figure("preview-debtors"), emails: await figure("preview-emails"), letters: await figure("preview-letters"), tasks: await figure("preview-tasks") };
    expect(totals.debtors).toBeGreaterThanOrEqual(1);
    expect(totals.letters).toBeGreaterThanOrEqual(1);
    expect(cents(await shown(preview.getByTestId("preview-costs")))).toBeGreaterThanOrEqual(375_00);

    // Nothing was sent by looking: the debtor has no dunning yet.
    const debtorPage = await page.context().newPage();
    await debtorPage.goto(`/debtors/${fx.id}`);
    await expect(debtorPage.getByText("Nog geen aanmaningen verstuurd.")).toBeVisible();
    await debtorPage.close();

    // "Uitvoeren" runs it; the run's own result equals the preview's totals.
    await preview.getByRole("button", { name: "Uitvoeren", exact: true }).click();
    const result = page.getByTestId("run-result");
    await expect(result).toHaveText(`${totals.debtors} stappen gezet: ${totals.emails} e-mails, ${totals.letters} brieven, ${totals.tasks} taken.`, { timeout: 60_000 });
    await expect(preview).toHaveCount(0);
    await expect(page.getByTestId("dunning-runs").locator("tbody tr").first()).toContainText("Klaar");

    // The debtor got the letter with the amounts the preview showed.
    await page.goto(`/debtors/${fx.id}`);
    const history = page.getByTestId("dunning-history");
    await expect(history).toContainText("Aanmaning");
    await expect(history).toContainText(`Rente ${interest} · kosten € 375,00 · betalen vóór ${payBy}`);
  });

  test("a ladder field emptied gets a message beside it and nothing is saved", async ({ page }) => {
    await signIn(page, "manager");
    await page.goto("/dunning");
    const ladder = page.getByTestId("ladder");
    await expect(ladder.locator("tbody tr")).toHaveCount(7);
    const offsets = ladder.getByLabel("Dagen");
    const before = await offsets.nth(2).inputValue();
    const payWithin = ladder.getByLabel("Betalen binnen");
    const payBefore = await payWithin.nth(3).inputValue();

    await offsets.nth(2).fill("");
    await payWithin.nth(3).fill("0");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Controleer de gemarkeerde velden." })).toBeVisible();
    await expect(ladder.locator("tbody tr").nth(2)).toContainText("Vul een heel aantal dagen in.");
    await expect(offsets.nth(2)).toHaveAttribute("aria-invalid", "true");
    await expect(ladder.locator("tbody tr").nth(3)).toContainText("Een brief of e-mail geeft de debiteur minstens 1 dag om te betalen.");
    await expect(page.getByRole("status").filter({ hasText: "Opgeslagen" })).toHaveCount(0);

    // Nothing was saved: after a reload the ladder is as it was.
    await page.reload();
    await expect(page.getByTestId("ladder").getByLabel("Dagen").nth(2)).toHaveValue(before);
    await expect(page.getByTestId("ladder").getByLabel("Betalen binnen").nth(3)).toHaveValue(payBefore);
  });
});
