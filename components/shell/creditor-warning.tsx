import { TextLink } from "@/components/ui/text-link";
import { can } from "@/lib/auth/roles";
import { isCreditorConfigured } from "@/lib/creditor/creditor-queries";
import { db } from "@/lib/db/client";
import { settings } from "@/lib/env/settings";
import type { Locale } from "@/lib/i18n/locale";
import { translator } from "@/lib/i18n/translate";
import { getCurrentUser } from "@/server/session";

/**
 * Until someone has said who the creditor is (settings screen, or real CREDITOR_* settings), the
 * letters and e-mails would go out in the name of the default or demo company: a banner says so,
 * with the way to fix it for an admin. Renders nothing once the creditor is set.
 */
export async function CreditorWarning({ locale }: { locale: Locale }) {
  if (await isCreditorConfigured(db(), settings().creditor)) return null;
  const t = translator(locale);
  const user = await getCurrentUser();
  const mayFix = user !== null && can(user.role, "settings:write");
  return (
    <div role="status" data-testid="creditor-warning" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-[13px] text-amber-900">
      {t("settings.creditor.warning")}{" "}
      {mayFix ? <TextLink href="/settings/creditor">{t("settings.creditor.warningLink")}</TextLink> : <span>{t("settings.creditor.warningAskAdmin")}</span>}
    </div>
  );
}
