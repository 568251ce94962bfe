import type { DbOrTx } from "@/lib/db/client";
import { ATTACHMENTS_SELECT } from "./outbox";

/** A message that left the drafts (sent, queued, failed or kept undelivered), for an .eml download. */
export async function getDeliverableEmail(db: DbOrTx, emailId: string) {
  const row = await db.emailOutbox.findUnique({
    where: { id: emailId },
    select: { id: true, status: true, toAddress: true, toName: true, subject: true, body: true, messageId: true, createdAt: true, attachments: ATTACHMENTS_SELECT },
  });
  return row && row.status !== "draft" ? row : null;
}
