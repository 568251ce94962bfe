import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";
import { admits, busyResponse, requestsInFlight, RETRY_AFTER_SECONDS, trackRequestsInFlight, turnAwayWhenBusy } from "./load-shedding";

const page = { method: "GET", pathname: "/worklist", prefetch: false };

describe("admits: which requests an overloaded process turns away", () => {
  it("takes page views while fewer than the limit are in flight, and none at the limit", () => {
    expect(admits(page, 15, 16)).toBe(true);
    expect(admits(page, 16, 16)).toBe(false);
    expect(admits({ ...page, method: "HEAD" }, 16, 16)).toBe(false);
    expect(admits({ ...page, pathname: "/api/v1/debtors" }, 16, 16)).toBe(false);
  });

  it("never turns away a write or the health check", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) expect(admits({ ...page, method }, 500, 16)).toBe(true);
    expect(admits({ ...page, pathname: "/api/health" }, 500, 16)).toBe(true);
  });

  it("turns prefetches (the router guessing the next click) away from half the limit on", () => {
    expect(admits({ ...page, prefetch: true }, 7, 16)).toBe(true);
    expect(admits({ ...page, prefetch: true }, 8, 16)).toBe(false);
    expect(admits({ ...page, prefetch: true }, 2, 5)).toBe(true);
    expect(admits({ ...page, prefetch: true }, 3, 5)).toBe(false);
  });

  it("with limit 0 takes everything", () => {
    expect(admits(page, 10_000, 0)).toBe(true);
  });
});

describe("busyResponse", () => {
  it("is a small page in the browser's language that tries again by itself", async () => {
    const res = busyResponse("/debtors/deb_1", "nl-NL,nl;q=0.9,en;q=0.8");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain("Het is even te druk");
    expect(html).toContain(`<meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS}">`);
    expect(html).not.toContain("<script");
    expect(await busyResponse("/worklist", "en-GB,en;q=0.9").text()).toContain("The server is busy");
  });

  it("is the API's problem details with a stable code, in the API's language (English unless Dutch is asked first)", async () => {
    const res = busyResponse("/api/v1/invoices", "de-DE,de;q=0.9");
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await res.json()).toEqual({ type: "about:blank", status: 503, code: "busy", title: "The server is busy", detail: expect.stringContaining("Nothing has been lost") });
    expect(await busyResponse("/api/v1/invoices", "nl").json()).toMatchObject({ title: "Het is even te druk" });
    // A page for a browser that asks neither language is Dutch, as the sign-in page is.
    expect(await busyResponse("/worklist", "de-DE").text()).toContain('<html lang="nl">');
  });
});

/**
 * A real HTTP server counted through Node's diagnostics channel, as `next start` is: requests are
 * held open until released, so the number in flight is known.
 */
describe("a process under load", () => {
  const held: Array<() => void> = [];
  const lines: string[] = [];
  let base = "";
  let server: http.Server;

  beforeAll(async () => {
    trackRequestsInFlight(4);
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://x");
      const headers = new Headers(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])));
      // Held requests stand for work in flight: they are always taken.
      const busy = url.searchParams.has("hold") ? null : turnAwayWhenBusy({ method: req.method ?? "GET", pathname: url.pathname, prefetch: false, headers }, (l) => lines.push(l));
      if (busy) {
        res.writeHead(busy.status, Object.fromEntries(busy.headers));
        void busy.text().then((body) => res.end(body));
        return;
      }
      if (url.searchParams.has("hold")) held.push(() => res.end("done"));
      else res.end("done");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    held.splice(0).forEach((release) => release());
    await new Promise((r) => server.close(r));
  });

  const until = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(check()).toBe(true);
  };

  it("answers page views past the limit with 503 at once, takes writes, and takes everything again once the rush is over", async () => {
    const agent = new http.Agent({ keepAlive: false });
    const get = (path: string, method = "GET") =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(`${base}${path}`, { method, agent }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        });
        req.on("error", reject);
        req.end();
      });

    const slow = [1, 2, 3, 4].map(() => get("/worklist?hold"));
    await until(() => held.length === 4);
    expect(requestsInFlight()).toBe(4);

    // Four in flight: the next page views are turned away, a write and the health check are not.
    expect(await Promise.all([get("/worklist"), get("/debtors/deb_1"), get("/api/v1/debtors")])).toEqual([503, 503, 503]);
    expect(await get("/debtors/deb_1", "POST")).toBe(200);
    expect(await get("/api/health")).toBe(200);
    // The build's static files are neither counted nor turned away.
    expect(await get("/_next/static/chunks/app.js")).toBe(200);
    expect(lines).toHaveLength(1); // one line per 10 s, not one per request
    expect(lines[0]).toMatch(/busy: turned 1 request\(s\) away with 503 .*4 in flight in this process, MAX_REQUESTS_IN_FLIGHT=4/);

    held.splice(0).forEach((release) => release());
    expect(await Promise.all(slow)).toEqual([200, 200, 200, 200]);
    await until(() => requestsInFlight() === 0);
    expect(await get("/worklist")).toBe(200);

    // Static files held open do not count as work in flight.
    const assets = [1, 2, 3, 4, 5].map(() => get("/_next/static/chunks/app.js?hold"));
    await until(() => held.length === 5);
    expect(requestsInFlight()).toBe(0);
    expect(await get("/worklist")).toBe(200);
    held.splice(0).forEach((release) => release());
    await Promise.all(assets);
  });

  it("counts a request whose client hung up as ended", async () => {
    const controller = new AbortController();
    const gone = fetch(`${base}/worklist?hold`, { signal: controller.signal }).catch(() => "aborted");
    await until(() => held.length === 1 && requestsInFlight() === 1);
    controller.abort();
    expect(await gone).toBe("aborted");
    await until(() => requestsInFlight() === 0);
    held.splice(0).forEach((release) => release());
  });

  it("the proxy turns a page view away before any rendering when the process is at its limit", async () => {
    // Five in flight: four others and, standing for the request the proxy is asked about, one more.
    const slow = [1, 2, 3, 4, 5].map(() => fetch(`${base}/worklist?hold`).then((r) => r.status));
    await until(() => held.length === 5 && requestsInFlight() === 5);
    const res = proxy(new NextRequest("http://localhost/debtors/deb_1", { headers: { "accept-language": "en-US" } }));
    expect(res.status).toBe(503);
    expect(await res.text()).toContain("The server is busy");
    const write = proxy(new NextRequest("http://localhost/debtors/deb_1", { method: "POST" }));
    expect(write.status).toBe(200);
    expect(write.headers.get("content-security-policy")).toContain("nonce-");
    held.splice(0).forEach((release) => release());
    expect(await Promise.all(slow)).toEqual([200, 200, 200, 200, 200]);
    await until(() => requestsInFlight() === 0);
    expect(proxy(new NextRequest("http://localhost/debtors/deb_1")).status).toBe(200);
  });
});
