import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

type Fixture = { paid: { id: string; contactId: string; contactName: string; email: string }; open: { id: string; contactId: string; contactName: string } };

function fixture(): Fixture {
  const out = execFileSync(path.resolve("node_modules/.bin/tsx"), ["tests/e2e/fixtures/privacy-debtors.ts"], { env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db" }, encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop()!) as Fixture;
}

async function download(page: Page, link: ReturnType<Page["getByTestId"]>): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  return fs.readFileSync((await file.path())!);
}

test("a manager downloads a contact's access export and erases the contact of a fully paid debtor", async ({ page }) => {
  const fx = fixture();
  await signIn(page, "manager");
  await page.goto(`/debtors/${fx.paid.id}`);
  const row = page.getByTestId(`privacy-subject-${fx.paid.contactId}`);
  await expect(row).toContainText(fx.paid.contactName);

  const json = JSON.parse((await download(page, row.getByTestId("privacy-export-json"))).toString("utf8")) as { contact: { name: string; email: string }; calls: unknown[]; emails: unknown[] };
  expect(json.contact).toMatchObject({ name: fx.paid.contactName, email: fx.paid.email });
  expect(json.calls).toHaveLength(1);
  expect(json.emails).toHaveLength(1);
  const pdf = await download(page, row.getByTestId("privacy-export-pdf"));
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");

  await row.getByTestId("privacy-erase-open").click();
  const dialog = page.getByTestId("privacy-erase-dialog").filter({ visible: true });
  await expect(dialog).toContainText(fx.paid.contactName);
  const submit = dialog.getByTestId("privacy-erase-submit");
  await dialog.getByTestId("privacy-erase-reason").fill("Verzoek van betrokkene per e-mail");
  await dialog.getByTestId("privacy-erase-confirm").fill("iemand anders");
  await expect(submit).toBeDisabled();
  await dialog.getByTestId("privacy-erase-confirm").fill(fx.paid.contactName);
  await submit.click();

  await expect(row.getByRole("status")).toContainText("Gewist. De persoon heet nu Verwijderd (privacy) #");
  await expect(row.getByTestId("privacy-subject-name")).toContainText("Verwijderd (privacy) #");
  await expect(page.getByTestId("contacts")).toContainText("Verwijderd (privacy) #");
  await expect(page.getByTestId("contacts")).not.toContainText(fx.paid.contactName);
  await expect(page.getByTestId("timeline")).not.toContainText(fx.paid.contactName);
  await page.reload();
  await expect(page.locator("main")).not.toContainText(fx.paid.contactName);
});

test("a manager sees why a contact of a debtor with open invoices cannot be erased yet", async ({ page }) => {
  const fx = fixture();
  await signIn(page, "manager");
  await page.goto(`/debtors/${fx.open.id}`);
  const row = page.getByTestId(`privacy-subject-${fx.open.contactId}`);
  await row.getByTestId("privacy-erase-open").click();
  const dialog = page.getByTestId("privacy-erase-dialog").filter({ visible: true });
  await expect(dialog.getByTestId("privacy-erase-refused")).toContainText("Er staan nog facturen of posten open");
  await expect(dialog.getByTestId("privacy-erase-submit")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Annuleren" }).click();
  await expect(row).toContainText(fx.open.contactName);
});

test("a controller sees no privacy panel, and the export is refused", async ({ page }) => {
  const fx = fixture();
  await signIn(page, "controller");
  await page.goto(`/debtors/${fx.paid.id}`);
  await expect(page.getByTestId("contacts")).toBeVisible();
  await expect(page.getByTestId("privacy-panel")).toHaveCount(0);
  const res = await page.request.get(`/api/privacy/contacts/${fx.paid.contactId}/export?format=json`);
  expect(res.status()).toBe(403);
});
