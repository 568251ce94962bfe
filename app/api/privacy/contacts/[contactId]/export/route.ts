import { z } from "zod";
import { accessExportResponse } from "@/server/privacy-export";
import { AccessExportQuery } from "@/lib/privacy/privacy-schemas";
import { idField } from "@/lib/validation/fields";
import { createRoute } from "@/server/create-route";

export const dynamic = "force-dynamic";

/** Everything held about one contact (art. 15 GDPR), as JSON or a readable PDF; audited. */
export const GET = createRoute({
  permission: "privacy:manage",
  query: AccessExportQuery,
  params: z.object({ contactId: idField }),
  handler: ({ user, db, query, params }) => accessExportResponse(db, user, { type: "contact", id: params.contactId }, query.format),
});
