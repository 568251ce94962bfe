import { expect, test } from "@playwright/test";
import { cents, keysReady, signIn } from "./helpers";

test.describe("a controller browses debtors", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, "controller");
  });

  test("searches, filters, sorts and pages through the list", async ({ page }) => {
    await page.goto("/debtors");
    const table = page.getByTestId("debtors-table");
    const rows = table.locator("tbody tr");
    await expect(rows).toHaveCount(50);
    await expect(page.getByText(/Pagina 1 van \d+/)).toBeVisible();

    // Search for the name in the 7th row: that debtor is found. (The first column is the row's checkbox.)
    const name = (await rows.nth(6).locator("td").nth(2).locator("a").textContent())!.trim();
    await keysReady(page);
    await page.keyboard.press("/");
    await page.keyboard.type(name.split(" ").slice(0, 2).join(" "));
    await page.keyboard.press("Enter");
    await expect(table.getByRole("link", { name })).toBeVisible();

    // Oldest item in 90+ days: every row says more than 90 days.
    await page.goto("/debtors");
    await page.getByLabel("Oudste post").selectOption("90+");
    await expect(page).toHaveURL(/bucket=90%2B|bucket=90\+/);
    const oldest = await table.locator("tbody tr td:nth-child(8)").allTextContents();
    expect(oldest.length).toBeGreaterThan(0);
    for (const cell of oldest) expect(Number(cell.replace(/\D/g, ""))).toBeGreaterThan(90);

    // My portfolio, sorted by open amount: largest first, then (second click) smallest first.
    await page.goto("/debtors?controller=me");
    await page.getByRole("link", { name: /^Openstaand/ }).click();
    await expect(page).toHaveURL(/sort=open/);
    await expect(page.getByRole("columnheader", { name: /^Openstaand/ })).toHaveAttribute("aria-sort", "descending");
    const amounts = (await table.locator("tbody tr td:nth-child(6)").allTextContents()).map(cents);
    expect(amounts.length).toBeGreaterThan(1);
    expect([...amounts].sort((a, b) => b - a)).toEqual(amounts);
    await page.getByRole("link", { name: /^Openstaand/ }).click();
    await expect(page).toHaveURL(/dir=asc/);
    const ascending = (await table.locator("tbody tr td:nth-child(6)").allTextContents()).map(cents);
    expect([...ascending].sort((a, b) => a - b)).toEqual(ascending);

    // Next page.
    await page.goto("/debtors");
    const firstOnPage1 = await rows.first().textContent();
    await page.getByRole("link", { name: /Volgende/ }).click();
    await expect(page.getByText(/Pagina 2 van/)).toBeVisible();
    expect(await rows.first().textContent()).not.toBe(firstOnPage1);
  });

  test("opens a debtor and sees the real open invoices, contacts and history", async ({ page }) => {
    await page.goto("/debtors?bucket=31-60");
    await page.getByTestId("debtors-table").locator("tbody tr a").first().click();
    await expect(page).toHaveURL(/\/debtors\/[^/?]+$/);

    const invoices = page.getByTestId("open-invoices");
    const openCells = await invoices.locator("tbody tr td:nth-child(6)").allTextContents();
    expect(openCells.length).toBeGreaterThan(0);
    const sum = openCells.map(cents).reduce((a, b) => a + b, 0);
    const total = cents((await invoices.locator("tfoot td").nth(1).textContent()) ?? "");
    expect(sum).toBe(total);
    const openStat = page.getByTestId("debtor-position").locator("div").filter({ hasText: /^Openstaand/ }).first();
    expect(cents((await openStat.locator("[data-stat-value]").textContent()) ?? "")).toBe(total);

    const contacts = page.getByTestId("contacts");
    await expect(contacts.locator('a[href^="tel:"]').first()).toBeVisible();

    const timeline = page.getByTestId("timeline");
    await expect(timeline.locator("li").first()).toBeVisible();
    await page.getByRole("navigation", { name: "Historie" }).getByRole("link", { name: "Betalingen" }).click();
    await expect(page).toHaveURL(/show=payment/);
    for (const item of await page.getByTestId("timeline").locator("li").allTextContents()) expect(item).toContain("Betaling");
  });

  test("an unknown debtor shows a not-found page, not an error", async ({ page }) => {
    const res = await page.goto("/debtors/does-not-exist");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Pagina niet gevonden" })).toBeVisible();
  });
});
