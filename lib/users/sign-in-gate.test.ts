import { describe, expect, it } from "vitest";
import { gatePage, signInGate } from "./sign-in-gate";

const user = { role: "controller" as const, mustChangePassword: false, twoFactorEnabledAt: null };
const REQUIRED = ["manager", "admin"] as const;

describe("sign-in gate", () => {
  it("lets an ordinary session through", () => {
    expect(signInGate({ twoFactorPending: false }, user, REQUIRED)).toBeNull();
  });

  it("holds a session whose second factor is still to come, before anything else", () => {
    expect(signInGate({ twoFactorPending: true }, { ...user, mustChangePassword: true }, REQUIRED)).toBe("second-factor");
    expect(gatePage("second-factor")).toBe("/sign-in/two-factor");
  });

  it("sends a user whose password was reset to choose a new one, then to the set-up their role requires", () => {
    expect(signInGate({ twoFactorPending: false }, { ...user, role: "manager", mustChangePassword: true }, REQUIRED)).toBe("change-password");
    expect(signInGate({ twoFactorPending: false }, { ...user, role: "manager" }, REQUIRED)).toBe("enrol-two-factor");
    expect(signInGate({ twoFactorPending: false }, { ...user, role: "manager", twoFactorEnabledAt: new Date() }, REQUIRED)).toBeNull();
    expect(signInGate({ twoFactorPending: false }, { ...user, role: "admin" }, [])).toBeNull();
    expect(gatePage("enrol-two-factor")).toBe("/account/security");
  });
});
