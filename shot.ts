import { chromium } from "playwright-core";
const base = process.env.BASE ?? "http://127.0.0.1:3411";
const who = process.env.WHO ?? "controller@dunning.test";
const pages = (process.env.PAGES ?? "/worklist").split(",");
const widths = (process.env.WIDTHS ?? "1440,1280,390").split(",").map(Number);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
for (const w of widths) {
  const ctx = await browser.newContext({ viewport: { width: w, height: 1000 } });
  const page = await ctx.newPage();
  await page.goto(`${base}/sign-in`);
  await page.locator('input[name="email"]').fill(who);
  await page.locator('input[name="password"]').fill("Demo-wachtwoord-2026");
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(/worklist/);
  for (const p of pages) {
    await page.goto(`${base}${p}`);
    await page.waitForLoadState("networkidle");
    const name = `${process.env.TAG ?? "shot"}-${p.replace(/[^a-z]/gi, "_")}-${w}.png`;
    await page.screenshot({ path: `/tmp/shots/${name}`, fullPage: false });
    const sw = await page.evaluate(() => document.documentElement.scrollWidth);
    console.log(name, "scrollWidth", sw);
  }
  await ctx.close();
}
await browser.close();
