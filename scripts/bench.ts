/**
 * Benchmarks on the large data set (npm run db:generate-large). Not a test: it prints figures.
 *
 *   DATABASE_URL=file:./data/large.db npm run bench
 *   DATABASE_URL=postgresql://…?schema=large npm run bench
 *   npm run bench -- --http http://localhost:3000     also time full server renders of the pages
 *                                                      (signs in as controller@dunning.test)
 *
 * Each case runs a few warm-up rounds, then --runs times (default 30); it prints the median and
 * the 95th percentile in milliseconds.
 */
import { performance } from "node:perf_hooks";
import { findOwnDraft, getPaymentBehaviour, listNumbersUsed, listSummaryDrafts } from "@/lib/calls/call-queries";
import { getDashboard, parseDashboardFilters, scopeFilters } from "@/lib/dashboard/dashboard-queries";
import { createDb, providerOf } from "@/lib/db/client";
import { findDebtor, listContacts, listDebtors } from "@/lib/debtors/debtor-queries";
import { ListDebtorsInput } from "@/lib/debtors/debtor-schemas";
import { DEFAULT_DATABASE_URL } from "@/lib/env/settings";
import { addDays, calendarDateIn } from "@/lib/format/calendar-date";
import { getOpenPosition } from "@/lib/invoices/invoice-queries";
import { listTimeline } from "@/lib/timeline/timeline-queries";
import { listWorklist } from "@/lib/worklist/worklist-queries";

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const runs = Number(arg("--runs") ?? 30);

type Figure = { name: string; median: number; p95: number; note?: string };

async function measure(name: string, fn: () => Promise<unknown>, note?: string): Promise<Figure> {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  return { name, median: q(0.5), p95: q(0.95), note };
}

function print(title: string, figures: Figure[]) {
  console.log(`\n${title}`);
  console.log(`  ${"case".padEnd(58)} ${"median".padStart(9)} ${"p95".padStart(9)}`);
  for (const f of figures) console.log(`  ${f.name.padEnd(58)} ${f.median.toFixed(1).padStart(6)} ms ${f.p95.toFixed(1).padStart(6)} ms${f.note ? `  ${f.note}` : ""}`);
}

