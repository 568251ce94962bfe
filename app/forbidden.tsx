import { StatusPage } from "@/components/shell/status-page";
import { getRequestLocale } from "@/server/session";
import { translator } from "@/lib/i18n/translate";

export default async function Forbidden() {
  const t = translator(await getRequestLocale());
  return <StatusPage code="403" title={t("errors.403.title")} body={t("errors.403.body")} homeLabel={t("errors.home")} />;
}
