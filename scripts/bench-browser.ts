/**
 * `npm run bench:browser -- --url http://127.0.0.1:3000 --pid <server pid>`: what one page view in
 * a real browser costs the server. Not a test: it prints figures.
 *
 * `npm run bench:load` sends one request per page view. A browser sends what the page makes it
 * send besides: Next's prefetches of links in view, the JavaScript's own requests. This drives
 * Debian's Chromium (/usr/bin/chromium, or CHROMIUM_PATH) as --who (default the demo controller)
 * through --views page views of each kind (default 10), after one view of each kind not counted (a
 * fresh server loads and compiles a route's code on its first request: 100 to 200 ms): the
 * worklist, a debtor page from it, a search and the dashboard. Each view loads the page, scrolls
 * to its end, and waits until the browser has been quiet for 1.5 s. Per kind it prints the
 * requests the browser sent (documents, page data, prefetches, static files (after the first view
 * the browser serves those from its cache: they are immutable), other) and the server's CPU per
 * view: the CPU time of the process tree of --pid (all web processes when it is the supervisor of
 * `npm run serve`), read from /proc.
 *
 * The server must be a production build (`next build`) serving a database with data (the large set:
 * `npm run db:generate-large`), started by you, e.g. `npm run serve` with PORT and DATABASE_URL.
 */
import { chromium, type Page } from "@playwright/test";
import { cpuOf, processTree } from "./proc-stats";
import { machineSpeed } from "./machine-speed";

const argv = process.argv.slice(2);
const opt = (name: string, fallback: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1]! : fallback);
const base = opt("--url", "http://127.0.0.1:3000").replace(/\/$/, "");
const pid = Number(opt("--pid", "0"));
const views = Number(opt("--views", "10"));
const who = opt("--who", "controller@dunning.test");
const password = opt("--password", "Demo-wachtwoord-2026");
if (!pid) throw new Error("--pid <server pid> is required: the server's CPU is read from /proc");

type Counts = { documents: number; pageData: number; prefetches: number; scripts: number; other: number };
const counts: Counts = { documents: 0, pageData: 0, prefetches: 0, scripts: 0, other: 0 };

async function quiet(page: Page) {
  let last = Date.now();
  const touch = () => (last = Date.now());
  page.on("request", touch);
  page.on("requestfinished", touch);
  while (Date.now() - last < 1500) await page.waitForTimeout(250);
  page.off("request", touch);
  page.off("requestfinished", touch);
}

async function view(page: Page, url: string) {
  await page.goto(base + url);
  for (let i = 0; i < 4; i++) {
    await page.mouse.wheel(0, 3000);
    await page.waitForTimeout(200);
  }
  await quiet(page);
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${base}/sign-in`);
  await page.locator('input[name="email"]').fill(who);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(/\/worklist/);
  await quiet(page);
  const debtors = await page.locator('a[href^="/debtors/"]').evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute("href")!.split("?")[0]!))]);
  const names = await page.locator('a[href^="/debtors/"]').allTextContents();
  const terms = names.map((n) => n.trim().split(/\s+/)[0]!.slice(0, 4)).filter((t) => t.length >= 3);
  page.on("request", (r) => {
    const h = r.headers();
    if (r.resourceType() === "document") counts.documents++;
    else if (h["next-router-prefetch"]) counts.prefetches++;
    else if (h.rsc) counts.pageData++;
    else if (r.url().includes("/_next/static/")) counts.scripts++;
    else counts.other++;
  });

  const kinds: [string, (i: number) => string][] = [
    ["worklist", () => "/worklist"],
    ["debtor page", (i) => debtors[i % debtors.length]!],
    ["search", (i) => `/debtors?q=${encodeURIComponent(terms[i % terms.length] ?? "bakk")}`],
    ["dashboard", () => "/dashboard"],
  ];
  for (const [, url] of kinds) await view(page, url(views));
  console.log(`machine: ${machineSpeed()} ms for the fixed work of scripts/machine-speed.ts (lower is faster); Node.js ${process.version}`);
  console.log(`${base}, signed in as ${who}; ${views} views per kind after one not counted, each loaded, scrolled to the end, then 1.5 s quiet\n`);
  console.log("page view        requests/view  documents  page data  prefetches  static files  other   server CPU ms/view");
  for (const [name, url] of kinds) {
    Object.assign(counts, { documents: 0, pageData: 0, prefetches: 0, scripts: 0, other: 0 });
    const cpu0 = cpuOf(processTree(pid));
    for (let i = 0; i < views; i++) await view(page, url(i));
    const cpuMs = ((cpuOf(processTree(pid)) - cpu0) * 1000) / views;
    const per = (n: number) => (n / views).toFixed(1);
    const total = counts.documents + counts.pageData + counts.prefetches + counts.scripts + counts.other;
    console.log(`${name.padEnd(16)} ${per(total).padStart(13)} ${per(counts.documents).padStart(10)} ${per(counts.pageData).padStart(10)} ${per(counts.prefetches).padStart(11)} ${per(counts.scripts).padStart(13)} ${per(counts.other).padStart(6)} ${cpuMs.toFixed(0).padStart(20)}`);
  }
  await browser.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
