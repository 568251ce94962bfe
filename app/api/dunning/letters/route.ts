import { getCurrentUser } from "@/server/session";
import { can } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { listLetters } from "@/lib/dunning/dunning-queries";
import { renderLettersPdf } from "@/lib/dunning/letter-pdf";
import { isCalendarDate } from "@/lib/format/calendar-date";

export const dynamic = "force-dynamic";

/** Dunning letters as PDF: one (?id=) or a whole run's letters for printing (?date=YYYY-MM-DD). */
export async function GET(request: Request) {
  const user = await getCurrentUser();
  if (!user) return new Response("Unauthorized", { status: 401 });
  if (!can(user.role, "debtors:read")) return new Response("Forbidden", { status: 403 });
  const url = new URL(request.url);
  const id = url.searchParams.get("id");
  const date = url.searchParams.get("date");
  if ((id && id.length > 64) || (date && !isCalendarDate(date)) || (!id && !date)) return new Response("Bad request", { status: 400 });
  const letters = await listLetters(db(), id ? { id } : { runDate: date! });
  if (letters.length === 0) return new Response("Not found", { status: 404 });
  const pdf = await renderLettersPdf(letters.map((l) => l.letter));
  const name = id ? `brief-${letters[0]!.customerNumber}-${letters[0]!.runDate}.pdf` : `brieven-${date}.pdf`;
  return new Response(new Uint8Array(pdf), {
    headers: { "content-type": "application/pdf", "content-disposition": `attachment; filename="${name}"`, "cache-control": "private, no-store", "x-content-type-options": "nosniff" },
  });
}
