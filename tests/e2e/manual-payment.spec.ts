import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { addDays } from "@/lib/format/calendar-date";
import { signIn } from "./helpers";

type Fixture = { id: string; name: string; invoiceNumber: string; today: string };

test("a controller books a payment by hand; the reply is lost, they press again: the money is booked once", async ({ page }) => {
  const out = execFileSync(path.resolve("node_modules/.bin/tsx"), ["tests/e2e/fixtures/statement-debtor.ts"], { env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db" }, encoding: "utf8" });
  const fx = JSON.parse(out.trim().split("\n").pop()!) as Fixture;
  await signIn(page, "controller");
  await page.goto(`/debtors/${fx.id}`);
  const form = page.getByTestId("payment-form");
  await form.getByLabel("Bedrag (€)").fill("100,00");

  // The first submit reaches the server and is booked, but its reply never comes back.
  let lost = false;
  await page.route(`**/debtors/${fx.id}`, async (route) => {
    if (route.request().method() !== "POST" || lost) return route.fallback();
    lost = true;
    await route.fetch();
    await route.abort("connectionreset");
  });
  await form.getByRole("button", { name: "Boeken" }).click();
  await expect(form.getByRole("alert")).toContainText("De server gaf geen antwoord");
  await expect(form.getByLabel("Bedrag (€)")).toHaveValue("100,00");

  // The same form, pressed again: the server recognises the payment and answers with the first booking.
  await form.getByRole("button", { name: "Boeken" }).click();
  await expect(form.getByRole("status")).toContainText("Betaling geboekt.");
  await page.reload();
  await expect(page.getByTestId("debtor-position")).toContainText("505,00");
  await expect(page.getByTestId("debtor-position")).not.toContainText("405,00");
});

/** A new debtor of controller@ with one invoice of € 605,00, issued 40 days ago (fixtures/statement-debtor.ts). */
function newDebtor(): Fixture {
  const out = execFileSync(path.resolve("node_modules/.bin/tsx"), ["tests/e2e/fixtures/statement-debtor.ts"], { env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db" }, encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop()!) as Fixture;
}

test("a controller books a payment dated before the invoice, confirms it, sees what it settled, and reverses it by hand", async ({ page }) => {
  const fx = newDebtor();
  const issued = addDays(fx.today, -40);
  const [y, m, d] = issued.split("-");
  await signIn(page, "controller");
  await page.goto(`/debtors/${fx.id}`);
  const form = page.getByTestId("payment-form");
  const book = form.getByRole("button", { name: "Boeken", exact: true });

  // Dated five days before the invoice was issued: refused, with the invoice date, until confirmed.
  await form.getByLabel("Bedrag (€)").fill("605,00");
  await form.getByLabel("Valutadatum").fill(addDays(issued, -5));
  await form.getByLabel("Factuur", { exact: true }).selectOption({ label: fx.invoiceNumber });
  await form.getByLabel("Omschrijving / kenmerk").fill("Vooruitbetaling");
  await book.click();
  await expect(form.getByText(`Valutadatum ligt vóór de factuurdatum (${d}-${m}-${y}). Klopt dat? Bevestig om toch te boeken.`)).toBeVisible();
  await expect(form.getByRole("alert")).toBeVisible();
  await expect(page.getByTestId("open-invoices")).toContainText(fx.invoiceNumber);

  await form.getByLabel("Toch boeken").check();
  await book.click();
  await expect(form.getByRole("status")).toContainText("Betaling geboekt.");
  // The form is ready for the next payment: empty, the date back at today, no confirmation left.
  await expect(form.getByLabel("Bedrag (€)")).toHaveValue("");
  await expect(form.getByLabel("Omschrijving / kenmerk")).toHaveValue("");
  await expect(form.getByLabel("Factuur", { exact: true })).toHaveValue("");
  await expect(form.getByLabel("Valutadatum")).toHaveValue(fx.today);
  await expect(form.getByLabel("Toch boeken")).toHaveCount(0);
  await expect(form.getByRole("status")).toContainText("Betaling geboekt.");

  // The history names the invoice it settled; nothing is open any more.
  const timeline = page.getByTestId("timeline");
  const payment = timeline.getByTestId("timeline-payment").filter({ hasText: "Vooruitbetaling" });
  await expect(payment).toContainText(`voldaan: ${fx.invoiceNumber}`);
  await expect(page.getByTestId("open-invoices")).toHaveCount(0);

  // Booked on the wrong debtor after all: reversed by hand, with the reason.
  await payment.getByRole("button", { name: "Terugboeken", exact: true }).click();
  const reverse = payment.getByTestId("reverse-payment");
  await reverse.getByLabel("Reden van de terugboeking").fill("Op de verkeerde debiteur geboekt");
  await reverse.getByRole("button", { name: "Terugboeking bevestigen" }).click();
  await expect(payment).toContainText("Teruggeboekt");
  await expect(payment.getByRole("button", { name: "Terugboeken", exact: true })).toHaveCount(0);
  const counter = timeline.getByTestId("timeline-payment").filter({ hasText: "Op de verkeerde debiteur geboekt" });
  await expect(counter).toContainText("Terugboeking");
  await expect(counter).toContainText(`heropend: ${fx.invoiceNumber}`);
  // The invoice is open again.
  await expect(page.getByTestId("open-invoices")).toContainText(fx.invoiceNumber);
  await page.reload();
  await expect(page.getByTestId("open-invoices")).toContainText(fx.invoiceNumber);
  await expect(page.getByTestId("debtor-position")).toContainText("605,00");
});
