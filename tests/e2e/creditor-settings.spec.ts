import { expect, test } from "@playwright/test";
import { createDb } from "@/lib/db/client";
import { signIn } from "./helpers";

/**
 * A fresh install says who the creditor is: the admin is warned until the details are set, fills
 * them in on Settings → Crediteur, gets a clear message for a mistyped IBAN, saves, and then
 * rewrites the Dutch call summary and sees it in the preview as they type. A controller cannot
 * open the page. The creditor and the wording are removed afterwards (other specs expect the
 * environment's demo creditor and the built-in texts).
 */
const db = createDb(process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db");

async function clean() {
  await db.creditorSettings.deleteMany();
  await db.messageTemplate.deleteMany();
}
test.beforeAll(clean);
test.afterAll(async () => {
  await clean();
  await db.$disconnect();
});

test("an admin sets up the creditor, is told about a wrong IBAN, and edits the Dutch summary with a live preview", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/settings");
  const creditorPanel = page.locator("#creditor");
  await expect(creditorPanel.getByTestId("creditor-warning")).toContainText("Stel eerst de gegevens van de crediteur in: naam, adres, IBAN");
  await creditorPanel.getByRole("link", { name: "Crediteur", exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/creditor$/);
  await expect(page.getByRole("heading", { name: "Crediteur", level: 1 })).toBeVisible();
  await expect(page.getByText("Nog niets opgeslagen: brieven en e-mails gebruiken nu de instellingen van de server (Demo Groothandel B.V.).")).toBeVisible();

  // The details, with a mistyped IBAN (one digit off).
  await page.getByLabel("Bedrijfsnaam", { exact: true }).fill("Groothandel Noord B.V.");
  await page.getByLabel("Straat en huisnummer", { exact: true }).fill("Kade 12");
  await page.getByLabel("Postcode", { exact: true }).fill("9711 AB");
  await page.getByLabel("Plaats", { exact: true }).fill("Groningen");
  await expect(page.getByLabel("Land (code)", { exact: true })).toHaveValue("NL");
  await page.getByLabel("IBAN", { exact: true }).fill("NL91 ABNA 0417 1643 01");
  await page.getByLabel("KvK-nummer", { exact: true }).fill("12345678");
  await page.getByLabel("E-mailadres voor antwoorden", { exact: true }).fill("debiteuren@noord.example");
  await page.getByLabel("Telefoonnummer", { exact: true }).fill("050 123 4567");
  await page.getByRole("button", { name: "Opslaan", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Controleer de gemarkeerde velden." })).toBeVisible();
  await expect(page.getByText("Dit IBAN klopt niet. Controleer het nummer")).toBeVisible();
  await expect(page.getByLabel("IBAN", { exact: true })).toHaveAttribute("aria-invalid", "true");

  // Corrected, it saves; the warning is gone.
  await page.getByLabel("IBAN", { exact: true }).fill("NL91 ABNA 0417 1643 00");
  await page.getByRole("button", { name: "Opslaan", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Gegevens van de crediteur opgeslagen." })).toBeVisible();
  await expect(page.getByTestId("creditor-warning")).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel("IBAN", { exact: true })).toHaveValue("NL91ABNA0417164300");
  await expect(page.getByLabel("Bedrijfsnaam", { exact: true })).toHaveValue("Groothandel Noord B.V.");

  // The Dutch summary after a call: the standard wording first, shown with sample data.
  await expect(page.getByLabel("Bericht", { exact: true })).toHaveValue("summary");
  await expect(page.getByLabel("Taal van de debiteur", { exact: true })).toHaveValue("nl");
  await expect(page.getByTestId("template-state")).toHaveText("Standaardtekst");
  const preview = page.getByTestId("template-preview");
  await expect(preview.getByTestId("template-preview-subject")).toHaveText("Bevestiging betalingsafspraak – Bakkerij Jansen B.V.");
  await expect(preview.getByTestId("template-preview-body")).toContainText("Dank voor ons telefoongesprek van 23 november 2026 om 10:15 uur.");
  await expect(preview.getByTestId("template-preview-body")).toContainText("Groothandel Noord B.V.");

  // A field that does not exist is pointed out at once.
  await page.getByLabel("Openingsalinea", { exact: true }).fill("Fijn dat we elkaar spraken, {naam}.");
  await expect(page.getByTestId("template-unknown")).toContainText("Onbekende velden: {naam}");

  // The own wording, live in the preview; the amounts and the term stay generated.
  await page.getByLabel("Onderwerp", { exact: true }).fill("Onze afspraak – {debiteur}");
  await page.getByLabel("Openingsalinea", { exact: true }).fill("Fijn dat we elkaar spraken op {gespreksdatum}, {contactpersoon}. U kunt betalen op {iban}.");
  await page.getByLabel("Slotalinea", { exact: true }).fill("Vragen? Bel of mail {medewerker}.");
  await expect(page.getByTestId("template-unknown")).toHaveCount(0);
  await expect(preview.getByTestId("template-preview-subject")).toHaveText("Onze afspraak – Bakkerij Jansen B.V.");
  const body = preview.getByTestId("template-preview-body");
  await expect(body).toContainText("Fijn dat we elkaar spraken op 23 november 2026 om 10:15 uur, Jan de Vries. U kunt betalen op NL91ABNA0417164300.");
  await expect(body).toContainText("uiterlijk op 30 november 2026 per overboeking");
  await expect(body).toContainText("Vragen? Bel of mail");
  await expect(body).not.toContainText("Dank voor ons telefoongesprek");

  await page.getByRole("button", { name: "Tekst opslaan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Tekst opgeslagen." })).toBeVisible();
  await expect(page.getByTestId("template-state")).toHaveText("Eigen tekst (versie 1)");
  await page.reload();
  await expect(page.getByLabel("Onderwerp", { exact: true })).toHaveValue("Onze afspraak – {debiteur}");

  // The English summary still has the standard wording.
  await page.getByLabel("Taal van de debiteur", { exact: true }).selectOption("en");
  await expect(page.getByTestId("template-state")).toHaveText("Standaardtekst");
  await expect(preview.getByTestId("template-preview-body")).toContainText("Thank you for our call on 23 November 2026 at 10:15.");
});

test("a controller cannot open the creditor settings", async ({ page }) => {
  await signIn(page, "controller");
  const res = await page.goto("/settings/creditor");
  expect(res?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Geen toegang" })).toBeVisible();
  await page.goto("/settings");
  await expect(page.locator("#creditor")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Crediteur", exact: true })).toHaveCount(0);
});
