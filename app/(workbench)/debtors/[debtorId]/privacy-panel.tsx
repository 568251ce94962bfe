import { Panel } from "@/components/ui/panel";
import { TextAnchor } from "@/components/ui/text-link";
import type { Locale } from "@/lib/i18n/locale";
import { translator } from "@/lib/i18n/translate";
import { BLOCKER_MESSAGE } from "@/lib/privacy/erasure-rules";
import type { PrivacyOverview, PrivacySubject } from "@/lib/privacy/privacy-queries";
import { EraseControl } from "./erase-control";

/**
 * For privacy:manage only: a data subject's access export (art. 15 GDPR) and erasure (art. 17)
 * per contact, and for a consumer debtor for the debtor (the person) as well.
 */
export function PrivacyPanel({ overview, locale }: { overview: PrivacyOverview; locale: Locale }) {
  const t = translator(locale);
  return (
    <Panel title={t("privacy.panel.title")} id="privacy">
      <div className="space-y-2 px-3 py-2 text-[13px]" data-testid="privacy-panel">
        <p className="text-[12px] text-slate-500">{t("privacy.panel.help")}</p>
        {overview.consumer ? (
          <section aria-label={t("privacy.panel.consumer")}>
            <h3 className="text-[12px] font-semibold text-slate-600">{t("privacy.panel.consumer")}</h3>
            <ul>
              <SubjectRow subject={overview.consumer} exportBase={`/api/privacy/debtors/${overview.consumer.id}/export`} locale={locale} />
            </ul>
          </section>
        ) : null}
        <section aria-label={t("privacy.panel.contacts")}>
          <h3 className="text-[12px] font-semibold text-slate-600">{t("privacy.panel.contacts")}</h3>
          {overview.contacts.length === 0 ? (
            <p className="text-slate-500">{t("privacy.panel.noContacts")}</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {overview.contacts.map((c) => (
                <SubjectRow key={c.id} subject={c} exportBase={`/api/privacy/contacts/${c.id}/export`} locale={locale} />
              ))}
            </ul>
          )}
        </section>
      </div>
    </Panel>
  );
}

function SubjectRow({ subject, exportBase, locale }: { subject: PrivacySubject; exportBase: string; locale: Locale }) {
  const t = translator(locale);
  return (
    <li className="flex flex-wrap items-center gap-x-2 gap-y-1 py-1" data-testid={`privacy-subject-${subject.id}`}>
      <span className="min-w-0 flex-1 truncate font-medium" data-testid="privacy-subject-name">
        {subject.name}
      </span>
      <span className="text-[12px] text-slate-600">
        {t("privacy.export.label")}:{" "}
        <TextAnchor href={`${exportBase}?format=json`} download data-testid="privacy-export-json">
          {t("privacy.export.json")}
        </TextAnchor>
        {" | "}
        <TextAnchor href={`${exportBase}?format=pdf`} download data-testid="privacy-export-pdf">
          {t("privacy.export.pdf")}
        </TextAnchor>
      </span>
      <EraseControl key={subject.id} subject={{ type: subject.type, id: subject.id, name: subject.name, isErased: subject.isErased, blockers: subject.blockers.map((b) => BLOCKER_MESSAGE[b]) }} />
    </li>
  );
}