async function main() {
  const url = arg("--url") ?? process.env.DATABASE_URL?.trim() ?? DEFAULT_DATABASE_URL;
  const provider = providerOf(url);
  const db = createDb(url);
  try {
    const [debtors, invoices] = await Promise.all([db.debtor.count(), db.invoice.count()]);
    console.log(`Database: ${provider} (${url.replace(/\/\/[^@]*@/, "//…@")}), ${debtors} debtors, ${invoices} invoices, ${runs} runs per case`);
    if (debtors < 5_000) console.log("Note: this is not the large set; run npm run db:generate-large first for meaningful figures.");
    const controller = await db.user.findFirst({ where: { email: "controller@dunning.test" }, select: { id: true } });
    const userId = controller?.id ?? "none";
    const today = calendarDateIn(new Date());
    const ctx = { today, userId, provider };
    const list = (params: Record<string, string>) => () => listDebtors(db, ListDebtorsInput.parse(params), ctx);
    const someName = (await db.debtor.findFirst({ skip: Math.floor(debtors / 2), select: { name: true } }))?.name.split(" ").slice(0, 2).join(" ") ?? "Bakkerij";

    const figures: Figure[] = [];
    figures.push(await measure("debtors list: default (oldest item first), page 1", list({})));
    figures.push(await measure(`debtors list: search "${someName}"`, list({ q: someName })));
    figures.push(await measure("debtors list: my portfolio, sorted by open amount", list({ controller: "me", sort: "open" })));
    figures.push(await measure("debtors list: bucket 90+, with dispute", list({ bucket: "90+", dispute: "1" })));
    figures.push(await measure("debtors list: credit hold, by name", list({ hold: "1", sort: "name" })));
    figures.push(await measure("debtors list: page 150 of all, by name", list({ sort: "name", page: "150" })));
    print("Debtors list (domain query: count + page of 50 + overdue sums)", figures);

    const heavy = await db.debtor.findFirst({ orderBy: { openInvoiceCount: "desc" }, select: { id: true, openInvoiceCount: true } });
    if (heavy) {
      const page = await measure(
        `debtor page data (debtor with ${heavy.openInvoiceCount} open invoices)`,
        () =>
          Promise.all([
            findDebtor(db, heavy.id),
            getOpenPosition(db, heavy.id, today),
            listContacts(db, heavy.id),
            listTimeline(db, heavy.id, { limit: 60 }),
            getPaymentBehaviour(db, heavy.id, today),
            listNumbersUsed(db, heavy.id, "Europe/Amsterdam"),
            findOwnDraft(db, heavy.id, userId),
            listSummaryDrafts(db, heavy.id, userId),
          ]),
      );
      print("Debtor page (domain queries)", [page]);
    }

    // Dashboard: the domain figures, and the same headline figures by hand-written SQL in this run.
    const filters = parseDashboardFilters({});
    const dash = await measure("dashboard figures (all, 90 days)", () => getDashboard(db, today, filters));
    const dashMine = await measure("dashboard figures (one controller)", () => getDashboard(db, today, scopeFilters(filters, { id: userId, role: "controller" })));
    const ph = (i: number) => (provider === "postgresql" ? `$${i}` : "?");
    const since = new Date(Date.now() - 90 * 86_400_000);
    const sinceParam = provider === "postgresql" ? since : since.getTime();
    // The same figures by hand: the same filters (currency via the debtor) and the same grouping.
    const hand = await measure("same figures, hand-written SQL", () =>
      Promise.all([
        db.$queryRawUnsafe(
          `SELECT CASE WHEN "dueDate" >= ${ph(1)} THEN 0 WHEN "dueDate" >= ${ph(2)} THEN 1 WHEN "dueDate" >= ${ph(3)} THEN 2 WHEN "dueDate" >= ${ph(4)} THEN 3 ELSE 4 END AS b, SUM("openCents") AS s, COUNT(*) AS c FROM "Invoice" WHERE "openCents" > 0 AND "currency" = 'EUR' GROUP BY 1`,
          today, addDays(today, -30), addDays(today, -60), addDays(today, -90),
        ),
        db.$queryRawUnsafe(`SELECT COUNT(*) FROM "Debtor" WHERE "currency" = 'EUR' AND "oldestOpenDueDate" < ${ph(1)}`, today),
        db.$queryRawUnsafe(`SELECT s."reason", s."openedOn", s."disputedCents" FROM "Dispute" s JOIN "Debtor" d ON d."id" = s."debtorId" WHERE s."status" = 'open' AND d."currency" = 'EUR'`),
        db.$queryRawUnsafe(`SELECT "issueDate", SUM("amountCents") FROM "Invoice" WHERE "currency" = 'EUR' AND "issueDate" >= ${ph(1)} GROUP BY 1`, addDays(today, -730)),
        db.$queryRawUnsafe(`SELECT "date", SUM("openCents"), SUM("overdueCents"), SUM("currentCents") FROM "DailySnapshot" WHERE "currency" = 'EUR' AND "date" >= ${ph(1)} GROUP BY 1`, addDays(today, -400)),
        db.$queryRawUnsafe(`SELECT g."status", COUNT(*) FROM "Agreement" g WHERE g."currency" = 'EUR' AND g."createdAt" >= ${ph(1)} GROUP BY 1`, sinceParam),
        db.$queryRawUnsafe(
          `SELECT c."authorId", c."outcome", COUNT(*) FROM "CallLog" c JOIN "Debtor" d ON d."id" = c."debtorId" WHERE c."status" = 'final' AND c."startedAt" >= ${ph(1)} AND d."currency" = 'EUR' GROUP BY 1, 2`,
          sinceParam,
        ),
        db.$queryRawUnsafe(
          `SELECT g."createdById", COUNT(*) FROM "Agreement" g JOIN "CallLog" c ON c."id" = g."callLogId" JOIN "Debtor" d ON d."id" = c."debtorId" WHERE c."status" = 'final' AND c."startedAt" >= ${ph(1)} AND d."currency" = 'EUR' GROUP BY 1`,
          sinceParam,
        ),
        db.$queryRawUnsafe(
          `SELECT t."debtorId", t.s, d."name", d."customerNumber", d."oldestOpenDueDate" FROM (SELECT "debtorId", SUM("openCents") AS s FROM "Invoice" WHERE "openCents" > 0 AND "currency" = 'EUR' AND "dueDate" < ${ph(1)} GROUP BY 1 ORDER BY s DESC LIMIT 10) t JOIN "Debtor" d ON d."id" = t."debtorId"`,
          today,
        ),
        db.$queryRawUnsafe(`SELECT "id", "name", "insurer", "oldestOpenDueDate", "insurerNotifyDays", "openCents" FROM "Debtor" WHERE "currency" = 'EUR' AND "isCreditInsured" = true AND "oldestOpenDueDate" < ${ph(1)}`, today),
      ]),
    );
    const now = new Date();
    const wl = (uid: string | null, day: string) => () => listWorklist(db, { userId: uid, day, today, timeZone: "Europe/Amsterdam", now });
    const open = await db.task.count({ where: { status: "open", assigneeId: userId } });
    print(`Worklist (${open} open items assigned to controller@dunning.test)`, [
      await measure("worklist: one controller, today", wl(userId, today)),
      await measure("worklist: one controller, tomorrow", wl(userId, addDays(today, 1))),
      await measure("worklist: team view (all controllers), today", wl(null, today)),
    ]);
    print(`Dashboard (domain vs hand-written SQL: ${(dash.median / hand.median).toFixed(2)}x at the median)`, [dash, dashMine, hand]);

    const base = arg("--http");
    if (base) {
      const email = arg("--as") ?? "controller@dunning.test";
      const res = await fetch(`${base}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: base },
        body: JSON.stringify({ email, password: process.env.BENCH_PASSWORD ?? "Demo-wachtwoord-2026" }),
      });
      if (!res.ok) throw new Error(`sign-in at ${base} failed with HTTP ${res.status}`);
      const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
      const get = (path: string) => async () => {
        const r = await fetch(`${base}${path}`, { headers: { cookie } });
        if (r.status !== 200) throw new Error(`${path}: HTTP ${r.status}`);
        await r.text();
      };
      const http: Figure[] = [];
      http.push(await measure("GET /debtors", get("/debtors")));
      http.push(await measure("GET /debtors?controller=me&sort=open", get("/debtors?controller=me&sort=open")));
      http.push(await measure("GET /debtors?bucket=90%2B&dispute=1", get("/debtors?bucket=90%2B&dispute=1")));
      if (heavy) http.push(await measure("GET /debtors/[id] (largest debtor)", get(`/debtors/${heavy.id}`)));
      http.push(await measure(`GET /dashboard (as ${email})`, get("/dashboard")));
      http.push(await measure(`GET /worklist (as ${email})`, get("/worklist")));
      print(`Full server render over HTTP (${base}, production build, includes session check)`, http);
    }
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
