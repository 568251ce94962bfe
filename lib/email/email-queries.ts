import type { DbOrTx } from "@/lib/db/client";

/** A message that left the drafts (sent, queued, failed or kept undelivered), for an .eml download. */
export async function getDeliverableEmail(db: DbOrTx, emailId: string) {
  const row = await db.emailOutbox.findUnique({
    where: { id: emailId },
    select: { id: true, status: true, toAddress: true, toName: true, subject: true, body: true, messageId: true, createdAt: true },
  });
  return row && row.status !== "draft" ? row : null;
}
