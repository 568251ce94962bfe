import { execFileSync } from "node:child_process";
import http, { type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { verifyWebhookSignature } from "@/lib/webhooks/webhook-signature";
import { signIn } from "./helpers";

type Fixture = { id: string; name: string; invoiceNumber: string; today: string };
type Received = { headers: IncomingHttpHeaders; body: string };

/**
 * The admin connects an outside system: adds a subscriber for "payment booked", copies the
 * secret that is shown once, and after a controller books a payment the receiver gets one signed
 * delivery and the log shows it delivered. The receiver is a local HTTP server of this spec.
 */
test("an admin adds a webhook subscriber, sees its secret once, and a booked payment is delivered signed", async ({ page, browser }) => {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  const name = `ERP e2e ${Date.now().toString(36)}`;

  try {
    await signIn(page, "admin");
    await page.goto("/settings");
    await page.getByRole("link", { name: "Webhooks" }).click();
    await expect(page).toHaveURL(/\/settings\/webhooks/);

    // Add the subscriber for booked payments only.
    await page.getByRole("textbox", { name: "Naam" }).last().fill(name);
    await page.getByRole("textbox", { name: "Adres (URL)" }).last().fill(url);
    for (const other of ["Afspraak gemaakt", "Belofte nagekomen", "Belofte gebroken", "Geschil geopend", "Aanmaning verstuurd"]) await page.getByLabel(other).last().uncheck();
    await page.getByRole("button", { name: "Abonnee toevoegen" }).click();
    const shown = page.getByTestId("webhook-secret");
    await expect(shown).toContainText(name);
    const secret = await shown.getByRole("textbox").inputValue();
    expect(secret).toMatch(/^whsec_/);
    await expect(page.getByTestId("webhook-subscriber").filter({ hasText: name })).toContainText("Betaling geboekt");

    // Shown once: after a reload it is nowhere on the page.
    await page.reload();
    await expect(page.getByTestId("webhook-subscriber").filter({ hasText: name })).toBeVisible();
    expect(await page.content()).not.toContain(secret);

    // A controller books a payment.
    const out = execFileSync(path.resolve("node_modules/.bin/tsx"), ["tests/e2e/fixtures/statement-debtor.ts"], { env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db" }, encoding: "utf8" });
    const fx = JSON.parse(out.trim().split("\n").pop()!) as Fixture;
    const controller = await browser.newContext();
    const cPage = await controller.newPage();
    await signIn(cPage, "controller");
    await cPage.goto(`/debtors/${fx.id}`);
    const form = cPage.getByTestId("payment-form");
    await form.getByLabel("Bedrag (€)").fill("100,00");
    await form.getByRole("button", { name: "Boeken" }).click();
    await expect(form.getByRole("status")).toContainText("Betaling geboekt.");
    await controller.close();

    // The worker (a pass every 10 s) delivers it, signed with the secret the admin saw.
    const mine = () => received.filter((r) => (JSON.parse(r.body) as { debtorId?: string }).debtorId === fx.id);
    await expect.poll(() => mine().length, { timeout: 40_000 }).toBe(1);
    const delivery = mine()[0]!;
    expect(JSON.parse(delivery.body)).toMatchObject({ type: "payment.booked", debtorId: fx.id, data: { amountCents: "10000", currency: "EUR", source: "manual" } });
    expect(verifyWebhookSignature(secret, delivery.headers, delivery.body, new Date())).toBe(true);

    // The log shows it delivered.
    await page.getByTestId("webhook-subscriber").filter({ hasText: name }).getByRole("link", { name }).click();
    const row = page.getByTestId("webhook-delivery").filter({ hasText: "Betaling geboekt" }).first();
    await expect(row).toContainText("Afgeleverd");
    await expect(row).toContainText("200");

    // Switched off again, so later specs' events are not queued for it.
    await page.getByTestId("webhook-subscriber").filter({ hasText: name }).getByRole("button", { name: "Uitzetten" }).click();
    await expect(page.getByTestId("webhook-subscriber").filter({ hasText: name })).toContainText("Uit");
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
