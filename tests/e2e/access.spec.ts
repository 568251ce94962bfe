import { expect, test, type Browser, type Request } from "@playwright/test";
import { LOGINS, signIn } from "./helpers";

type Role = "anonymous" | keyof typeof LOGINS;
const ROLES: Role[] = ["anonymous", "viewer", "controller", "manager", "admin"];
const OK = 200;

/**
 * Pages and file routes per role. "login" = sent to the sign-in page; 401/403 = refused.
 * Every page of the app and every GET route handler has a row here.
 */
const MATRIX: Array<{ path: string; expect: Record<Role, number | "login"> }> = [
  { path: "/worklist", expect: { anonymous: "login", viewer: OK, controller: OK, manager: OK, admin: OK } },
  { path: "/worklist?scope=team&day=tomorrow", expect: { anonymous: "login", viewer: OK, controller: OK, manager: OK, admin: OK } },
  // "Next debtor" answers with a redirect to that debtor's page (or the worklist).
  { path: "/worklist/next?after=deb_000001", expect: { anonymous: "login", viewer: 307, controller: 307, manager: 307, admin: 307 } },
  { path: "/debtors", expect: { anonymous: "login", viewer: OK, controller: OK, manager: OK, admin: OK } },
  { path: "/debtors/deb_000001", expect: { anonymous: "login", viewer: OK, controller: OK, manager: OK, admin: OK } },
  { path: "/invoices/inv_0000001", expect: { anonymous: "login", viewer: OK, controller: OK, manager: OK, admin: OK } },
  { path: "/payments", expect: { anonymous: "login", viewer: OK, controller: OK, manager: OK, admin: OK } },
  { path: "/dunning", expect: { anonymous: "login", viewer: OK, controller: OK, manager: OK, admin: OK } },
  { path: "/dashboard", expect: { anonymous: "login", viewer: 403, controller: OK, manager: OK, admin: OK } },
  { path: "/settings", expect: { anonymous: "login", viewer: OK, controller: OK, manager: OK, admin: OK } },
  { path: "/settings/api", expect: { anonymous: "login", viewer: OK, controller: OK, manager: OK, admin: OK } },
  { path: "/imports", expect: { anonymous: "login", viewer: 403, controller: 403, manager: OK, admin: OK } },
  { path: "/settings/webhooks", expect: { anonymous: "login", viewer: 403, controller: 403, manager: 403, admin: OK } },
  { path: "/settings/creditor", expect: { anonymous: "login", viewer: 403, controller: 403, manager: 403, admin: OK } },
  { path: "/api/dashboard/export?table=aging&format=csv", expect: { anonymous: 401, viewer: 403, controller: OK, manager: OK, admin: OK } },
  { path: "/api/dunning/letters?date=2000-01-01", expect: { anonymous: 401, viewer: 404, controller: 404, manager: 404, admin: 404 } },
  { path: "/api/dunning/letters?date=not-a-date", expect: { anonymous: 401, viewer: 400, controller: 400, manager: 400, admin: 400 } },
  { path: "/api/emails/none/eml", expect: { anonymous: 401, viewer: 404, controller: 404, manager: 404, admin: 404 } },
];

async function contextFor(browser: Browser, role: Role) {
  const context = await browser.newContext();
  if (role !== "anonymous") await signIn(await context.newPage(), role);
  return context;
}

/** Replays a captured server-action request with another role's session. */
async function replay(browser: Browser, role: Role, path: string, request: Request): Promise<string> {
  const context = await contextFor(browser, role);
  const res = await context.request.post(path, {
    headers: { "next-action": request.headers()["next-action"]!, "content-type": request.headers()["content-type"] ?? "text/plain;charset=UTF-8", accept: "text/x-component" },
    data: request.postData() ?? "",
  });
  const text = await res.text();
  await context.close();
  return text;
}

test.describe("access per role", () => {
  test("every page and file route answers each role as the matrix says", async ({ browser }) => {
    let cases = 0;
    for (const role of ROLES) {
      const context = await contextFor(browser, role);
      for (const row of MATRIX) {
        const res = await context.request.get(row.path, { maxRedirects: 0 });
        const expected = row.expect[role];
        if (expected === "login") {
          expect([302, 303, 307], `${role} ${row.path}`).toContain(res.status());
          expect(res.headers()["location"], `${role} ${row.path}`).toMatch(/\/sign-in/);
        } else expect(res.status(), `${role} ${row.path}`).toBe(expected);
        cases++;
      }
      await context.close();
    }
    expect(cases).toBe(ROLES.length * MATRIX.length);
  });

  test("the new write actions refuse a role without the right, also when called directly", async ({ browser, page }) => {
    // A manager saves the ladder unchanged; the same call with a controller's or viewer's session is refused.
    await signIn(page, "manager");
    await page.goto("/dunning");
    const saved = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
    await page.getByRole("button", { name: "Opslaan" }).click();
    const policyRequest = await saved;
    await expect(page.getByRole("status").filter({ hasText: "Opgeslagen" })).toBeVisible();
    for (const role of ["controller", "viewer"] as const) expect(await replay(browser, role, "/dunning", policyRequest)).toContain("Je hebt geen rechten voor deze actie.");

    // A controller snoozes an item; the same call from a viewer is refused and the item stays snoozed once.
    const controller = await browser.newContext();
    const cPage = await controller.newPage();
    await signIn(cPage, "controller");
    await cPage.goto("/worklist");
    const rows = cPage.getByTestId("worklist-row");
    const before = await rows.count();
    await rows.first().focus();
    await cPage.keyboard.press("z");
    await cPage.getByLabel("Reden").selectOption("no_answer");
    const snoozed = cPage.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
    await cPage.getByTestId("snooze-form").getByRole("button", { name: "Uitstellen" }).click();
    const snoozeRequest = await snoozed;
    await expect(rows).toHaveCount(before - 1);
    expect(await replay(browser, "viewer", "/worklist", snoozeRequest)).toContain("Je hebt geen rechten voor deze actie.");
    // Replayed by the same controller, the stale version is a conflict, not a second change.
    expect(await replay(browser, "controller", "/worklist", snoozeRequest)).toMatch(/gewijzigd|conflict|bijgewerkt/i);
    await controller.close();
  });
});
