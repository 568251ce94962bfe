import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

type Fixture = { tag: string; debtors: Array<{ id: string; name: string }> };

function fixture(extra = 0): Fixture {
  const out = execFileSync(path.resolve("node_modules/.bin/tsx"), ["tests/e2e/fixtures/bulk-debtors.ts"], { env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db", EXTRA: String(extra) }, encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop()!) as Fixture;
}

const rowOf = (page: Page, name: string) => page.getByTestId("debtors-table").locator("tbody tr", { hasText: name });

test("a manager hands two new debtors to a controller, pauses and resumes dunning for a selection, and exports exactly the selection", async ({ page }) => {
  const fx = fixture();
  const [noord, oost, zuid] = fx.debtors as [Fixture["debtors"][0], Fixture["debtors"][0], Fixture["debtors"][0]];
  await signIn(page, "manager");
  await page.goto(`/debtors?q=${encodeURIComponent(`Bulkwerk ${fx.tag}`)}`);
  await expect(page.getByTestId("debtors-table").locator("tbody tr")).toHaveCount(3);
  await expect(page.getByTestId("bulk-bar")).toHaveCount(0);

  // The page's box selects all three; the bar says so. The export of the selection is those three.
  await page.getByTestId("select-page").check();
  const bar = page.getByTestId("bulk-bar");
  await expect(bar).toContainText("3 geselecteerd");
  const download = page.waitForEvent("download");
  await bar.getByRole("link", { name: "CSV" }).click();
  const csv = await readFile(await (await download).path(), "utf8");
  const lines = csv.trim().split(/\r?\n/);
  expect(lines).toHaveLength(4);
  for (const d of fx.debtors) expect(csv).toContain(d.name);

  // Two of them to Sanne Bakker.
  await page.getByRole("checkbox", { name: `Selecteer ${zuid.name}` }).uncheck();
  await expect(bar).toContainText("2 geselecteerd");
  await bar.getByLabel("Toewijzen aan").selectOption({ label: "Sanne Bakker" });
  await bar.getByRole("button", { name: "Toewijzen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "2 debiteuren toegewezen aan Sanne Bakker" })).toBeVisible();
  await expect(rowOf(page, noord.name)).toContainText("Sanne Bakker");
  await expect(rowOf(page, oost.name)).toContainText("Sanne Bakker");
  await expect(rowOf(page, zuid.name)).toContainText("Daan Visser");
  await expect(bar).toHaveCount(0);

  // Pause dunning for all three with a reason; the list flags them.
  await page.getByTestId("select-page").check();
  await bar.getByRole("button", { name: "Aanmanen pauzeren" }).click();
  await bar.getByLabel("Reden van de pauze").fill("Faillissement aangevraagd");
  await bar.getByRole("button", { name: "Pauzeren" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Aanmanen gepauzeerd voor 3 debiteuren" })).toBeVisible();
  for (const d of fx.debtors) await expect(rowOf(page, d.name)).toContainText("Aanmanen gepauzeerd");

  // Resume one; only that one loses the flag, and its page says dunning runs again.
  await page.getByRole("checkbox", { name: `Selecteer ${oost.name}` }).check();
  await bar.getByRole("button", { name: "Aanmanen hervatten" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Aanmanen hervat voor 1 debiteur" })).toBeVisible();
  await expect(rowOf(page, oost.name)).not.toContainText("Aanmanen gepauzeerd");
  await expect(rowOf(page, noord.name)).toContainText("Aanmanen gepauzeerd");

  // From the debtor's own page: back to nobody, and the list says so.
  await page.goto(`/debtors/${oost.id}`);
  const assign = page.getByTestId("assign-debtor");
  await assign.getByLabel("Toewijzen aan").selectOption({ label: "Niemand" });
  await assign.getByRole("button", { name: "Toewijzen" }).click();
  await expect(assign.getByRole("status")).toContainText("Niet meer toegewezen");
  await page.goto(`/debtors?q=${encodeURIComponent(`Bulkwerk ${fx.tag}`)}`);
  await expect(rowOf(page, oost.name)).toContainText("Niet toegewezen");
});

test("a controller may pause their own debtors but not a colleague's, and cannot hand debtors out", async ({ page }) => {
  const fx = fixture();
  const [noord, , zuid] = fx.debtors as [Fixture["debtors"][0], Fixture["debtors"][0], Fixture["debtors"][0]];
  await signIn(page, "controller");
  await page.goto(`/debtors?q=${encodeURIComponent(`Bulkwerk ${fx.tag}`)}`);
  await page.getByRole("checkbox", { name: `Selecteer ${noord.name}` }).check();
  await page.getByRole("checkbox", { name: `Selecteer ${zuid.name}` }).check();
  const bar = page.getByTestId("bulk-bar");
  await expect(bar).toContainText("2 geselecteerd");
  await expect(bar.getByLabel("Toewijzen aan")).toHaveCount(0);

  // Daan's debtor is named as skipped and stays as it was; the unassigned one is paused.
  await bar.getByRole("button", { name: "Aanmanen pauzeren" }).click();
  await bar.getByLabel("Reden van de pauze").fill("Betaalregeling via advocaat");
  await bar.getByRole("button", { name: "Pauzeren" }).click();
  const status = page.getByRole("status").filter({ hasText: "Aanmanen gepauzeerd voor 1 debiteur" });
  await expect(status).toContainText(`1 overgeslagen: hoort bij een collega (${zuid.name})`);
  await expect(rowOf(page, noord.name)).toContainText("Aanmanen gepauzeerd");
  await expect(rowOf(page, zuid.name)).not.toContainText("Aanmanen gepauzeerd");

  // Their debtor page shows who holds it, without a control to change it.
  await page.goto(`/debtors/${zuid.id}`);
  await expect(page.getByTestId("debtor-holder")).toContainText("Daan Visser");
  await expect(page.getByTestId("assign-debtor")).toHaveCount(0);
});

test("a manager hands every debtor of a list longer than one page to a colleague at once", async ({ page }) => {
  const fx = fixture(52);
  await signIn(page, "manager");
  const list = `/debtors?q=${encodeURIComponent(`Bulkwerk ${fx.tag}`)}`;
  await page.goto(list);
  await expect(page.getByTestId("debtors-total")).toContainText("55");
  await expect(page.getByTestId("debtors-table").locator("tbody tr")).toHaveCount(50);

  // The page's box, then "all 55": the bar says so, and the action takes the rows of page 2 too.
  await page.getByTestId("select-page").check();
  const bar = page.getByTestId("bulk-bar");
  await expect(bar.getByTestId("bulk-count")).toHaveText("50 geselecteerd");
  await bar.getByTestId("bulk-choose-all").click();
  await expect(bar.getByTestId("bulk-count")).toHaveText("Alle 55 debiteuren van deze lijst geselecteerd");
  await bar.getByLabel("Toewijzen aan").selectOption({ label: "Fatima El Amrani" });
  await bar.getByRole("button", { name: "Toewijzen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "55 debiteuren toegewezen aan Fatima El Amrani" })).toBeVisible();

  await page.goto(`${list}&page=2`);
  const rows = page.getByTestId("debtors-table").locator("tbody tr");
  await expect(rows).toHaveCount(5);
  for (const text of await rows.allTextContents()) expect(text).toContain("Fatima El Amrani");

  // Unticking one row goes back to the rows on screen.
  await page.goto(list);
  await page.getByTestId("select-page").check();
  await bar.getByTestId("bulk-choose-all").click();
  await page.getByRole("checkbox", { name: `Selecteer ${fx.debtors[0]!.name}` }).uncheck();
  await expect(bar.getByTestId("bulk-count")).toHaveText("49 geselecteerd");
});
