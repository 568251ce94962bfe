import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

/**
 * Prepare -> call -> follow-up on one screen, with the summary delivered to a real local SMTP
 * server (the e2e server's SMTP_HOST/SMTP_PORT point here, see playwright.config.ts).
 */
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2526);
type Received = { to: string[]; subject: string; text: string; messageId: string };
const inbox: Received[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, cb) {
    simpleParser(stream)
      .then((m) => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: m.subject ?? "", text: m.text ?? "", messageId: m.messageId ?? "" });
        cb();
      })
      .catch(cb);
  },
});

test.beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(SMTP_PORT, "127.0.0.1", resolve));
});
test.afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

/** "3329,34" as typed -> "3.329,34" as the summary writes it. */
const nlAmount = (typed: string) => new Intl.NumberFormat("nl-NL", { minimumFractionDigits: 2 }).format(Number(typed.replace(/\./g, "").replace(",", ".")));
const nlDate = (iso: string) => new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));

test("a controller prepares, logs a call with a payment plan, edits and sends the summary; a viewer finds it on the timeline", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page, "controller");
  // A Dutch-language debtor of mine with overdue items, in the 31-60 bucket.
  await page.goto("/debtors?controller=me&bucket=31-60&sort=open");
  const rows = page.getByTestId("debtors-table").locator("tbody tr");
  const count = await rows.count();
  let opened = false;
  for (let i = 0; i < count && !opened; i++) {
    await page.goto("/debtors?controller=me&bucket=31-60&sort=open");
    await rows.nth(i).locator("a").first().click();
    await expect(page.getByTestId("prepare")).toBeVisible();
    const headerText = await page.locator("h1").locator("..").textContent();
    const hasEmail = (await page.getByTestId("contacts").locator('a[href^="mailto:"]').count()) > 0;
    opened = /Taal: NL/.test(headerText ?? "") && hasEmail && !(await page.getByTestId("summary-drafts").count());
  }
  expect(opened).toBe(true);
  const debtorUrl = page.url();
  const debtorName = (await page.locator("h1").textContent())!.split(/\d{6}/)[0]!.trim();

  // Prepare: the goal and call-time advice are on screen before dialling.
  await expect(page.getByTestId("call-goal")).toContainText("uiterlijk");
  await expect(page.getByTestId("call-time-advice")).toBeVisible();

  // Call: start, fill in while talking; the notes are saved as a draft and survive a reload.
  await page.getByTestId("start-call").click();
  await expect(page.getByTestId("call-timer")).toBeVisible();
  await page.getByLabel("Bereikt").check();
  await page.getByTestId("excuse-select").selectOption("no_money");
  await expect(page.getByTestId("excuse-response")).toBeVisible();
  await page.getByTestId("call-notes").fill("Klant heeft tijdelijk krappe liquiditeit, wil in twee termijnen betalen.");
  await expect(page.getByTestId("draft-status")).toContainText("Concept opgeslagen");
  await page.reload();
  await expect(page.getByTestId("call-notes")).toHaveValue("Klant heeft tijdelijk krappe liquiditeit, wil in twee termijnen betalen.");
  await expect(page.getByLabel("Bereikt")).toBeChecked();

  // A plan that does not add up gets a field error and records nothing.
  await page.getByLabel("Betalingsregeling").check();
  await page.getByLabel("Termijnen", { exact: true }).fill("2");
  await page.getByRole("button", { name: "Voorstel maken" }).click();
  const firstAmount = page.getByLabel("Bedrag (€) 1");
  const original = await firstAmount.inputValue();
  await firstAmount.fill("1,00");
  await page.getByTestId("finish-call").click();
  await expect(page.getByTestId("plan-editor")).toContainText("tellen niet op");
  await expect(page.getByTestId("call-timer")).toBeVisible();
  await firstAmount.fill(original);
  await expect(page.getByTestId("plan-sum")).toHaveClass(/green/);
  const amounts = [original, await page.getByLabel("Bedrag (€) 2").inputValue()];
  const dates = [await page.getByLabel("Uiterlijk op 1").inputValue(), await page.getByLabel("Uiterlijk op 2").inputValue()];
  await page.getByTestId("finish-call").click();
  await expect(page.getByTestId("call-form")).toHaveCount(0);

  // Follow-up: the summary is generated from what was recorded; edit it, see the tone warning, send.
  const form = page.getByTestId("summary-form");
  await expect(form).toBeVisible();
  const body = form.locator('textarea[name="body"]');
  for (const [i, a] of amounts.entries()) {
    await expect(body).toHaveValue(new RegExp(nlAmount(a).replace(/\./g, "\\.")));
    await expect(body).toHaveValue(new RegExp(nlDate(dates[i]!)));
  }
  const text = await body.inputValue();
  await body.fill(`${text}\nU moet het betalingskenmerk vermelden.`);
  await expect(page.getByTestId("tone-warnings")).toContainText("moet");
  await body.fill(`${text}\nVermeld bij de betaling graag het factuurnummer.`);
  await expect(page.getByTestId("tone-warnings")).toHaveCount(0);
  const recipient = (await form.locator('select[name="contactId"] option:checked').textContent())!.match(/<(.+)>/)![1]!;
  await page.getByTestId("send-summary").click();
  const status = page.getByTestId("summary-status");
  await expect(status).toContainText("Verstuurd");
  await expect(status).toContainText(recipient);

  await expect.poll(() => inbox.length, { timeout: 10_000 }).toBeGreaterThan(0);
  const mail = inbox.at(-1)!;
  expect(mail.to).toEqual([recipient]);
  expect(mail.subject).toContain("betalingsregeling");
  expect(mail.subject).toContain(debtorName);
  for (const [i, a] of amounts.entries()) {
    expect(mail.text).toContain(nlAmount(a));
    expect(mail.text).toContain(nlDate(dates[i]!));
  }
  expect(mail.text).toContain("Vermeld bij de betaling graag het factuurnummer.");

  // A colleague who only reads sees the call, the plan and the e-mail on the shared timeline.
  const viewer = await browser.newContext({ locale: "nl-NL" });
  const viewerPage = await viewer.newPage();
  await signIn(viewerPage, "viewer");
  await viewerPage.goto(debtorUrl);
  const timeline = viewerPage.getByTestId("timeline");
  await expect(timeline).toContainText("krappe liquiditeit");
  await expect(timeline).toContainText("Betalingsregeling");
  await expect(timeline).toContainText(mail.subject);
  await expect(viewerPage.getByTestId("start-call")).toHaveCount(0);
  await viewer.close();
});
