import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./unavailable";

describe("database unavailable", () => {
  it("recognises the shapes a restart, a cut connection or a full pool take", () => {
    expect(isDatabaseUnavailable({ code: "P1001", message: "Can't reach database server at `db:5432`" })).toBe(true);
    expect(isDatabaseUnavailable(new Error("timeout exceeded when trying to connect"))).toBe(true);
    expect(isDatabaseUnavailable({ name: "PrismaClientInitializationError", message: "x" })).toBe(true);
    expect(isDatabaseUnavailable({ message: "wrapped", cause: { code: "57P01", message: "terminating connection due to administrator command" } })).toBe(true);
    expect(isDatabaseUnavailable({ kind: "DatabaseNotReachable" })).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
  });

  it("does not take a bug or a constraint for an outage", () => {
    expect(isDatabaseUnavailable(new TypeError("x is undefined"))).toBe(false);
    expect(isDatabaseUnavailable({ code: "P2002", message: "Unique constraint failed" })).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
