/**
 * What a browser sends for a click inside the app (used by `npm run bench:load -- --navigation`).
 *
 * A click on a link does not load a new document: the router asks the server for the new page's
 * React Server Components payload (header `rsc: 1`), telling it which page it is on
 * (`next-router-state-tree`), and the server renders only what differs from there (the app shell,
 * session menu and badge come from the page already shown). The request also carries `_rsc`, a
 * hash of those headers that the server checks. Rather than rebuild Next's formats here, a real
 * Chromium (/usr/bin/chromium, or CHROMIUM_PATH), signed in with the bench's session cookie, makes
 * one navigation of each kind and the headers it sent are kept; the bench then sends the same
 * headers with other targets (another debtor, another search text).
 */
import { chromium } from "@playwright/test";

/** The kinds of view, each reached from where a controller comes from. */
export type NavigationKind = "worklist" | "debtor" | "search" | "dashboard";
export type NavigationHeaders = { rsc: string; headers: Record<string, string> };

const ROUTER_HEADERS = ["rsc", "next-router-state-tree", "next-url"];

/**
 * One in-app navigation per kind, from the page a controller comes from: to the worklist from a
 * debtor page, to a debtor page from the worklist, to a search from the debtors list, to the
 * dashboard from the worklist.
 */
export async function learnNavigations(base: string, cookie: string, samples: { debtorPath: string; searchPath: string }): Promise<Map<NavigationKind, NavigationHeaders>> {
  const routes: [NavigationKind, string, string][] = [
    ["worklist", samples.debtorPath, "/worklist"],
    ["debtor", "/worklist", samples.debtorPath],
    ["search", "/debtors", samples.searchPath],
    ["dashboard", "/worklist", "/dashboard"],
  ];
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
  try {
    const context = await browser.newContext();
    const url = new URL(base);
    await context.addCookies(
      cookie.split(/;\s*/).flatMap((pair) => {
        const at = pair.indexOf("=");
        return at > 0 ? [{ name: pair.slice(0, at), value: pair.slice(at + 1), domain: url.hostname, path: "/" }] : [];
      }),
    );
    const page = await context.newPage();
    const learned = new Map<NavigationKind, NavigationHeaders>();
    for (const [kind, from, to] of routes) {
      await page.goto(base + from);
      await page.waitForFunction(() => Boolean((window as unknown as { next?: { router?: unknown } }).next?.router));
      const [request] = await Promise.all([
        page.waitForRequest((r) => r.headers().rsc === "1" && !r.headers()["next-router-prefetch"] && new URL(r.url()).pathname === new URL(base + to).pathname, { timeout: 15_000 }),
        page.evaluate((target) => (window as unknown as { next: { router: { push(href: string): void } } }).next.router.push(target), to),
      ]);
      const sent = request.headers();
      const rsc = new URL(request.url()).searchParams.get("_rsc");
      if (!rsc) throw new Error(`the ${kind} navigation carried no _rsc parameter: Next's router changed, see scripts/bench-navigation.ts`);
      learned.set(kind, { rsc, headers: Object.fromEntries(ROUTER_HEADERS.filter((h) => sent[h] !== undefined).map((h) => [h, sent[h]!])) });
    }
    return learned;
  } finally {
    await browser.close();
  }
}

/** The path with the learned `_rsc` parameter added. */
export function navigationPath(pathname: string, nav: NavigationHeaders): string {
  return `${pathname}${pathname.includes("?") ? "&" : "?"}_rsc=${encodeURIComponent(nav.rsc)}`;
}
