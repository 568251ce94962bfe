/**
 * The demo portfolio: a deterministic Dutch receivables book of about 200 debtors and 2,000
 * invoices with its team of users.
 *
 *   tsx prisma/seed/seed.ts                 seed an empty database (refuses when data exists)
 *   tsx prisma/seed/seed.ts --if-empty      seed only when there are no debtors yet (npm start)
 *   tsx prisma/seed/seed.ts --reset         wipe every user and portfolio row, then seed
 *   tsx prisma/seed/seed.ts --print-logins  only print the demo logins
 *
 * The reference day is SEED_TODAY (YYYY-MM-DD) or today in Amsterdam, so the aging buckets are
 * always filled relative to the day you look at it.
 */
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import { hashPassword } from "better-auth/crypto";
import { createDb, type Db } from "@/lib/db/client";
import { backfillDates, takeSnapshots } from "@/lib/dashboard/snapshots";
import { ensureDefaultPolicy } from "@/lib/dunning/dunning-policy";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { DEFAULT_DATABASE_URL } from "@/lib/env/settings";
import { calendarDateIn, isCalendarDate, type CalendarDate } from "@/lib/format/calendar-date";
import { buildPortfolio, buildUsers, insertPortfolio, wipeAll, type SeedUser } from "./demo-data";

export const DEMO_PASSWORD = "Demo-wachtwoord-2026";
export const DEMO_SEED = 20261123;

export function seedToday(source: Record<string, string | undefined> = process.env): CalendarDate {
  const fromEnv = source.SEED_TODAY?.trim();
  if (fromEnv) {
    if (!isCalendarDate(fromEnv)) throw new Error(`SEED_TODAY must be a date as YYYY-MM-DD, got "${fromEnv}"`);
    return fromEnv;
  }
  return calendarDateIn(new Date());
}

/** Users with one shared password hash (hashing is deliberately slow). */
export async function insertUsers(db: Db, users: SeedUser[], password: string, admin?: { email: string; password: string }) {
  const shared = await hashPassword(password);
  const adminHash = admin ? await hashPassword(admin.password) : shared;
  await db.user.createMany({
    data: users.map((u) => ({ ...u, email: admin && u.role === "admin" && u.id === "usr_admin" ? admin.email : u.email, emailVerified: true, active: true })),
  });
  await db.account.createMany({
    data: users.map((u) => ({ id: randomUUID(), accountId: u.id, providerId: "credential", userId: u.id, password: admin && u.id === "usr_admin" ? adminHash : shared })),
  });
}

export type SeedResult = { users: number; debtors: number; invoices: number };

/** Seeds users and the demo portfolio into an empty database. */
export async function seedDemo(db: Db, url: string, opts: { today: CalendarDate; admin?: { email: string; password: string }; log?: (line: string) => void }): Promise<SeedResult> {
  const log = opts.log ?? (() => {});
  const users = buildUsers();
  await insertUsers(db, users, DEMO_PASSWORD, opts.admin);
  const controllerIds = users.filter((u) => u.role === "controller").map((u) => u.id);
  const portfolio = buildPortfolio({ seed: DEMO_SEED, today: opts.today, debtors: 200, invoicesPerDebtor: 10, controllerIds });
  await insertPortfolio(url, portfolio);
  await recomputeDebtorBalances(db);
  await takeSnapshots(db, backfillDates(opts.today));
  await ensureDefaultPolicy(db);
  log(
    `Seeded ${users.length} users, ${portfolio.debtors.length} debtors, ${portfolio.contacts.length} contacts, ${portfolio.invoices.length} invoices, ` +
      `${portfolio.payments.length} payments, ${portfolio.disputes.length} disputes, ${portfolio.callLogs.length} calls, ${portfolio.agreements.length} agreements (reference day ${opts.today}).`,
  );
  return { users: users.length, debtors: portfolio.debtors.length, invoices: portfolio.invoices.length };
}

export function demoLogins(admin?: { email: string }): Array<{ role: string; email: string; password: string }> {
  const pick = (id: string) => buildUsers().find((u) => u.id === id)!;
  return [
    { role: "admin", email: admin?.email ?? pick("usr_admin").email, password: admin ? "(ADMIN_PASSWORD)" : DEMO_PASSWORD },
    { role: "manager", email: pick("usr_manager").email, password: DEMO_PASSWORD },
    { role: "controller", email: pick("usr_controller").email, password: DEMO_PASSWORD },
    { role: "viewer", email: pick("usr_viewer").email, password: DEMO_PASSWORD },
  ];
}

function printLogins(admin?: { email: string }) {
  console.log("\nDemo logins (more users: manager2@, controller2@ … controller4@, viewer2@ with the same password):");
  for (const l of demoLogins(admin)) console.log(`  ${l.role.padEnd(11)} ${l.email.padEnd(28)} ${l.password}`);
  console.log("");
}

async function main() {
  const args = new Set(process.argv.slice(2));
  const env = process.env;
  const admin = env.ADMIN_EMAIL && env.ADMIN_PASSWORD ? { email: env.ADMIN_EMAIL.trim().toLowerCase(), password: env.ADMIN_PASSWORD } : undefined;
  if (args.has("--print-logins")) {
    printLogins(admin);
    return;
  }
  const url = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  const db = createDb(url);
  try {
    const [debtors, users] = await Promise.all([db.debtor.count(), db.user.count()]);
    if (args.has("--reset")) {
      await wipeAll(db);
    } else if (debtors > 0 || users > 0) {
      if (args.has("--if-empty")) return;
      console.error(`The database already holds ${debtors} debtors and ${users} users. Use --reset to replace them with the demo data.`);
      process.exitCode = 1;
      return;
    }
    const started = Date.now();
    await seedDemo(db, url, { today: seedToday(env), admin, log: (l) => console.log(l) });
    console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    printLogins(admin);
  } finally {
    await db.$disconnect();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
