import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

/**
 * A manager loads the company's open items from the accounting package's export: the mapping is
 * proposed from the headers, one column the app does not know is chosen by hand, the dry run says
 * what will happen (nothing written), the import does it, the history shows it, and the new
 * debtor is found in the debtor list. A file with a bad row is refused with the row named.
 * (Header spelling as in Twinfield's browse labels and common Dutch exports; rows our own.)
 */
const tag = `E${Date.now().toString(36).toUpperCase()}`;
const csv = (rows: string[]) =>
  Buffer.from(["Debiteur;Naam;Factuurnr.;Factuurdatum;Vervaldatum;Bedrag;Nog te ontvangen;Valuta", ...rows].join("\r\n") + "\r\n", "latin1");
const good = csv([
  `${tag}1;Zuivelhandel Brink;${tag}-F1;02-01-2031;01-02-2031;1.210,00;1.210,00;EUR`,
  `${tag}1;Zuivelhandel Brink;${tag}-F2;15-01-2031;14-02-2031;605,00;300,00;EUR`,
  `${tag}2;Café Zonneveld;${tag}-F3;20-12-2030;19-01-2031;99,95;99,95;EUR`,
]);

test("a manager maps the columns, sees the dry run, imports, and finds the new debtor", async ({ page }) => {
  await signIn(page, "manager");
  await page.getByRole("link", { name: "Import" }).click();
  await expect(page.getByRole("heading", { name: "Debiteuren en openstaande posten importeren" })).toBeVisible();

  await page.getByLabel("Bestand", { exact: true }).setInputFiles({ name: "openstaande-posten.csv", mimeType: "text/csv", buffer: good });
  await page.getByLabel("Bron").fill("twinfield-e2e");
  await page.getByRole("button", { name: "Proefimport" }).click();

  // "Nog te ontvangen" is not a name the app knows: the dry run refuses and says, in the user's language, which field lacks a column.
  const preview = page.getByTestId("import-preview");
  await expect(page.getByTestId("import-errors")).toContainText("Openstaand: geen kolom gekozen (verplicht)");
  await expect(preview.getByLabel("Klantnummer")).toHaveValue("Debiteur");
  await expect(preview.getByLabel("Factuurnummer")).toHaveValue("Factuurnr.");
  await preview.getByLabel("Openstaand").selectOption("Nog te ontvangen");

  // The dry run again: what it will do, and nothing written yet.
  const plan = page.getByTestId("import-plan");
  await expect(plan).toHaveText("3 regels: 2 nieuwe en 0 gewijzigde debiteuren; 3 nieuwe, 0 gewijzigde en 0 gesloten facturen.");
  await expect(page.getByTestId("import-history")).toContainText("Proefimport");

  await page.getByRole("button", { name: "Importeren", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Geïmporteerd" })).toHaveText("Geïmporteerd: 5 nieuw, 0 gewijzigd, 0 gesloten.");
  const history = page.getByTestId("import-history");
  await expect(history.locator("tr", { hasText: "openstaande-posten.csv" }).first()).toContainText("Geïmporteerd");

  // The same file again: the dry run finds nothing to do (the remembered mapping is used).
  await page.getByLabel("Bestand", { exact: true }).setInputFiles({ name: "openstaande-posten.csv", mimeType: "text/csv", buffer: good });
  await page.getByRole("button", { name: "Proefimport" }).click();
  await expect(plan).toHaveText("3 regels: 0 nieuwe en 0 gewijzigde debiteuren; 0 nieuwe, 0 gewijzigde en 0 gesloten facturen.");

  // The imported debtor, with what is open, in the debtor list, and in its export (Dutch Excel: ";" and decimal commas).
  await page.goto(`/debtors?q=${encodeURIComponent("Café Zonneveld")}`);
  const download = page.waitForEvent("download");
  await page.getByTestId("debtors-export").getByRole("link", { name: "CSV" }).first().click();
  const csvText = await (await (await download).createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  expect(csvText).toContain(`"${tag}2";"Café Zonneveld"`);
  expect(csvText).toContain(`;"EUR";99,95;`);
  await page.getByTestId("debtors-table").getByRole("link", { name: "Café Zonneveld" }).click();
  await expect(page.getByText(`${tag}-F3`).first()).toBeVisible();
});

test("a file with a bad row is refused with the row named, and nothing is imported", async ({ page }) => {
  await signIn(page, "manager");
  await page.goto("/imports");
  const bad = Buffer.from(
    ["Debiteur;Naam;Factuurnr.;Factuurdatum;Vervaldatum;Bedrag;Openstaand;Valuta", `${tag}9;Foutje B.V.;${tag}-F9;31-02-2031;01-03-2031;10,00;10,00;EUR`, `${tag}9;Foutje B.V.;${tag}-F10;01-02-2031;01-03-2031;10,00;10,00;EURO`].join("\r\n"),
  );
  await page.getByLabel("Bestand", { exact: true }).setInputFiles({ name: "fout.csv", mimeType: "text/csv", buffer: bad });
  await page.getByLabel("Bron").fill("twinfield-e2e-fout");
  await page.getByRole("button", { name: "Proefimport" }).click();
  const errors = page.getByTestId("import-errors");
  await expect(errors).toContainText("Regel 2: Factuurdatum");
  await expect(errors).toContainText("Regel 3: Valuta");
  await expect(page.getByRole("button", { name: "Importeren", exact: true })).toHaveCount(0);
  await page.goto(`/debtors?q=${encodeURIComponent("Foutje")}`);
  await expect(page.getByTestId("debtors-table").getByRole("link", { name: "Foutje B.V." })).toHaveCount(0);
});

test("a manager loads the payments the accounting package booked: the dry run says what it books, the same file twice books nothing", async ({ page }) => {
  await signIn(page, "manager");
  await page.goto("/imports");
  const source = `e2e-pay-${tag.toLowerCase()}`;
  const items = Buffer.from(["Debiteur;Naam;Factuurnr.;Factuurdatum;Vervaldatum;Bedrag;Openstaand;Valuta", `${tag}P;Kwekerij Hof;${tag}-P1;02-01-2025;01-02-2025;100,00;100,00;EUR`].join("\r\n"), "latin1");
  await page.getByLabel("Bestand", { exact: true }).setInputFiles({ name: "openstaand.csv", mimeType: "text/csv", buffer: items });
  await page.getByLabel("Bron").fill(source);
  await page.getByRole("button", { name: "Proefimport" }).click();
  await page.getByRole("button", { name: "Importeren", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Geïmporteerd" })).toBeVisible();

  // Dates in the past: a payment cannot have a value date after today (the test runs on the real clock).
  const payments = Buffer.from(["Klantnummer;Betaaldatum;Bedrag;Factuurnummer", `${tag}P;15-01-2025;100,00;${tag}-P1`].join("\r\n"), "latin1");
  await page.getByLabel("Soort bestand").selectOption("payments");
  await page.getByLabel("Bestand", { exact: true }).setInputFiles({ name: "betalingen.csv", mimeType: "text/csv", buffer: payments });
  await page.getByRole("button", { name: "Proefimport" }).click();
  const plan = page.getByTestId("import-plan");
  await expect(plan).toContainText("1 betalingen te boeken");
  await expect(plan).toContainText("1 volledig betaald");
  await page.getByRole("button", { name: "Importeren", exact: true }).click();
  await expect(plan).toContainText("1 betalingen geboekt");

  await page.getByLabel("Bestand", { exact: true }).setInputFiles({ name: "betalingen.csv", mimeType: "text/csv", buffer: payments });
  await page.getByRole("button", { name: "Proefimport" }).click();
  await expect(plan).toContainText("0 betalingen te boeken");
  await expect(plan).toContainText("1 eerder geboekt");
});
