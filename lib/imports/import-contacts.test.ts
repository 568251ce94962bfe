import { describe, expect, it } from "vitest";
import { contactOf } from "./import-contacts";
import { emptyOutcome } from "./import-outcome";

const row = (values: Record<string, unknown>) => ({ row: 2, values: { customerNumber: "1001", ...values } });

describe("a contacts row", () => {
  it("is known by the file's contact id, else the e-mail address, else the name; the weaker keys come along", () => {
    const outcome = emptyOutcome();
    const keys = (values: Record<string, unknown>) => contactOf(row(values), outcome)!.keys.map((k) => k.split("\u0001"));
    expect(keys({ contactId: "C-7", email: "Jan@Klant.nl", contactName: "Jan  de Vries" })).toEqual([["1001", "id:C-7"], ["1001", "email:jan@klant.nl"], ["1001", "name:jan de vries"]]);
    expect(keys({ email: "jan@klant.nl" })).toEqual([["1001", "email:jan@klant.nl"]]);
    expect(keys({ firstName: "Jan", lastName: "de Vries" })).toEqual([["1001", "name:jan de vries"]]);
    expect(outcome.errors).toEqual([]);
  });

  it("makes the name from first and last name when there is no full name, and reads what it is given", () => {
    const c = contactOf(row({ firstName: "Anna", lastName: "Smit", jobTitle: "Inkoper", role: "buyer", mobile: "06 12345678", isPrimaryForPayments: false }), emptyOutcome());
    expect(c).toMatchObject({ name: "Anna Smit", jobTitle: "Inkoper", role: "buyer", mobile: "06 12345678", isPrimaryForPayments: false, phone: undefined, email: undefined });
  });

  it("is an error when nothing in it names a person", () => {
    const outcome = emptyOutcome();
    expect(contactOf(row({ phone: "020 1234567" }), outcome)).toBeNull();
    expect(outcome.errors.map((e) => e.message)).toEqual(["no contact id, e-mail address or name to know the contact by"]);
  });
});
