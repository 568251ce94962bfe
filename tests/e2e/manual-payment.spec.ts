import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
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
