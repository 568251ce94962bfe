import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

type Fixture = { today: string; keeps: { id: string; name: string; invoiceNumber: string; euros: number }; breaks: { id: string; name: string; invoiceNumber: string; euros: number } };

test.describe("payments coming in", () => {
  test("a controller imports a bank statement: one promise turns kept, another broken and is on tomorrow's worklist", async ({ page }) => {
    const out = execFileSync(path.resolve("node_modules/.bin/tsx"), ["tests/e2e/fixtures/promises.ts"], { env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db" }, encoding: "utf8" });
    const fx = JSON.parse(out.trim().split("\n").pop()!) as Fixture;

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stmt-"));
    const bad = path.join(dir, "kapot.csv");
    fs.writeFileSync(bad, `Datum;Bedrag;Omschrijving\n${fx.today};1.234,5x;${fx.keeps.invoiceNumber}\n31-02-2026;10,00;iets\n`);
    const good = path.join(dir, "afschrift.csv");
    fs.writeFileSync(good, `Datum;Naam tegenpartij;Bedrag;Omschrijving\n${fx.today};${fx.keeps.name};+1.234,00;Betaling factuur ${fx.keeps.invoiceNumber}\n${fx.today};Onbekend;+10,00;gift\n`);

    await signIn(page, "controller");
    const badge = page.getByTestId("nav-badge");
    const brokenBefore = (await badge.count()) ? Number(await badge.textContent()) : 0;
    await page.getByRole("navigation", { name: "Hoofdnavigatie" }).getByRole("link", { name: "Betalingen" }).click();
    await expect(page).toHaveURL(/\/payments/);

    // A malformed file: every bad row named, nothing imported.
    await page.getByLabel("Bestand").setInputFiles(bad);
    await page.getByRole("button", { name: "Importeren" }).click();
    const errors = page.getByTestId("import-errors");
    await expect(errors).toContainText("Regel 2:");
    await expect(errors).toContainText("Regel 3:");
    await expect(page.getByText("kapot.csv")).toHaveCount(0);

    await page.getByLabel("Bestand").setInputFiles(good);
    await page.getByRole("button", { name: "Importeren" }).click();
    await expect(page.getByTestId("import-result")).toContainText("2 regels: 1 geboekt, 1 te beoordelen");
    await expect(page.getByTestId("import-result")).toContainText("1 nagekomen");
    await expect(page.getByTestId("statement-lines")).toContainText(fx.keeps.name);
    await expect(page.getByTestId("review-lines")).toContainText("gift");

    // The same file again changes nothing.
    await page.getByLabel("Bestand").setInputFiles(good);
    await page.getByRole("button", { name: "Importeren" }).click();
    await expect(page.getByTestId("import-errors")).toContainText("al eerder geïmporteerd");

    // The controller is told: the broken promise is counted on the navigation on every page.
    await page.reload();
    await expect(badge).toHaveText(String(brokenBefore + 1));

    // The paying debtor: nothing open any more, the promise kept.
    await page.goto(`/debtors/${fx.keeps.id}`);
    await expect(page.getByText("Nagekomen").first()).toBeVisible();

    // Tomorrow's worklist has the broken promise, with the reason; Enter opens the workbench.
    await page.goto("/worklist?day=tomorrow");
    const row = page.getByTestId("worklist-row").filter({ hasText: fx.breaks.name });
    await expect(row).toContainText("Afspraak gebroken");
    await expect(row).toContainText("Betaalafspraak niet nagekomen");
    await row.focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/debtors/${fx.breaks.id}`));
    await expect(page.getByText("Niet nagekomen").first()).toBeVisible();
    // And back to the list with the keyboard.
    await page.keyboard.press("g");
    await page.keyboard.press("w");
    await expect(page).toHaveURL(/\/worklist/);
  });
});
