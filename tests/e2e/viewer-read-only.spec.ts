import { expect, test, type Request } from "@playwright/test";
import { signIn } from "./helpers";

test.describe("a viewer reads everything and changes nothing", () => {
  test("reads debtors, but the dashboard and user management are closed", async ({ page }) => {
    await signIn(page, "viewer");
    await page.goto("/debtors");
    await page.getByTestId("debtors-table").locator("tbody tr a").first().click();
    await expect(page.getByTestId("debtor-position")).toBeVisible();

    const res = await page.goto("/dashboard");
    expect(res?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Geen toegang" })).toBeVisible();

    await page.goto("/settings");
    await expect(page.getByTestId("users-table")).toHaveCount(0);
  });

  test("an admin's server action replayed with a viewer's session is refused and changes nothing", async ({ browser }) => {
    // Capture a real "change role" action call as the admin...
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await signIn(admin, "admin");
    await admin.goto("/settings");
    const row = admin.getByTestId("users-table").locator("tr", { hasText: "manager@dunning.test" });
    const select = row.locator("select");
    await expect(select).toHaveValue("manager");
    const captured = admin.waitForRequest((r: Request) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
    await select.selectOption("viewer");
    const request = await captured;
    await expect(admin.getByTestId("users-table").locator("tr", { hasText: "manager@dunning.test" }).locator("select")).toHaveValue("viewer");
    await select.selectOption("manager");
    await admin.reload();
    await expect(admin.getByTestId("users-table").locator("tr", { hasText: "manager@dunning.test" }).locator("select")).toHaveValue("manager");

    // ...and send the same request with a viewer's and a controller's cookies.
    for (const role of ["viewer", "controller"] as const) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signIn(page, role);
      const res = await page.request.post("/settings", {
        headers: {
          "next-action": request.headers()["next-action"]!,
          "content-type": request.headers()["content-type"] ?? "text/plain;charset=UTF-8",
          accept: "text/x-component",
        },
        data: request.postData() ?? "",
      });
      expect(await res.text()).toContain("Je hebt geen rechten voor deze actie.");
      await context.close();
    }
    await admin.reload();
    await expect(admin.getByTestId("users-table").locator("tr", { hasText: "manager@dunning.test" }).locator("select")).toHaveValue("manager");
    await adminContext.close();
  });

  test("a viewer may still choose their own language", async ({ page }) => {
    await signIn(page, "viewer");
    await page.goto("/settings");
    await page.getByLabel("Taal van de app").selectOption("en");
    await expect(page.getByRole("link", { name: "Debtors" })).toBeVisible();
    await page.getByLabel("App language").selectOption("nl");
    await expect(page.getByRole("link", { name: "Debiteuren" })).toBeVisible();
  });
});
