import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

type Fixture = { id: string; name: string; invoiceNumber: string };
function fixture(): Fixture {
  const out = execFileSync(path.resolve("node_modules/.bin/tsx"), ["tests/e2e/fixtures/disputed-debtor.ts"], { env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db" }, encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop()!) as Fixture;
}

test("a controller works a debtor without a call: rejects a dispute with a reason (the next dunning run includes the invoice again), logs an incoming call, discards a call started by mistake", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const fx = fixture();
  await signIn(page, "controller");
  await page.goto(`/debtors/${fx.id}`);

  // The dispute, decided: unjustified, with a reason.
  const dispute = page.getByTestId("dispute-row").filter({ hasText: fx.invoiceNumber });
  await expect(dispute).toContainText("Twee pallets beschadigd geleverd");
  await dispute.getByLabel("Onterecht: aanmanen hervat").check();
  await dispute.getByRole("button", { name: "Besluit vastleggen" }).click();
  await expect(dispute.getByText("Geef een reden (minstens 3 tekens).")).toBeVisible();
  await dispute.getByLabel("Reden (voor collega's en de klant)").fill("Afleverbon getekend zonder opmerkingen");
  await dispute.getByRole("button", { name: "Besluit vastleggen" }).click();
  // Decided, the dispute leaves the panel (and the panel the page, with its confirmation); the timeline says how it ended.
  await expect(page.getByTestId("disputes")).toHaveCount(0);
  await expect(page.locator("#history")).toContainText("Afgewezen");
  await expect(page.getByTestId("dunning-history")).toHaveCount(0);

  // The debtor called in: logged with who and what, on the timeline.
  const log = page.getByTestId("contact-log-form");
  await log.getByLabel("Soort").selectOption({ label: "Inkomend gesprek" });
  await log.getByLabel("Wie").selectOption({ label: "Petra Smit" });
  await log.getByTestId("contact-log-text").fill("Petra belt: de afleverbon klopt, betaling volgt na goedkeuring van de directeur.");
  await log.getByTestId("contact-log-save").click();
  await expect(log.getByText("Vastgelegd in de tijdlijn.")).toBeVisible();
  await expect(log.getByTestId("contact-log-text")).toHaveValue("");
  const history = page.locator("#history");
  await expect(history).toContainText("Inkomend gesprek");
  await expect(history).toContainText("Petra belt: de afleverbon klopt");

  // A call started by mistake: thrown away after confirming; nothing is logged, nothing resumes.
  await page.getByTestId("start-call").click();
  await page.getByTestId("call-notes").fill("verkeerde klant gebeld");
  await expect(page.getByTestId("draft-status")).toContainText("Concept opgeslagen");
  page.once("dialog", (d) => void d.accept());
  await page.getByTestId("discard-call").click();
  await expect(page.getByTestId("call-form")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("start-call")).toBeVisible();
  await expect(page.locator("#history")).not.toContainText("verkeerde klant gebeld");

  // A contact's new number is put right, then the contact (who left) is removed; the call history keeps her name.
  const contacts = page.getByTestId("contacts");
  await contacts.getByTestId("contact-edit").first().click();
  const form = page.getByTestId("contact-form");
  await form.getByLabel("Telefoon").fill("+31 20 555 0199");
  await form.getByRole("button", { name: "Opslaan" }).click();
  await expect(contacts).toContainText("+31 20 555 0199");
  page.once("dialog", (d) => void d.accept());
  await contacts.getByTestId("contact-remove").first().click();
  await expect(page.getByTestId("contacts")).toHaveCount(0);
  await expect(page.locator("#history")).toContainText("Petra Smit");

  // The manager's next dunning run now includes the invoice the dispute held.
  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  await signIn(manager, "manager");
  await manager.goto("/dunning");
  await manager.getByRole("button", { name: "Aanmaanronde nu uitvoeren" }).click();
  await manager.getByTestId("dunning-preview").getByRole("button", { name: "Uitvoeren", exact: true }).click({ timeout: 60_000 });
  await expect(manager.getByTestId("run-result")).toContainText("stappen gezet", { timeout: 60_000 });
  await manager.goto(`/debtors/${fx.id}`);
  await expect(manager.getByTestId("dunning-history").locator("li")).toHaveCount(1);
  await managerContext.close();
});

test("a controller reschedules a plan the debtor asked to move: the plan shows the new dates and the debtor's confirmation is ready to send", async ({ page }) => {
  const out = execFileSync(path.resolve("node_modules/.bin/tsx"), ["tests/e2e/fixtures/plan-debtor.ts"], { env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db" }, encoding: "utf8" });
  const fx = JSON.parse(out.trim().split("\n").pop()!) as { id: string; dates: string[] };
  await signIn(page, "controller");
  await page.goto(`/debtors/${fx.id}`);
  const plan = page.getByTestId("open-agreement");
  await plan.getByTestId("agreement-reschedule").click();
  const form = page.getByTestId("agreement-change-form");
  // A different amount is refused: a reschedule keeps what is still to pay.
  await form.getByLabel("Bedrag 3").fill("200,00");
  await form.getByLabel("Reden").fill("Klant wacht op subsidie");
  await form.getByRole("button", { name: "Wijziging vastleggen" }).click();
  await expect(form.getByText("Samen moeten de termijnen het nog te betalen bedrag zijn")).toBeVisible();
  await form.getByLabel("Bedrag 3").fill("300,00");
  const moved = new Date(`${fx.dates[2]}T00:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + 14);
  const newDate = moved.toISOString().slice(0, 10);
  await form.getByLabel("Datum 3").fill(newDate);
  await form.getByRole("button", { name: "Wijziging vastleggen" }).click();
  await expect(page.getByText("Afspraak gewijzigd. De bevestiging voor de klant staat klaar om te versturen.")).toBeVisible();
  const longDate = new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(moved);
  const summary = page.getByTestId("summary-form");
  await expect(summary.locator('input[name="subject"]')).toHaveValue(/Gewijzigde betalingsafspraak/);
  await expect(summary.locator('textarea[name="body"]')).toHaveValue(new RegExp(`Reden: Klant wacht op subsidie[\\s\\S]*${longDate}`));
  await expect(plan).toContainText(new Intl.DateTimeFormat("nl-NL", { day: "2-digit", month: "short", year: "numeric", timeZone: "UTC" }).format(moved));
});
