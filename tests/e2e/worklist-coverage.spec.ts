import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { nextWorkingDay } from "@/lib/clock/working-days";
import { createDb } from "@/lib/db/client";
import { addDays, startOfDayIn } from "@/lib/format/calendar-date";
import { keysReady, signIn } from "./helpers";

type Fixture = { id: string; name: string; today: string };
const DATABASE_URL = process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db";

test("a large old debt on nobody's list is on the controller's worklist with every reason and its points; claimed, insurer told, no answer retried, gone when paid", async ({ page }) => {
  test.setTimeout(90_000);
  const out = execFileSync(path.resolve("node_modules/.bin/tsx"), ["tests/e2e/fixtures/unworked-debtor.ts"], { env: { ...process.env, DATABASE_URL }, encoding: "utf8" });
  const fx = JSON.parse(out.trim().split("\n").pop()!) as Fixture;
  await signIn(page, "controller");

  // No task asks about it, yet it is on the first page of the list, once, with all its reasons.
  const row = page.getByTestId("worklist-row").filter({ hasText: fx.name });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Achterstand zonder contact");
  await expect(row).toContainText("Meldtermijn verstreken");
  await expect(row).toContainText("Kredietlimiet overschreden");
  await expect(row.getByTestId("worklist-reasons")).toContainText("€ 40.000,00 vervallen zonder afspraak, dispuut of gesprek in 14 dagen");
  await expect(row.getByTestId("worklist-reasons")).toContainText("openstaand € 40.000,00 boven kredietlimiet € 25.000,00");
  // What adds how much, in Dutch figures: 6 x log10(40,000) = 27.6; 168 days / 6 caps at 20.
  const parts = row.getByTestId("worklist-priority-parts");
  await expect(parts).toContainText("€ 40.000,00 vervallen +27,6");
  await expect(parts).toContainText("oudste 168 dgn vervallen +20");
  await expect(parts).toContainText("meldtermijn verstreken +25");
  await expect(row.getByTestId("worklist-score")).toHaveText("94");
  await expect(row.getByTestId("worklist-holder")).toHaveText("Niet toegewezen");

  // Claiming says so on the row itself, and the debtor is now the controller's.
  // (A click before the page is hydrated would go nowhere; the claim may also wait its turn behind
  // a dunning run an earlier journey left writing.)
  await keysReady(page);
  await row.getByRole("button", { name: "Claimen" }).click();
  await expect(row).toContainText("✓ Geclaimd", { timeout: 30_000 });
  await expect(row.getByTestId("worklist-holder")).toHaveText("jij");
  await expect(page.getByRole("status").filter({ hasText: `${fx.name} staat nu op jouw lijst.` })).toBeVisible();

  // The insurer is told: that reason leaves the row, the others stay.
  await row.getByRole("button", { name: "Verzekeraar gemeld" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Melding aan verzekeraar" })).toBeVisible();
  await expect(row).not.toContainText("Meldtermijn verstreken");
  await expect(row).toContainText("Kredietlimiet overschreden");

  // A call nobody answers: the position no longer counts as unworked, and a retry is planned.
  await row.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/debtors/${fx.id}`));
  await page.getByTestId("start-call").click();
  await page.getByLabel("Geen gehoor").check();
  await page.getByTestId("finish-call").click();
  await expect(page.getByTestId("start-call")).toBeVisible();
  const retryDay = nextWorkingDay(addDays(fx.today, 1));
  const db = createDb(DATABASE_URL);
  try {
    const retry = await db.task.findFirstOrThrow({ where: { debtorId: fx.id, status: "open" } });
    expect(retry).toMatchObject({ type: "callback", note: "no_answer_retry", assigneeId: "usr_controller" });
    expect(retry.dueAt.toISOString()).toBe(startOfDayIn(retryDay, "Europe/Amsterdam").toISOString());
  } finally {
    await db.$disconnect();
  }
  await page.goto("/worklist");
  await expect(row).not.toContainText("Achterstand zonder contact");
  await expect(row).toContainText("Kredietlimiet overschreden");
  if (retryDay === addDays(fx.today, 1)) {
    await page.goto("/worklist?day=tomorrow");
    await expect(row.getByTestId("worklist-reasons")).toContainText("Geen gehoor: opnieuw bellen");
  }

  // The money arrives: the debtor leaves the list, today and the retry with it.
  await page.goto(`/debtors/${fx.id}`);
  const form = page.getByTestId("payment-form");
  await form.getByLabel("Bedrag (€)").fill("40000,00");
  await form.getByRole("button", { name: "Boeken" }).click();
  await expect(form.getByRole("status")).toContainText("Betaling geboekt.");
  await page.goto("/worklist");
  await expect(page.getByTestId("worklist-row").first()).toBeVisible();
  await expect(row).toHaveCount(0);
  await page.goto("/worklist?day=tomorrow");
  await expect(row).toHaveCount(0);
});
