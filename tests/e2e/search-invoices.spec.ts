import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { keysReady, signIn } from "./helpers";

type Fixture = { id: string; name: string; invoiceId: string; invoiceNumber: string; paymentReference: string; contactName: string; phoneTyped: string };

let fx: Fixture;

test.beforeAll(() => {
  const out = execFileSync(path.resolve("node_modules/.bin/tsx"), ["tests/e2e/fixtures/search-debtor.ts"], { env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db" }, encoding: "utf8" });
  fx = JSON.parse(out.trim().split("\n").pop()!) as Fixture;
});

test.describe("a controller finds invoices and debtors from the one search box", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, "controller");
  });

  test("typing an invoice number opens that invoice, which shows its payments", async ({ page }) => {
    await page.goto("/debtors");
    // "/" puts the cursor in the search box; the number in lower case is the same number.
    await keysReady(page);
    await page.keyboard.press("/");
    await expect(page.locator("input[data-search]")).toBeFocused();
    await page.keyboard.type(fx.invoiceNumber.toLowerCase());
    await page.keyboard.press("Enter");

    await expect(page).toHaveURL(new RegExp(`/invoices/${fx.invoiceId}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`Factuur ${fx.invoiceNumber}`);
    await expect(page.getByTestId("invoice-facts")).toContainText("842,50");
    await expect(page.getByTestId("invoice-facts")).toContainText("642,50");
    const payments = page.getByTestId("invoice-payments");
    await expect(payments).toContainText(fx.paymentReference);
    await expect(payments).toContainText("200,00");
    await expect(payments).toContainText("Overboeking");

    // On a phone the payments are cards: nothing sticks out beyond the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(payments).toContainText(fx.paymentReference);
    const box = await payments.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390);

    // The debtor is one click away.
    await page.getByTestId("invoice-header").getByRole("link", { name: fx.name }).first().click();
    await expect(page).toHaveURL(new RegExp(`/debtors/${fx.id}$`));
  });

  test("a phone number typed another way finds the debtor, and says it was the contact's number", async ({ page }) => {
    await page.goto("/debtors");
    const search = page.locator("input[data-search]");
    await search.fill(fx.phoneTyped);
    await search.press("Enter");
    await expect(page).toHaveURL(/[?&]q=/);
    const row = page.getByTestId("debtors-table").locator("tbody tr", { hasText: fx.name });
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId("search-why")).toContainText(`telefoon ${fx.contactName}`);
    await row.getByRole("link", { name: fx.name }).click();
    await expect(page).toHaveURL(new RegExp(`/debtors/${fx.id}$`));
  });

  test("the debtor page's invoice number opens the invoice", async ({ page }) => {
    await page.goto(`/debtors/${fx.id}`);
    await page.getByTestId("open-invoices").getByRole("link", { name: fx.invoiceNumber }).click();
    await expect(page).toHaveURL(new RegExp(`/invoices/${fx.invoiceId}$`));
    await expect(page.getByTestId("invoice-payments")).toContainText(fx.paymentReference);
  });
});
