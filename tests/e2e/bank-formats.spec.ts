import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

type Fixture = { id: string; name: string; invoiceNumber: string; today: string };

/** YYMMDD and MMDD as MT940 writes dates. */
const yymmdd = (d: string) => d.slice(2).replace(/-/g, "");

test("a controller imports the bank's MT940 file, then the CAMT.053 storno that reverses it: the invoice is open again", async ({ page }) => {
  const out = execFileSync(path.resolve("node_modules/.bin/tsx"), ["tests/e2e/fixtures/statement-debtor.ts"], { env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db" }, encoding: "utf8" });
  const fx = JSON.parse(out.trim().split("\n").pop()!) as Fixture;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "formats-"));
  // The shape of an ING MT940 statement with structured :86: fields (see lib/payments/mt940.test.ts for its sources).
  const mt940 = path.join(dir, "ing.sta");
  fs.writeFileSync(
    mt940,
    [":20:P000000001", ":25:NL83INGB0004812345EUR", ":28C:00000", `:60F:C${yymmdd(fx.today)}EUR1000,00`, `:61:${yymmdd(fx.today)}${yymmdd(fx.today).slice(2)}C605,00NTRFNONREF//${Date.now()}`,
      `:86:/CNTP/NL49ABNA0417700981/ABNANL2A/${fx.name}///REMI/USTD//Factuur ${fx.invoiceNumber}/`, `:62F:C${yymmdd(fx.today)}EUR1605,00`, "-"].join("\r\n") + "\r\n",
  );
  const camt = path.join(dir, "storno.xml");
  fs.writeFileSync(
    camt,
    `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>S${Date.now()}</MsgId><CreDtTm>${fx.today}T06:00:00</CreDtTm></GrpHdr>
<Stmt><Id>S1</Id><Acct><Id><IBAN>NL83INGB0004812345</IBAN></Id></Acct><Ntry><Amt Ccy="EUR">605.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><RvslInd>true</RvslInd><Sts>BOOK</Sts><BookgDt><Dt>${fx.today}</Dt></BookgDt><ValDt><Dt>${fx.today}</Dt></ValDt><AcctSvcrRef>ST${Date.now()}</AcctSvcrRef>
<NtryDtls><TxDtls><RltdPties><Cdtr><Nm>${fx.name}</Nm></Cdtr><CdtrAcct><Id><IBAN>NL49ABNA0417700981</IBAN></Id></CdtrAcct></RltdPties><RmtInf><Ustrd>Storno ${fx.invoiceNumber}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry></Stmt></BkToCstmrStmt></Document>`,
  );

  await signIn(page, "controller");
  await page.getByRole("navigation", { name: "Hoofdnavigatie" }).getByRole("link", { name: "Betalingen" }).click();
  await page.getByLabel("Bestand").setInputFiles(mt940);
  await page.getByRole("button", { name: "Importeren" }).click();
  await expect(page.getByTestId("import-result")).toContainText("1 regels: 1 geboekt");
  await page.goto(`/debtors/${fx.id}`);
  await expect(page.getByText("Openstaande facturen (0)")).toBeVisible();

  await page.goto("/payments");
  await page.getByLabel("Bestand").setInputFiles(camt);
  await page.getByRole("button", { name: "Importeren" }).click();
  await expect(page.getByTestId("import-result")).toContainText("1 teruggeboekt (storno)");
  await page.goto(`/debtors/${fx.id}`);
  await expect(page.getByText("Openstaande facturen (1)")).toBeVisible();
  await expect(page.getByText(fx.invoiceNumber).first()).toBeVisible();
});
