import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { actionFactory } from "./create-action";
import type { CurrentUser } from "./session";

const controller: CurrentUser = { id: "u1", name: "C", email: "c@x.nl", role: "controller", locale: "en", sessionId: "s1" };
const viewer: CurrentUser = { ...controller, id: "u2", role: "viewer", locale: "nl" };
const fakeDb = {} as Db;

function action(user: CurrentUser | null, handler: (input: { amount: number }) => Promise<unknown>) {
  const createAction = actionFactory({ currentUser: async () => user, accountUser: async () => user, db: () => fakeDb });
  return createAction({ input: z.strictObject({ amount: z.number().int().min(1, { error: "validation.amount" }) }), permission: "payments:write", handler });
}

describe("the action wrapper", () => {
  it("refuses a signed-out caller before reading the input", async () => {
    const handler = vi.fn();
    expect(await action(null, handler)({ nonsense: true })).toEqual({ ok: false, error: "Je bent afgemeld. Meld je opnieuw aan." });
    expect(handler).not.toHaveBeenCalled();
  });

  it("answers field messages in the user's language for bad input, without running the use case", async () => {
    const handler = vi.fn();
    const r = await action(controller, handler)({ amount: 0 });
    expect(r).toEqual({ ok: false, error: "Please check the highlighted fields.", fieldErrors: { amount: ["Enter an amount, e.g. 1250.00."] } });
    expect(handler).not.toHaveBeenCalled();
  });

  it("refuses a role without the permission", async () => {
    const handler = vi.fn();
    expect(await action(viewer, handler)({ amount: 5 })).toEqual({ ok: false, error: "Je hebt geen rechten voor deze actie." });
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    ["forbidden", "You are not allowed to do this."],
    ["not_found", "Not found."],
    ["conflict", "Someone else changed this in the meantime. Reload the page."],
    ["duplicate", "This already exists."],
    ["unavailable", "The database cannot be reached right now. Try again shortly."],
  ] as const)("maps a %s DomainError to its message", async (code, message) => {
    expect(await action(controller, async () => Promise.reject(new DomainError(code, "internal detail")))({ amount: 5 })).toEqual({ ok: false, error: message });
  });

  it("translates a DomainError's field keys and keeps texts that are not keys", async () => {
    const r = await action(controller, async () => Promise.reject(new DomainError("invalid", "bad file", { file: ["payments.errors.noLines", "#3: amount is missing"] })))({ amount: 5 });
    expect(r).toEqual({ ok: false, error: "Please check the highlighted fields.", fieldErrors: { file: [expect.not.stringMatching(/^payments\./), "#3: amount is missing"] } });
  });

  it("shows a generic message with a reference for a bug, never its text, and logs it", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const r = await action(controller, async () => Promise.reject(new Error("SELECT * FROM secret")))({ amount: 5 });
    expect(r.ok).toBe(false);
    const error = r.ok ? "" : r.error;
    expect(error).not.toContain("SELECT");
    const ref = /reference (\w{8})/.exec(error)?.[1];
    expect(ref).toBeDefined();
    expect(log.mock.calls[0]?.[0]).toContain(ref);
    log.mockRestore();
  });

  it("returns the use case's data", async () => {
    expect(await action(controller, async (input) => ({ doubled: input.amount * 2 }))({ amount: 21 })).toEqual({ ok: true, data: { doubled: 42 } });
  });
});

describe("the action wrapper and the sign-in gates", () => {
  it("refuses a user held at a gate everywhere but on the account actions", async () => {
    // currentUser is null while a gate stands (a reset password to replace, a second factor to set up).
    const gated = actionFactory({ currentUser: async () => null, accountUser: async () => controller, db: () => fakeDb });
    const ordinary = gated({ input: z.strictObject({}), permission: "calls:write", handler: async () => "done" });
    const account = gated({ input: z.strictObject({}), permission: "profile:write", handler: async () => "done", account: true });
    expect(await ordinary({})).toEqual({ ok: false, error: "Je bent afgemeld. Meld je opnieuw aan." });
    expect(await account({})).toEqual({ ok: true, data: "done" });
  });
});

describe("the action wrapper when the database is out of reach", () => {
  it("answers the app's own 'try again' message when even the session lookup fails, and when the use case hits a dead pool", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const down = async () => Promise.reject(Object.assign(new Error("Can't reach database server at `db:5432`"), { code: "P1001" }));
    const noSession = actionFactory({ currentUser: down, accountUser: down, db: () => fakeDb });
    const a = noSession({ input: z.strictObject({}), permission: "payments:write", handler: async () => null });
    expect(await a({})).toEqual({ ok: false, error: "De database is nu niet bereikbaar. Probeer het zo opnieuw." });
    const pool = await action(controller, async () => Promise.reject(new Error("timeout exceeded when trying to connect")))({ amount: 5 });
    expect(pool).toEqual({ ok: false, error: "The database cannot be reached right now. Try again shortly." });
    log.mockRestore();
  });
});
