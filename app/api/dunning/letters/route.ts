import { z } from "zod";
import { listLetters } from "@/lib/dunning/dunning-queries";
import { renderLettersPdf } from "@/lib/dunning/letter-pdf";
import { DomainError } from "@/lib/errors/domain-error";
import { calendarDateField, idField } from "@/lib/validation/fields";
import { creditorLogo } from "@/server/context";
import { createRoute } from "@/server/create-route";

export const dynamic = "force-dynamic";

const Query = z.union([z.object({ id: idField }), z.object({ date: calendarDateField })]);

/** Dunning letters as PDF: one (?id=) or a whole run's letters for printing (?date=YYYY-MM-DD). */
export const GET = createRoute({
  permission: "debtors:read",
  query: Query,
  handler: async ({ db, query }) => {
    const letters = await listLetters(db, "id" in query ? { id: query.id } : { runDate: query.date });
    if (letters.length === 0) throw new DomainError("not_found");
    const first = letters[0]!;
    return {
      // The letters keep the creditor's details of their day; the logo is today's (settings screen).
      file: await renderLettersPdf(letters.map((l) => l.letter), { logo: await creditorLogo() }),
      contentType: "application/pdf",
      fileName: "id" in query ? `brief-${first.customerNumber}-${first.runDate}.pdf` : `brieven-${query.date}.pdf`,
    };
  },
});
