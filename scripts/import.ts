/**
 * `npm run import -- <file> --source <name> --as <e-mail>
 *   [--kind open-items|debtors|e-invoices|contacts|payments] [--date YYYY-MM-DD] [--dry-run] [--map field=Header ...]`
 *
 * The receivables import from the command line, so a nightly job can push the day's export: the
 * same use case as the app (the user named by --as, or IMPORT_AS, needs the right to import), the
 * same checks, the same history. Exit code 0 when imported (or a clean dry run), 1 when the file
 * was refused (every bad row is printed, in English), 2 for a wrong command line.
 */
import fs from "node:fs";
import path from "node:path";
import { db } from "@/lib/db/client";
import { settings } from "@/lib/env/settings";
import { calendarDateIn, isCalendarDate } from "@/lib/format/calendar-date";
import { isRole } from "@/lib/auth/roles";
import { importReceivables } from "@/lib/imports/import-receivables";
import { IMPORT_KINDS, type ImportKind } from "@/lib/imports/import-fields";
import { isDomainError } from "@/lib/errors/domain-error";
import { isMessageKey, translate } from "@/lib/i18n/translate";

if (fs.existsSync(".env")) process.loadEnvFile(".env");

function usage(message: string): never {
  console.error(`${message}\nusage: npm run import -- <file> --source <name> --as <e-mail> [--kind ${IMPORT_KINDS.map((k) => k.replace("_", "-")).join("|")}] [--date YYYY-MM-DD] [--dry-run] [--map field=Header ...]`);
  process.exit(2);
}

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const file = args.find((a, i) => !a.startsWith("--") && (i === 0 || !["--source", "--as", "--kind", "--date", "--map"].includes(args[i - 1]!)));
if (!file) usage("no file given");
if (!fs.existsSync(file)) usage(`${file}: no such file`);
const source = opt("--source") ?? usage("--source is required (the name of the accounting package or file, e.g. exact)");
const as = opt("--as") ?? process.env.IMPORT_AS ?? usage("--as <e-mail> (or IMPORT_AS) is required: the user the import is done as");
const kind = (opt("--kind") ?? "open-items").replace("-", "_") as ImportKind;
if (!IMPORT_KINDS.includes(kind)) usage(`--kind must be one of ${IMPORT_KINDS.map((k) => k.replace("_", "-")).join(", ")}`);
const date = opt("--date");
if (date !== undefined && !isCalendarDate(date)) usage("--date must be YYYY-MM-DD");
const mapping: Record<string, string> = {};
args.forEach((a, i) => {
  if (a !== "--map") return;
  const [field, ...header] = (args[i + 1] ?? "").split("=");
  if (!field || !header.length) usage("--map takes field=Header, e.g. --map openAmount=Saldo");
  mapping[field] = header.join("=");
});

const started = Date.now();
try {
  const user = await db().user.findUnique({ where: { email: as.toLowerCase() }, select: { id: true, role: true, active: true } });
  if (!user || !user.active || !isRole(user.role)) usage(`${as}: no active user with that e-mail address`);
  const now = new Date();
  const { timeZone, promiseGraceDays } = settings();
  const today = calendarDateIn(now, timeZone);
  const r = await importReceivables(
    db(),
    { id: user.id, role: user.role },
    { source, kind, fileName: path.basename(file), bytes: fs.readFileSync(file), fileDate: date ?? today, mapping: Object.keys(mapping).length ? mapping : undefined, dryRun: args.includes("--dry-run") },
    { today, now, timeZone, graceDays: promiseGraceDays },
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${r.status === "applied" ? "Imported" : r.status === "dry_run" ? "Dry run (nothing written)" : "Refused (nothing imported)"}: ${path.basename(file)}, ${r.rows} rows, source ${source}, ${seconds} s`);
  console.log(`  mapping: ${Object.entries(r.mapping).map(([f, h]) => `${f}=${h}`).join(", ")}`);
  const money = (cents: string) => (Number(cents) / 100).toFixed(2);
  if (kind === "contacts") console.log(`  contacts: ${r.contacts.created} new, ${r.contacts.updated} changed, ${r.contacts.unchanged} unchanged`);
  else if (kind === "payments") {
    console.log(`  payments: ${r.payments.created} ${r.status === "applied" ? "booked" : "to book"} (${money(r.payments.bookedCents)}, unallocated ${money(r.payments.unallocatedCents)}), ${r.payments.unchanged} booked before`);
    console.log(`  invoices: ${r.invoices.updated} paid in part, ${r.invoices.closed} paid in full`);
  } else console.log(`  debtors:  ${r.debtors.created} new, ${r.debtors.updated} changed, ${r.debtors.unchanged} unchanged`);
  if (kind === "open_items") console.log(`  invoices: ${r.invoices.created} new, ${r.invoices.updated} changed, ${r.invoices.closed} closed (paid outside: ${money(r.invoices.paidOutsideCents)}), ${r.invoices.unchanged} unchanged`);
  for (const e of r.errors) console.log(`  ${e.row > 0 ? `row ${e.row}: ` : ""}${e.message}`);
  if (r.status === "dry_run") for (const x of r.examples.slice(0, 20)) console.log(`  would: ${x}`);
  await db().$disconnect();
  process.exit(r.status === "refused" ? 1 : 0);
} catch (e) {
  const english = (text: string) => (isMessageKey(text) ? translate("en", text) : text);
  const why = isDomainError(e)
    ? e.code === "forbidden"
      ? `${as} may not import ${kind === "payments" ? "payments" : "receivables"} (managers and admins may)`
      : `${e.code}${e.fieldErrors ? ` (${Object.values(e.fieldErrors).flat().map(english).join(", ")})` : ""}`
    : e instanceof Error
      ? e.message
      : String(e);
  console.error(`Refused, nothing imported: ${why}`);
  process.exit(1);
}
