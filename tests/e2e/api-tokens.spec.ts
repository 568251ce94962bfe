import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

/**
 * A controller connects another system: makes a read-only token in the settings (shown once),
 * the other system reads the API with it and is refused a write, the token's last use shows up,
 * and after revoking it the API refuses it. Then the reference page lists the endpoints.
 */
test("a controller makes a token, uses it against the API, sees its last use, and revokes it", async ({ page, request }) => {
  await signIn(page, "controller");
  await page.goto("/settings#api-tokens");
  const form = page.getByTestId("api-token-form");
  await form.getByLabel("Naam").fill("Rapportage BI");
  await form.getByLabel("Bereik").selectOption("read");
  await form.getByRole("button", { name: "Token maken" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Token gemaakt" })).toBeVisible();
  const token = (await page.getByTestId("api-token-value").textContent())!.trim();
  expect(token).toMatch(/^dwb_[A-Za-z0-9_-]{43}$/);
  const row = page.getByTestId("api-token-list").locator("tr", { hasText: "Rapportage BI" });
  await expect(row).toContainText("Alleen lezen");
  await expect(row).toContainText("nooit");

  const auth = { authorization: `Bearer ${token}` };
  const me = await request.get("/api/v1/me", { headers: auth });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ role: "controller", token: { scope: "read" } });
  const list = await request.get("/api/v1/debtors?limit=2", { headers: auth });
  expect(list.status()).toBe(200);
  expect(((await list.json()) as { data: unknown[] }).data).toHaveLength(2);
  const write = await request.post("/api/v1/contacts", { headers: { ...auth, "idempotency-key": "e2e-token-write-1" }, data: { debtorId: "x", name: "Y" } });
  expect(write.status()).toBe(403);
  expect(((await write.json()) as { code: string }).code).toBe("insufficient_scope");

  // The token shown once is gone after a reload; the list shows when it was last used.
  await page.reload();
  await expect(page.getByTestId("api-token-value")).toHaveCount(0);
  await expect(row).not.toContainText("nooit");

  page.once("dialog", (d) => void d.accept());
  await row.getByRole("button", { name: "Intrekken" }).click();
  await expect(row).toContainText("Ingetrokken");
  const after = await request.get("/api/v1/me", { headers: auth });
  expect(after.status()).toBe(401);
  expect(((await after.json()) as { detail: string }).detail).toMatch(/revoked/);

  await page.goto("/settings/api");
  await expect(page.getByRole("heading", { level: 1, name: "API-referentie" })).toBeVisible();
  await expect(page.locator("#listInvoices")).toContainText("/api/v1/invoices");
  const spec = await request.get("/api/v1/openapi.json");
  expect(((await spec.json()) as { openapi: string }).openapi).toBe("3.1.0");
});
