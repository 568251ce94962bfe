import { getCurrentUser } from "@/server/session";
import { can } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { toEml } from "@/lib/email/outbox";
import { smtpConfig } from "@/lib/email/smtp-config";

export const dynamic = "force-dynamic";

/** A message from the outbox as an .eml file, for sending it by hand when it was not delivered. */
export async function GET(_request: Request, { params }: { params: Promise<{ emailId: string }> }) {
  const user = await getCurrentUser();
  if (!user) return new Response("Unauthorized", { status: 401 });
  if (!can(user.role, "debtors:read")) return new Response("Forbidden", { status: 403 });
  const { emailId } = await params;
  if (emailId.length > 64) return new Response("Not found", { status: 404 });
  const row = await db().emailOutbox.findUnique({ where: { id: emailId } });
  if (!row || row.status === "draft") return new Response("Not found", { status: 404 });
  const from = smtpConfig()?.from ?? { name: process.env.CREDITOR_NAME?.trim() || "Debiteurenbeheer", address: "debiteuren@localhost" };
  const eml = await toEml(row, from);
  return new Response(new Uint8Array(eml), {
    headers: {
      "content-type": "message/rfc822",
      "content-disposition": `attachment; filename="${row.id}.eml"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
