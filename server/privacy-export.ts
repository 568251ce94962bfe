import type { CurrentUser } from "@/server/session";
import type { Db } from "@/lib/db/client";
import { accessExportJson, exportPersonalData, type AccessSubject } from "@/lib/privacy/access-export";
import { renderAccessExportPdf } from "@/lib/privacy/access-export-pdf";
import type { AccessExportFormat } from "@/lib/privacy/privacy-schemas";
import { officeClock } from "@/server/context";
import type { FileBody } from "@/server/create-route";

/** The two access-export routes' shared answer: the audited export as a JSON or PDF download. */
export async function accessExportResponse(db: Db, user: CurrentUser, subject: AccessSubject, format: AccessExportFormat): Promise<FileBody> {
  const clock = officeClock();
  const data = await exportPersonalData(db, user, subject, format, { now: clock.now });
  const base = `inzage-${subject.type === "contact" ? "contact" : "debiteur"}-${subject.id}-${clock.today}`;
  if (format === "json") return { file: accessExportJson(data), contentType: "application/json; charset=utf-8", fileName: `${base}.json` };
  return { file: await renderAccessExportPdf(data, user.locale, { timeZone: clock.timeZone }), contentType: "application/pdf", fileName: `${base}.pdf` };
}
