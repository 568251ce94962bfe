import { describe, expect, it } from "vitest";
import { can, canWriteDebtor, isRole, ROLES } from "./roles";

describe("roles", () => {
  it("lets a viewer read everything and write nothing but their profile", () => {
    expect(can("viewer", "debtors:read")).toBe(true);
    for (const p of ["debtors:write", "calls:write", "agreements:write", "policy:write", "users:manage", "dashboard:read"] as const) {
      expect(can("viewer", p)).toBe(false);
    }
  });

  it("keeps user management to admins", () => {
    expect(ROLES.filter((r) => can(r, "users:manage"))).toEqual(["admin"]);
    expect(ROLES.filter((r) => can(r, "integrations:manage"))).toEqual(["admin"]);
    expect(ROLES.filter((r) => can(r, "settings:write"))).toEqual(["admin"]);
    expect(ROLES.filter((r) => can(r, "privacy:manage"))).toEqual(["admin", "manager"]);
    expect(ROLES.filter((r) => can(r, "jobs:read"))).toEqual(["admin", "manager"]);
  });

  it("lets managers and admins assign debtors, not controllers or viewers", () => {
    expect(ROLES.filter((r) => can(r, "debtors:assign"))).toEqual(["admin", "manager"]);
  });

  it("lets a controller write only in their own portfolio or on unassigned debtors", () => {
    const me = { id: "u1", role: "controller" as const };
    expect(canWriteDebtor(me, { assignedControllerId: "u1" })).toBe(true);
    expect(canWriteDebtor(me, { assignedControllerId: null })).toBe(true);
    expect(canWriteDebtor(me, { assignedControllerId: "u2" })).toBe(false);
    expect(canWriteDebtor({ id: "m", role: "manager" }, { assignedControllerId: "u2" })).toBe(true);
    expect(canWriteDebtor({ id: "v", role: "viewer" }, { assignedControllerId: null })).toBe(false);
  });

  it("recognises only the four roles", () => {
    expect(isRole("admin")).toBe(true);
    expect(isRole("superuser")).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
