import { Badge } from "@/components/ui/badge";
import { ContactEditor } from "./contact-editor";
import { EmptyState, Panel } from "@/components/ui/panel";
import type { ContactRow } from "@/lib/debtors/debtor-queries";
import type { Locale } from "@/lib/i18n/locale";
import { translator, type MessageKey } from "@/lib/i18n/translate";

/** Day names by ISO weekday modulo 7 (Sunday = 0 = 7). */
const DAY_NAMES = { nl: ["zo", "ma", "di", "wo", "do", "vr", "za"], en: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] };

const telHref = (phone: string) => `tel:${phone.replace(/\s/g, "")}`;

/** The debtor's people: who pays, how to reach them and when they prefer to be called. */
export function ContactsPanel({ contacts, locale, canWrite }: { contacts: ContactRow[]; locale: Locale; canWrite: boolean }) {
  const t = translator(locale);
  return (
    <Panel title={t("debtor.contacts")} id="contacts">
      {contacts.length === 0 ? (
        <EmptyState>{t("debtor.contacts.empty")}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="contacts">
          {contacts.map((c) => (
            <li key={c.id} className="px-3 py-2">
              <div className="flex items-center gap-1.5">
                <span className="font-medium">{c.name}</span>
                {c.isPrimaryForPayments ? <Badge tone="green">{t("debtor.contact.primary")}</Badge> : null}
              </div>
              <div className="text-[12px] text-slate-500">{c.jobTitle ?? t(`debtor.contact.role.${c.role}` as MessageKey)}</div>
              <div className="mt-0.5 flex flex-wrap gap-x-3 text-[13px]">
                {c.phone ? (
                  <a href={telHref(c.phone)} className="text-blue-700 hover:underline">
                    {c.phone}
                  </a>
                ) : null}
                {c.mobile ? (
                  <a href={telHref(c.mobile)} className="text-blue-700 hover:underline">
                    {c.mobile}
                  </a>
                ) : null}
                {c.email ? (
                  <a href={`mailto:${c.email}`} className="text-blue-700 hover:underline">
                    {c.email}
                  </a>
                ) : null}
              </div>
              {c.preferredCallTimes.length ? (
                <div className="text-[12px] text-slate-600">
                  {t("debtor.contact.callTimes")}:{" "}
                  {c.preferredCallTimes.map((p) => `${p.days.map((d) => DAY_NAMES[locale][d % 7]).join("/")} ${p.from}–${p.to}`).join("; ")}
                </div>
              ) : null}
              {canWrite ? <ContactEditor contact={c} /> : null}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
