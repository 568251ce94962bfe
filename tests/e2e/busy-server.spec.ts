import net from "node:net";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

/**
 * A server past what it can carry answers page views at once with a "busy" page that tries again
 * by itself (server/load-shedding.ts), instead of letting them queue until people give up; once
 * the rush is over the same tab is back in the app without anyone doing anything.
 *
 * The rush: MAX_REQUESTS_IN_FLIGHT (32 by default, as on this server) requests the server is
 * working on. Each is a form post whose body never finishes arriving, so Next.js keeps waiting
 * for it (a write is never turned away, so it counts in flight); closing the connections ends them.
 */
const LIMIT = 32;

function holdRequests(port: number, n: number): { release: () => void } {
  const sockets = Array.from({ length: n }, () => {
    const s = net.connect(port, "127.0.0.1");
    s.on("error", () => {});
    s.write(`POST /worklist HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 1000\r\n\r\n--x\r\n`);
    return s;
  });
  return { release: () => sockets.forEach((s) => s.destroy()) };
}

test("a busy server turns a page view away with a page that comes back by itself", async ({ page, request }) => {
  const port = Number(new URL(test.info().project.use.baseURL!).port);
  await signIn(page, "controller");

  const rush = holdRequests(port, LIMIT);
  try {
    // Held once the server turns a plain page view away (the connections take a moment to land).
    await expect.poll(async () => (await request.get("/sign-in", { maxRedirects: 0 })).status(), { timeout: 10_000 }).toBe(503);
    // The health check is still answered: a supervisor must not restart a busy server.
    expect((await request.get("/api/health")).status()).toBe(200);

    // A click inside the app: the router's request is turned away, the browser loads the page, gets the busy page.
    await page.getByRole("navigation").getByRole("link", { name: "Debiteuren" }).click();
    await expect(page.getByRole("heading", { name: "Het is even te druk" })).toBeVisible();
    await expect(page.getByText("Er is niets verloren gegaan.")).toBeVisible();
    await expect(page.getByText("Deze pagina probeert het over een paar seconden zelf opnieuw.")).toBeVisible();
    expect(new URL(page.url()).pathname).toBe("/debtors");
  } finally {
    rush.release();
  }

  // The rush is over: the same tab tries again by itself and is back in the app, still signed in.
  await expect(page.getByTestId("current-user")).toBeVisible({ timeout: 15_000 });
  expect(new URL(page.url()).pathname).toBe("/debtors");
  await expect(page.getByRole("heading", { name: "Het is even te druk" })).toHaveCount(0);
});
