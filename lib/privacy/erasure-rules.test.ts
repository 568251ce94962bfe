import { describe, expect, it } from "vitest";
import { confirmsName, erasedAddressFor, erasureBlockers, isErasedName, pseudonymFor } from "./erasure-rules";

const settled = { openCents: 0n, openItems: 0, openAgreements: 0, openDisputes: 0, queuedEmails: 0 };

describe("when a person may be erased", () => {
  it("allows erasure once nothing of the claim is open", () => {
    expect(erasureBlockers(settled)).toEqual([]);
  });

  it("names every reason the claim is still open", () => {
    expect(erasureBlockers({ openCents: 100n, openItems: 1, openAgreements: 1, openDisputes: 2, queuedEmails: 1 })).toEqual(["open_invoices", "open_agreements", "open_disputes", "queued_emails"]);
    expect(erasureBlockers({ ...settled, openItems: 1 })).toEqual(["open_invoices"]);
    expect(erasureBlockers({ ...settled, openCents: -500n })).toEqual(["open_invoices"]);
  });

  it("gives a recognisable pseudonym and an address that can never be delivered", () => {
    const p = pseudonymFor("cm1abc234def567");
    expect(p).toBe("Verwijderd (privacy) #def567");
    expect(isErasedName(p)).toBe(true);
    expect(isErasedName("Anna de Vries")).toBe(false);
    expect(erasedAddressFor("cm1abc234DEF567")).toBe("verwijderd-def567@privacy.invalid");
  });

  it("accepts the typed name regardless of case and spacing, nothing else", () => {
    expect(confirmsName("  anna  DE vries ", "Anna de Vries")).toBe(true);
    expect(confirmsName("Anna", "Anna de Vries")).toBe(false);
    expect(confirmsName("", "")).toBe(false);
  });
});
