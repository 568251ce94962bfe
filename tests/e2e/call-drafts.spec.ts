import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

/** A fresh debtor of controller@ with one overdue invoice of EUR 605 (fixtures/statement-debtor.ts). */
function debtor(): { id: string } {
  const out = execFileSync(path.resolve("node_modules/.bin/tsx"), ["tests/e2e/fixtures/statement-debtor.ts"], { env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db" }, encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop()!) as { id: string };
}

test("call work is never lost: a reload in the middle of a plan keeps its rows; a bad phone number does not stop the notes from saving; a second tab is told it is the user's own", async ({ page, context }) => {
  test.setTimeout(90_000);
  const fx = debtor();
  await signIn(page, "controller");
  await page.goto(`/debtors/${fx.id}`);
  await page.getByTestId("start-call").click();
  await page.getByLabel("Bereikt").check();

  // A plan of three, one amount changed by hand: after a reload the same rows are there.
  await page.getByLabel("Betalingsregeling").check();
  await page.getByLabel("Termijnen", { exact: true }).fill("3");
  await page.getByRole("button", { name: "Voorstel maken" }).click();
  await page.getByLabel("Bedrag (€) 1").fill("305,00");
  await page.getByLabel("Bedrag (€) 2").fill("150,00");
  await page.getByLabel("Bedrag (€) 3").fill("150,00");
  const dates = [await page.getByLabel("Uiterlijk op 1").inputValue(), await page.getByLabel("Uiterlijk op 2").inputValue(), await page.getByLabel("Uiterlijk op 3").inputValue()];

  // A phone number the server would refuse: marked at once, and the notes typed after it still save.
  await page.getByLabel("Gebeld nummer").fill("bel via receptie");
  await expect(page.getByText("Alleen cijfers, spaties en + ( ) - .")).toBeVisible();
  await page.getByTestId("call-notes").fill("Akkoord met drie termijnen, eerste iets hoger.");
  await expect(page.getByTestId("draft-status")).toContainText("Concept opgeslagen");
  await page.reload();
  await expect(page.getByTestId("call-notes")).toHaveValue("Akkoord met drie termijnen, eerste iets hoger.");
  await expect(page.getByLabel("Betalingsregeling")).toBeChecked();
  await expect(page.getByLabel("Bedrag (€) 1")).toHaveValue("305,00");
  await expect(page.getByLabel("Bedrag (€) 3")).toHaveValue("150,00");
  for (const [i, d] of dates.entries()) await expect(page.getByLabel(`Uiterlijk op ${i + 1}`)).toHaveValue(d);

  // The same call in a second tab: it saves first; this tab is then told plainly, and keeps its text.
  const other = await context.newPage();
  await other.goto(`/debtors/${fx.id}`);
  await other.getByTestId("call-notes").fill("Tweede tabblad: klant belt vrijdag terug.");
  await expect(other.getByTestId("draft-status")).toContainText("Concept opgeslagen");
  await page.getByTestId("call-notes").fill("Eerste tabblad: akkoord met drie termijnen.");
  const alert = page.getByTestId("other-tab");
  await expect(alert).toContainText("in een ander tabblad van jou opgeslagen");
  await expect(page.getByTestId("call-notes")).toHaveValue("Eerste tabblad: akkoord met drie termijnen.");
  await alert.getByRole("button", { name: "Tekst van dit tabblad bewaren" }).click();
  await expect(page.getByTestId("other-tab")).toHaveCount(0);
  await expect(page.getByTestId("draft-status")).toContainText("Concept opgeslagen");
  await page.reload();
  await expect(page.getByTestId("call-notes")).toHaveValue("Eerste tabblad: akkoord met drie termijnen.");
  await other.close();
});
