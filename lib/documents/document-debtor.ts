import type { DbOrTx } from "@/lib/db/client";
import { listContacts } from "@/lib/debtors/debtor-queries";
import type { PostalAddress } from "@/lib/pdf/pdf-kit";

export type DocumentLanguage = "nl" | "en";

/** The debtor as a document addresses them: the envelope window, the customer number, the language. */
export type DocumentDebtor = PostalAddress & { id: string; customerNumber: string; language: DocumentLanguage; currency: string };

/** Debtor.language "nl" is Dutch; anything else gets English. */
export function documentLanguage(language: string): DocumentLanguage {
  return language === "nl" ? "nl" : "en";
}

/** The debtor with the contact for payments as the addressee (as the dunning letters have it), or null. */
export async function findDocumentDebtor(db: DbOrTx, debtorId: string): Promise<DocumentDebtor | null> {
  const d = await db.debtor.findUnique({
    where: { id: debtorId },
    select: { id: true, name: true, customerNumber: true, language: true, currency: true, street: true, postalCode: true, city: true, country: true },
  });
  if (!d) return null;
  const contact = (await listContacts(db, d.id)).find((c) => c.isPrimaryForPayments);
  return { ...d, language: documentLanguage(d.language), contactName: contact?.name ?? null };
}
