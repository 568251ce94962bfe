import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createDb } from "@/lib/db/client";
import { drawnText } from "../factories/pdf-text";
import { signIn } from "./helpers";

type Fixture = { id: string; name: string; contactName: string; email: string; invoiceId: string; invoiceNumber: string; otherNumber: string; today: string };

const DATABASE_URL = process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db";

function fixture(): Fixture {
  const out = execFileSync(path.resolve("node_modules/.bin/tsx"), ["tests/e2e/fixtures/documents-debtor.ts"], { env: { ...process.env, DATABASE_URL }, encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop()!) as Fixture;
}

test("a controller downloads a debtor's statement of account and e-mails it to the accounts-payable contact", async ({ page }) => {
  const fx = fixture();
  await signIn(page, "controller");
  await page.goto(`/debtors/${fx.id}`);
  const panel = page.getByTestId("document-statement");

  // The PDF lists both open invoices with what is still open.
  const download = page.waitForEvent("download");
  await panel.getByTestId("document-pdf").click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^rekeningoverzicht-E2ED.*\.pdf$/);
  const bytes = await readFile(await file.path());
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  const text = drawnText(bytes);
  expect(text).toContain(fx.invoiceNumber);
  expect(text).toContain(fx.otherNumber);
  expect(text).toContain("1.000,00");

  // E-mailed to the contact: the history shows the message with its attachment.
  await panel.getByLabel("E-mailen aan").selectOption({ label: `${fx.contactName} <${fx.email}>` });
  await panel.getByTestId("document-send").click();
  await expect(panel.getByRole("status")).toContainText(`In de wachtrij voor ${fx.contactName}`);
  const entry = page.getByTestId("timeline").locator("li", { hasText: "Rekeningoverzicht" }).first();
  await expect(entry).toContainText(fx.email);
  await expect(entry.getByTestId("email-attachment")).toContainText(/rekeningoverzicht-E2ED.*\.pdf/);

  // One message in the outbox, with the PDF that was offered for download.
  const db = createDb(DATABASE_URL);
  try {
    const rows = await db.emailOutbox.findMany({ where: { debtorId: fx.id, kind: "document" }, include: { attachments: true } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.toAddress).toBe(fx.email);
    expect(drawnText(new Uint8Array(rows[0]!.attachments[0]!.content))).toContain(fx.invoiceNumber);
  } finally {
    await db.$disconnect();
  }
});

test("from an invoice, a controller downloads a copy and e-mails it", async ({ page }) => {
  const fx = fixture();
  await signIn(page, "controller");
  await page.goto(`/invoices/${fx.invoiceId}`);
  const panel = page.getByTestId("document-invoice_copy");
  const download = page.waitForEvent("download");
  await panel.getByTestId("document-pdf").click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`kopiefactuur-${fx.invoiceNumber}.pdf`);
  const text = drawnText(await readFile(await file.path()));
  expect(text).toContain("Kopiefactuur");
  expect(text).toContain("1.210,00");
  expect(text).toContain("210,00");

  await panel.getByTestId("document-send").click();
  await expect(panel.getByRole("status")).toContainText(`kopiefactuur-${fx.invoiceNumber}.pdf`);
});

test("a viewer may download the documents but not send them", async ({ page }) => {
  const fx = fixture();
  await signIn(page, "viewer");
  await page.goto(`/debtors/${fx.id}`);
  const panel = page.getByTestId("document-statement");
  await expect(panel.getByTestId("document-pdf")).toBeVisible();
  await expect(panel.getByTestId("document-send")).toHaveCount(0);
});
