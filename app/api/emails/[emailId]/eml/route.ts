import { z } from "zod";
import { getDeliverableEmail } from "@/lib/email/email-queries";
import { toDraftEml } from "@/lib/email/outbox";
import { DomainError } from "@/lib/errors/domain-error";
import { idField } from "@/lib/validation/fields";
import { mailSender } from "@/server/context";
import { createRoute } from "@/server/create-route";

export const dynamic = "force-dynamic";

/** A message from the outbox as an .eml file, for sending it by hand when it was not delivered: it opens as a draft. */
export const GET = createRoute({
  permission: "debtors:read",
  params: z.object({ emailId: idField }),
  handler: async ({ db, params }) => {
    const row = await getDeliverableEmail(db, params.emailId);
    if (!row) throw new DomainError("not_found");
    return { file: new Uint8Array(await toDraftEml(row, await mailSender())), contentType: "message/rfc822", fileName: `${row.id}.eml` };
  },
});
