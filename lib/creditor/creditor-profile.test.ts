import { describe, expect, it } from "vitest";
import { creditorProfile, isRealEnvironmentCreditor, postalAddress, type CreditorSettingsRecord } from "./creditor-profile";

const env = { name: "Groothandel B.V.", address: "Markt 1, Utrecht", iban: "NL91ABNA0417164300", email: "debiteuren@groothandel.nl", phone: null };
const saved: CreditorSettingsRecord = {
  name: "Opgeslagen B.V.", street: "Kade 2", postalCode: "3511 AB", city: "Utrecht", country: "NL", iban: "NL91ABNA0417164300", bic: null, cocNumber: "12345678", vatNumber: null,
  email: "info@opgeslagen.nl", phone: "030 1234567", senderName: "Opgeslagen debiteuren", senderAddress: null, logo: null, logoType: null,
};

describe("creditor profile", () => {
  it("takes the saved details, falling back to the environment while nothing is saved", () => {
    expect(creditorProfile(null, env)).toMatchObject({ creditor: env, isSaved: false, replyTo: null, logo: null });
    const p = creditorProfile(saved, env);
    expect(p.creditor).toMatchObject({ name: "Opgeslagen B.V.", address: "Kade 2, 3511 AB Utrecht", cocNumber: "12345678", email: "info@opgeslagen.nl" });
    expect(p).toMatchObject({ isSaved: true, replyTo: "info@opgeslagen.nl", sender: { name: "Opgeslagen debiteuren", address: null } });
  });

  it("prints the country only when it is not the Netherlands", () => {
    expect(postalAddress({ street: "Rue 1", postalCode: "1000", city: "Bruxelles", country: "BE" })).toBe("Rue 1, 1000 Bruxelles, BE");
  });

  it("counts an environment creditor as real only with its own name, an address and an IBAN", () => {
    expect(isRealEnvironmentCreditor(env)).toBe(true);
    expect(isRealEnvironmentCreditor({ ...env, name: "Dunning Workbench" })).toBe(false);
    expect(isRealEnvironmentCreditor({ ...env, name: "Demo Groothandel B.V." })).toBe(false);
    expect(isRealEnvironmentCreditor({ ...env, address: null })).toBe(false);
    expect(isRealEnvironmentCreditor({ ...env, iban: null })).toBe(false);
  });
});
