import { StatusPage } from "@/components/shell/status-page";
import { getRequestLocale } from "@/server/session";
import { translator } from "@/lib/i18n/translate";

export default async function NotFound() {
  const t = translator(await getRequestLocale());
  return <StatusPage code="404" title={t("errors.404.title")} body={t("errors.404.body")} homeLabel={t("errors.home")} />;
}
