import { expect, test, type Page, type Request } from "@playwright/test";
import { signIn } from "./helpers";

/**
 * A page view costs the server the page, not a request for every link on it.
 *
 * Next's own <Link> prefetches each link that scrolls into view (two requests per link: the route
 * tree and the metadata). Before links went through components/ui/link.tsx, one page view in this
 * browser set off 24 (worklist) to 70 (search, dashboard) such requests on the large set, several
 * times the server work of the page itself. Clicking a link must still be a client-side
 * navigation: one request for the new page's data, no document load.
 */
/** Records the page's requests until `stop()`. */
function recordRequests(page: Page) {
  const seen: { prefetch: string[]; navigation: string[]; documents: string[] } = { prefetch: [], navigation: [], documents: [] };
  const onRequest = async (r: Request) => {
    const path = new URL(r.url()).pathname;
    if (r.resourceType() === "document") seen.documents.push(path);
    const headers = await r.allHeaders();
    if (!headers.rsc) return;
    (headers["next-router-prefetch"] ? seen.prefetch : seen.navigation).push(path);
  };
  page.on("request", onRequest);
  return { seen, stop: () => page.off("request", onRequest) };
}

async function scrollThrough(page: Page) {
  for (let i = 0; i < 3; i++) {
    await page.mouse.wheel(0, 4000);
    await page.waitForTimeout(300);
  }
  // Prefetches start on a short idle after links come into view.
  await page.waitForTimeout(1500);
}

test.describe("what a page view asks of the server", () => {
  test("the worklist, a debtor page, a search and the dashboard fetch no page nobody opened", async ({ page }) => {
    await signIn(page, "controller");
    const debtorHref = await page.locator('a[href^="/debtors/"]').first().getAttribute("href");
    expect(debtorHref).toMatch(/^\/debtors\/[^/?]+/);
    for (const url of ["/worklist", debtorHref!, "/debtors?q=a", "/dashboard"]) {
      const { seen, stop } = recordRequests(page);
      await page.goto(url);
      await expect(page.getByTestId("current-user")).toBeVisible();
      // Every one of these pages links to other pages (debtors, invoices, the menu).
      expect(await page.locator("a[href^='/']").count(), url).toBeGreaterThan(5);
      await scrollThrough(page);
      stop();
      expect(seen.prefetch, `prefetched from ${url}`).toEqual([]);
    }
  });

  test("a link is still followed in the page: one request for the new page, no document load", async ({ page }) => {
    await signIn(page, "controller");
    const { seen } = recordRequests(page);
    const link = page.locator('a[href^="/debtors/"]').first();
    const href = (await link.getAttribute("href"))!;
    await link.click();
    await expect(page).toHaveURL(new RegExp(`${href.replace(/[?]/g, "\\?")}$`));
    await expect(page.getByTestId("current-user")).toBeVisible();
    expect(seen.documents).toEqual([]);
    expect(seen.navigation).toEqual([href.split("?")[0]]);
    expect(seen.prefetch).toEqual([]);
  });
});
