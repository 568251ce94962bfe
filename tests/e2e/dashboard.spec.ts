import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test.describe("the overdue dashboard", () => {
  test("a manager checks a figure against the list it drills into, and exports a table as CSV", async ({ page }) => {
    await signIn(page, "manager");
    await page.goto("/dashboard");
    const figure = page.getByTestId("figure-debtors-overdue");
    const shown = Number((await figure.locator("[data-stat-value]").textContent())!.replace(/\D/g, ""));
    expect(shown).toBeGreaterThan(0);
    await figure.click();
    await expect(page).toHaveURL(/\/debtors\?.*overdue=1/);
    await expect(page.getByTestId("debtors-total")).toHaveText(`${shown.toLocaleString("nl-NL")} resultaten`);

    await page.goto("/dashboard");
    const aging = page.getByTestId("aging-table");
    const firstAmount = (await aging.locator("tbody tr").first().locator("td").first().textContent())!;
    const download = page.waitForEvent("download");
    await page.getByTestId("export-aging-csv").click();
    const file = await (await download).path();
    const csv = fs.readFileSync(file, "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split("\r\n");
    expect(lines[0]).toBe('"Periode";"Bedrag";"Facturen";"Aandeel"');
    expect(lines).toHaveLength(6);
    // The first row's amount in the file is the one on screen, as a number Dutch Excel reads (decimal comma).
    const cents = Math.round(Number(firstAmount.replace(/[^\d,]/g, "").replace(",", ".")) * 100);
    expect(lines[1]!.split(";")[1]).toMatch(/^\d+(,\d{1,2})?$/);
    expect(Math.round(Number(lines[1]!.split(";")[1]!.replace(",", ".")) * 100)).toBe(cents);
  });

  test("a Dutch manager reads shares and figures the Dutch way: a decimal comma, never '81.6'", async ({ page }) => {
    await signIn(page, "manager");
    await page.goto("/dashboard");
    const shares = await page.getByTestId("aging-table").locator("tbody td").filter({ hasText: "%" }).allTextContents();
    expect(shares.length).toBeGreaterThan(0);
    for (const s of shares) expect(s.trim()).toMatch(/^\d{1,3}(,\d)?%$/);
    await expect(page.getByTestId("dashboard-figures")).not.toContainText(/\d\.\d\s?%/);
    const total = shares.reduce((sum, s) => sum + Number(s.replace("%", "").replace(",", ".")), 0);
    expect(Math.abs(total - 100)).toBeLessThan(0.6);
  });

  test("a figure's drill-down list keeps its named filter and shows a totals row equal to the figure", async ({ page }) => {
    await signIn(page, "manager");
    const text = async (locator: { textContent(): Promise<string | null> }) => ((await locator.textContent()) ?? "").replace(/\u00a0/g, " ").trim();

    // An aging bucket: its amount and number of items.
    await page.goto("/dashboard");
    const bucket = page.getByTestId("aging-table").locator("tbody tr").filter({ hasText: "31–60 dagen" });
    const amount = await text(bucket.locator("td").first());
    const items = await text(bucket.locator("td").nth(1));
    expect(Number(items)).toBeGreaterThan(0);
    await bucket.getByRole("link", { name: "31–60 dagen" }).click();
    await expect(page).toHaveURL(/\/debtors\?.*aging=31-60/);
    await expect(page.getByTestId("filter-chips")).toContainText("Achterstand 31–60 dagen");
    const totals = page.getByTestId("debtors-totals");
    await expect(totals.getByTestId("totals-aging")).toHaveText(amount);
    await expect(totals).toContainText(`${items} facturen`);

    // The overdue figure: the totals count every page of the list, not the one on screen.
    await page.goto("/dashboard");
    const overdue = page.getByTestId("dashboard-figures").getByRole("link").filter({ hasText: "Totaal vervallen" });
    const overdueAmount = await text(overdue.locator("[data-stat-value]"));
    await overdue.click();
    await expect(page).toHaveURL(/\/debtors\?.*overdue=1/);
    await expect(page.getByTestId("filter-chips")).toContainText("Met vervallen posten");
    await expect(page.getByTestId("debtors-totals").getByTestId("totals-overdue")).toHaveText(overdueAmount);

    // The CSV export carries the same filters.
    const exportHref = await page.getByTestId("debtors-export").getByRole("link", { name: "CSV", exact: true }).getAttribute("href");
    expect(exportHref).toMatch(/overdue=1/);
    expect(exportHref).toMatch(/currency=EUR/);
  });

  test("a controller sees only their own portfolio; a viewer is refused, also for exports", async ({ page, browser }) => {
    await signIn(page, "controller");
    await page.goto("/dashboard?controller=none");
    await expect(page.getByText("Cijfers van je eigen portefeuille.")).toBeVisible();
    await expect(page.locator('select[name="controller"]')).toHaveCount(0);
    const href = await page.getByTestId("figure-debtors-overdue").getAttribute("href");
    expect(href).toMatch(/controller=usr_controller/);

    const viewer = await browser.newContext({ locale: "nl-NL" });
    const vp = await viewer.newPage();
    await signIn(vp, "viewer");
    expect((await vp.goto("/dashboard"))?.status()).toBe(403);
    expect((await vp.request.get("/api/dashboard/export?table=aging&format=csv")).status()).toBe(403);
    await viewer.close();
  });
});
