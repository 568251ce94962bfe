import { assertCan, type Actor } from "@/lib/auth/guards";
import { audit } from "@/lib/audit/audit";
import type { DbOrTx } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { ACCESS_SECTIONS, findDebtorKind, getConsumerAccess, getContactAccess, type AccessExport } from "./privacy-queries";
import type { AccessExportFormat } from "./privacy-schemas";

export type AccessSubject = { type: "contact" | "consumer_debtor"; id: string };

/**
 * A data subject's access export (GDPR art. 15): everything held about one contact or one
 * consumer debtor. Only for privacy:manage (the request is handled by the office, not by whoever
 * reads the file). Every export is audited: who, which subject, which format and how many
 * records per section; never the data itself.
 */
export async function exportPersonalData(db: DbOrTx, actor: Actor, subject: AccessSubject, format: AccessExportFormat, ctx: { now: Date }): Promise<AccessExport> {
  assertCan(actor, "privacy:manage");
  const data = subject.type === "contact" ? await getContactAccess(db, subject.id, ctx.now) : await getConsumerAccess(db, subject.id, ctx.now);
  if (!data) {
    if (subject.type === "consumer_debtor" && (await findDebtorKind(db, subject.id)) !== null) {
      // A company is not a data subject: its contacts are, each with an export of their own.
      throw new DomainError("invalid", "not a consumer debtor", { debtorId: ["privacy.errors.notDataSubject"] });
    }
    throw new DomainError("not_found");
  }
  await audit(db, {
    actorId: actor.id,
    action: "privacy.access_export",
    entity: subject.type === "contact" ? "contact" : "debtor",
    entityId: subject.id,
    data: { subject: subject.type, format, records: Object.fromEntries(ACCESS_SECTIONS.map((s) => [s, data[s].length])) },
  });
  return data;
}

/** The JSON file: indented for a person to read, bigints never occur (amounts are strings). */
export function accessExportJson(data: AccessExport): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}
