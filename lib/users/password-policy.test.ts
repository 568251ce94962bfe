import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password-policy";

describe("password policy", () => {
  it("takes long, uncommon passwords and passphrases", () => {
    expect(passwordProblem("paard-batterij-nietje-correct")).toBeNull();
    expect(passwordProblem("Tulpen bloeien in april")).toBeNull();
    expect(passwordProblem("x7#kQ2!vLm9@")).toBeNull();
  });

  it("refuses short and over-long passwords", () => {
    expect(passwordProblem("kort-1234")).toBe("password.tooShort");
    expect(passwordProblem("a".repeat(10) + "b".repeat(119))).toBe("password.tooLong");
  });

  it("refuses passwords from the breach list, also dressed up with digits, symbols or leet", () => {
    expect(passwordProblem("password1234")).toBe("password.common");
    expect(passwordProblem("1qaz2wsx3edc")).toBe("password.common");
    expect(passwordProblem("Football2026!")).toBe("password.common");
    expect(passwordProblem("!!Baseball!!")).toBe("password.common");
    expect(passwordProblem("Welkom012026")).toBe("password.common");
    expect(passwordProblem("Wachtwoord123")).toBe("password.common");
    expect(passwordProblem("p@ssw0rd2026")).toBe("password.common");
  });

  it("refuses one or two characters repeated", () => {
    expect(passwordProblem("aaaaaaaaaaaaaaa")).toBe("password.repetitive");
    expect(passwordProblem("ababababababab")).toBe("password.repetitive");
  });

  it("refuses a password made of the user's own name or e-mail", () => {
    const me = { email: "sanne.bakker@example.nl", name: "Sanne Bakker" };
    expect(passwordProblem("SanneBakker2026", me)).toBe("password.personal");
    expect(passwordProblem("bakker.sanne!1", me)).toBe("password.personal");
    expect(passwordProblem("debiteuren-Sanne-7", me)).toBe("password.personal");
    // The same password is fine for someone else.
    expect(passwordProblem("SanneBakker2026", { email: "tom@example.nl", name: "Tom Wouters" })).toBeNull();
    // A name inside a real passphrase is fine.
    expect(passwordProblem("sanne fietst naar utrecht", me)).toBeNull();
  });
});
