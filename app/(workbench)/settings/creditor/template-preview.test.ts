import { describe, expect, it } from "vitest";
import { MESSAGE_KINDS } from "@/lib/creditor/message-templates";
import { builtInWording, previewMessage } from "./template-preview";

const creditor = { name: "Groothandel B.V.", iban: "NL91ABNA0417164300", phone: "030 123 4567", email: "debiteuren@groothandel.nl" };
const employee = { name: "Sanne Bakker", email: "sanne@groothandel.nl" };

describe("template preview", () => {
  it("renders every kind in both languages from its built-in wording, with the sample data filled in", () => {
    for (const kind of MESSAGE_KINDS) {
      for (const language of ["nl", "en"] as const) {
        const p = previewMessage(kind, language, builtInWording(kind, language), creditor, employee);
        expect(p.subject, `${kind} ${language}`).not.toMatch(/[{}]/);
        expect(p.body, `${kind} ${language}`).not.toMatch(/[{}]/);
        expect(p.body.length).toBeGreaterThan(100);
      }
    }
  });

  it("shows the edited opening and closing with the placeholders filled in", () => {
    const p = previewMessage("summary", "nl", { subject: "Afspraak met {debiteur}", opening: "Beste {contactpersoon}, fijn dat we spraken op {gespreksdatum}.", closing: "Groet van {medewerker}" }, creditor, employee);
    expect(p.subject).toBe("Afspraak met Bakkerij Jansen B.V.");
    expect(p.body).toContain("Beste Jan de Vries, fijn dat we spraken op 23 november 2026 om 10:15 uur.");
    expect(p.body).toContain("Groet van Sanne Bakker");
    const letter = previewMessage("fourteen_day_letter", "nl", { subject: "Laatste kans", opening: "Nog {bedrag} open.", closing: "" }, creditor, employee);
    expect(letter.body).toContain("Nog € 1.234,56 open.");
    expect(letter.body).toContain("14 dagen, gerekend vanaf de dag na ontvangst van deze brief");
  });
});
