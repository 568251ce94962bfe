/** Roles and what each may do. One table: pages, actions and tests all read it. */
export const ROLES = ["admin", "manager", "controller", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "debtors:read",
  "debtors:write",
  /**
   * who holds a debtor: giving debtors (and their open items) to a colleague or to nobody, one at
   * a time or in bulk. The team's lead decides the portfolios; a controller claims on the worklist.
   */
  "debtors:assign",
  "calls:write",
  "agreements:write",
  "agreements:approve",
  "dashboard:read",
  "policy:write",
  "payments:write",
  "users:manage",
  "profile:write",
  /** loading debtors and open items from an accounting package's export */
  "imports:write",
  /** a data subject's access export and erasure (GDPR art. 15 and 17) */
  "privacy:manage",
  /** webhook subscribers: outside systems that get events pushed */
  "integrations:manage",
  /** the background jobs' state: when each last ran, on which process, and its last failure */
  "jobs:read",
  /** the creditor's own details (name, address, IBAN, logo, sender) and the wording of its messages */
  "settings:write",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const TABLE: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  manager: PERMISSIONS.filter((p) => p !== "users:manage" && p !== "integrations:manage" && p !== "settings:write"),
  controller: ["debtors:read", "debtors:write", "calls:write", "agreements:write", "payments:write", "dashboard:read", "profile:write"],
  // A viewer (a colleague from sales or service) reads everything and writes nothing but their
  // own UI language.
  viewer: ["debtors:read", "profile:write"],
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return TABLE[role].includes(permission);
}

/**
 * Writes on one debtor: managers and admins anywhere; a controller on the debtors in their own
 * portfolio and on unassigned ones (so a gap in the assignment never blocks a call).
 */
export function canWriteDebtor(
  user: { id: string; role: Role },
  debtor: { assignedControllerId: string | null },
): boolean {
  if (!can(user.role, "debtors:write")) return false;
  if (user.role === "admin" || user.role === "manager") return true;
  return debtor.assignedControllerId === null || debtor.assignedControllerId === user.id;
}
