import { CreditorWarning } from "@/components/shell/creditor-warning";
import { Panel } from "@/components/ui/panel";
import { TextLink } from "@/components/ui/text-link";
import { getCreditorSettingsForm, listMessageTemplates } from "@/lib/creditor/creditor-queries";
import { db } from "@/lib/db/client";
import { settings } from "@/lib/env/settings";
import { translator } from "@/lib/i18n/translate";
import { creditor } from "@/server/context";
import { requirePageUser } from "@/server/session";
import { CreditorForm } from "./creditor-form";
import { TemplatesEditor } from "./templates-editor";
import { pageTitle } from "@/server/page-title";

export const generateMetadata = pageTitle("settings.creditor.title");

/** Who the creditor is (letters, summaries, e-mails) and the wording of its messages. Admins only. */
export default async function CreditorSettingsPage() {
  const user = await requirePageUser("settings:write");
  const t = translator(user.locale);
  const [form, templates, current] = await Promise.all([getCreditorSettingsForm(db(), user), listMessageTemplates(db(), user), creditor()]);
  const smtpFrom = settings().smtp?.from;
  return (
    <div className="space-y-3">
      <div className="flex items-baseline justify-between gap-2">
        <h1 className="text-base font-semibold">{t("settings.creditor.title")}</h1>
        <TextLink href="/settings" className="text-[13px]">
          {t("settings.creditor.back")}
        </TextLink>
      </div>
      <p className="max-w-3xl text-[13px] text-slate-600">{t("settings.creditor.intro")}</p>
      <CreditorWarning locale={user.locale} />
      <Panel title={t("settings.creditor.details")} id="creditor-details">
        <CreditorForm initial={form} environmentName={form ? null : current.name} smtpFrom={smtpFrom ? `${smtpFrom.name} <${smtpFrom.address}>` : null} />
      </Panel>
      <Panel title={t("settings.templates.title")} id="message-templates">
        <TemplatesEditor
          templates={templates}
          creditor={{ name: current.name, iban: current.iban, phone: current.phone, email: current.email }}
          employee={{ name: user.name, email: user.email }}
        />
      </Panel>
    </div>
  );
}
