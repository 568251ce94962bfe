import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TimelineList } from "@/components/debtors/timeline-list";
import { Badge } from "@/components/ui/badge";
import { EmptyState, Panel } from "@/components/ui/panel";
import { Stat } from "@/components/ui/stat";
import { canWriteDebtor } from "@/lib/auth/roles";
import { requirePageUser } from "@/server/session";
import { adviseCallTime } from "@/lib/calls/call-time-advice";
import { computeCallGoal, nextLadderStep } from "@/lib/calls/call-goal";
import { findOwnDraft, getPaymentBehaviour, listNumbersUsed, listSummaryDrafts } from "@/lib/calls/call-queries";
import { playbook } from "@/lib/calls/excuse-playbook";
import { db } from "@/lib/db/client";
import { findDebtor, listContacts } from "@/lib/debtors/debtor-queries";
import { env } from "@/lib/env/env";
import { addDays, calendarDateIn, daysBetween, formatCalendarDate } from "@/lib/format/calendar-date";
import { formatMoney } from "@/lib/format/money";
import { getOpenPosition } from "@/lib/invoices/invoice-queries";
import { isMessageKey, translator, type MessageKey } from "@/lib/i18n/translate";
import { listTimeline, TIMELINE_KINDS, type TimelineKind } from "@/lib/timeline/timeline-queries";
import { CallPanel } from "./call-panel";
import { PlaybookPanel, PreparePanel, type InsurerDeadline } from "./prepare-panel";
import { SummaryEditor } from "./summary-editor";
import { DunningSettingsForm, PaymentForm } from "./dunning-payment-panels";
import { listDebtorDunning } from "@/lib/dunning/dunning-queries";
import { listPolicies } from "@/lib/dunning/dunning-policy";
import { can } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Debtor" };

type Props = { params: Promise<{ debtorId: string }>; searchParams: Promise<{ show?: string | string[] }> };

const DAY_NAMES = { nl: ["zo", "ma", "di", "wo", "do", "vr", "za"], en: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] };

export default async function DebtorPage({ params, searchParams }: Props) {
  const user = await requirePageUser("debtors:read");
  const { debtorId } = await params;
  const showParam = (await searchParams).show;
  const show = (TIMELINE_KINDS as readonly string[]).includes(String(showParam)) ? (showParam as TimelineKind) : undefined;
  if (debtorId.length > 64) notFound();
  const debtor = await findDebtor(db(), debtorId);
  if (!debtor) notFound();

  const t = translator(user.locale);
  const today = calendarDateIn(new Date(), env().APP_TIME_ZONE);
  const canWrite = canWriteDebtor(user, debtor);
  const [position, contacts, timeline, behaviour, numbersUsed, draft, summaries, dunning, policies] = await Promise.all([
    getOpenPosition(db(), debtor.id, today),
    listContacts(db(), debtor.id),
    listTimeline(db(), debtor.id, { kinds: show ? [show] : undefined, limit: 60 }),
    getPaymentBehaviour(db(), debtor.id, today),
    listNumbersUsed(db(), debtor.id, debtor.timeZone),
    canWrite ? findOwnDraft(db(), debtor.id, user.id) : Promise.resolve(null),
    listSummaryDrafts(db(), debtor.id, user.id),
    listDebtorDunning(db(), debtor.id),
    listPolicies(db()),
  ]);
  const kind = debtor.kind === "consumer" ? "consumer" : "b2b";
  const goal = computeCallGoal({
    today,
    kind,
    invoices: position.invoices.map((i) => ({ id: i.id, number: i.number, dueDate: i.dueDate, openCents: BigInt(i.openCents), disputedCents: BigInt(i.disputedCents) })),
  });
  const primary = contacts.find((c) => c.isPrimaryForPayments) ?? contacts[0];
  const advice = adviseCallTime(new Date(), { timeZone: debtor.timeZone, preferred: primary?.preferredCallTimes ?? [] });
  const consequence = nextLadderStep(Math.max(0, ...position.invoices.filter((i) => i.daysOverdue > 0).map((i) => i.dunningLevel)), kind);
  // Insurer: non-payment must be reported within its deadline, counted from the oldest item's due date.
  const insurer: InsurerDeadline =
    debtor.isCreditInsured && debtor.insurer && debtor.insurerNotifyDays && position.oldest && position.oldest.daysOverdue > 0
      ? (() => {
          const date = addDays(position.oldest.dueDate, debtor.insurerNotifyDays);
          return { insurer: debtor.insurer, date, daysLeft: daysBetween(today, date) };
        })()
      : null;
  const money = (c: number) => formatMoney(c, debtor.currency, user.locale);
  const date = (d: string) => formatCalendarDate(d, user.locale);
  const creditUse = debtor.creditLimitCents ? Math.round((position.openCents / debtor.creditLimitCents) * 100) : null;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <Link href="/debtors" className="text-[12px] text-blue-700 hover:underline">
            ← {t("common.backToList")}
          </Link>
          <h1 className="flex flex-wrap items-center gap-2 text-lg font-semibold">
            {debtor.name}
            <span className="font-mono text-[13px] font-normal text-slate-500">{debtor.customerNumber}</span>
            <Badge>{debtor.kind === "consumer" ? t("common.consumer") : t("common.b2b")}</Badge>
            {debtor.creditHold ? <Badge tone="red">{t("debtor.creditHold")}</Badge> : null}
            {debtor.isDunningPaused ? <Badge tone="amber">{t("debtor.dunningPaused")}</Badge> : null}
          </h1>
          <div className="flex flex-wrap gap-x-4 text-[13px] text-slate-600">
            {debtor.address ? <span>{debtor.address}</span> : null}
            {debtor.phone ? (
              <a href={`tel:${debtor.phone.replace(/\s/g, "")}`} className="text-blue-700 hover:underline">
                {debtor.phone}
              </a>
            ) : null}
            {debtor.email ? (
              <a href={`mailto:${debtor.email}`} className="text-blue-700 hover:underline">
                {debtor.email}
              </a>
            ) : null}
            <span>
              {t("debtor.controller")}: {debtor.controllerName ?? t("common.unassigned")}
            </span>
            <span>
              {t("debtor.language")}: {debtor.language.toUpperCase()}
            </span>
            <span>{t("debtor.paymentTerm", { days: debtor.paymentTermDays })}</span>
            <span>{t("debtor.customerSince", { date: date(debtor.customerSince) })}</span>
          </div>
        </div>
      </div>

      <div className="grid grid-cols-2 gap-2 md:grid-cols-3 xl:grid-cols-6" data-testid="debtor-position">
        <Stat label={t("debtor.open")} value={money(position.openCents)} hint={`${position.invoices.length} ×`} />
        <Stat label={t("debtor.overdue")} value={money(position.overdueCents)} tone={position.overdueCents > 0 ? "red" : "default"} />
        <Stat label={t("debtor.disputed")} value={money(position.disputedCents)} tone={position.disputedCents > 0 ? "amber" : "default"} />
        <Stat
          label={t("debtor.oldest")}
          value={position.oldest && position.oldest.daysOverdue > 0 ? t("common.days", { count: position.oldest.daysOverdue }) : "—"}
          hint={position.oldest ? `${position.oldest.number} · ${date(position.oldest.dueDate)}` : undefined}
        />
        <Stat
          label={t("debtor.creditLimit")}
          value={debtor.creditLimitCents ? money(debtor.creditLimitCents) : t("debtor.noCreditLimit")}
          hint={creditUse !== null ? t("debtor.creditUse", { pct: creditUse }) : undefined}
          tone={creditUse !== null && creditUse > 100 ? "red" : "default"}
        />
        <Stat
          label={t("debtor.negotiation")}
          value={<span className="text-[13px]">{t("debtor.negotiation.instalments", { count: debtor.maxInstalments })}</span>}
          hint={`${t("debtor.negotiation.downPayment", { pct: debtor.minDownPaymentPct })} · ${
            debtor.canStopDeliveries ? t("debtor.negotiation.stopDeliveries") : t("debtor.negotiation.noStopDeliveries")
          }`}
        />
      </div>

      <div className="grid gap-3 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="space-y-3">
          <Panel title={`${t("debtor.invoices")} (${position.invoices.length})`} id="invoices">
            {position.invoices.length === 0 ? (
              <EmptyState>{t("debtor.invoices.empty")}</EmptyState>
            ) : (
              <table className="w-full text-[13px]" data-testid="open-invoices">
                <thead className="border-b border-slate-200 bg-slate-50 text-slate-600">
                  <tr>
                    <th scope="col" className="px-2 py-1 text-left font-medium">{t("debtor.invoice.number")}</th>
                    <th scope="col" className="px-2 py-1 text-left font-medium">{t("debtor.invoice.issued")}</th>
                    <th scope="col" className="px-2 py-1 text-left font-medium">{t("debtor.invoice.due")}</th>
                    <th scope="col" className="px-2 py-1 text-right font-medium">{t("debtor.invoice.age")}</th>
                    <th scope="col" className="px-2 py-1 text-right font-medium">{t("debtor.invoice.amount")}</th>
                    <th scope="col" className="px-2 py-1 text-right font-medium">{t("debtor.invoice.open")}</th>
                    <th scope="col" className="px-2 py-1 text-right font-medium">{t("debtor.invoice.level")}</th>
                    <th scope="col" className="px-2 py-1 text-left font-medium">
                      <span className="sr-only">flags</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {position.invoices.map((i) => (
                    <tr key={i.id} className="border-b border-slate-100 last:border-0">
                      <td className="px-2 py-1 font-mono text-[12px]">{i.number}</td>
                      <td className="px-2 py-1 text-slate-600">{date(i.issueDate)}</td>
                      <td className="px-2 py-1">{date(i.dueDate)}</td>
                      <td className={`num px-2 py-1 ${i.daysOverdue > 60 ? "font-medium text-red-700" : i.daysOverdue > 0 ? "text-amber-700" : "text-slate-500"}`}>
                        {i.daysOverdue > 0 ? i.daysOverdue : "—"}
                      </td>
                      <td className="num px-2 py-1 text-slate-600">{money(i.amountCents)}</td>
                      <td className="num px-2 py-1 font-medium">{money(i.openCents)}</td>
                      <td className="num px-2 py-1">{i.dunningLevel || "—"}</td>
                      <td className="space-x-1 px-2 py-1">
                        {i.disputedCents > 0 ? <Badge tone="amber" title={money(i.disputedCents)}>{t("debtor.invoice.disputed")}</Badge> : null}
                        {i.hasOpenPromise ? <Badge tone="blue">{t("debtor.invoice.promised")}</Badge> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot className="border-t border-slate-200 bg-slate-50">
                  <tr>
                    <td colSpan={5} className="px-2 py-1 font-medium">{t("debtor.invoice.total")}</td>
                    <td className="num px-2 py-1 font-semibold">{money(position.openCents)}</td>
                    <td colSpan={2} />
                  </tr>
                </tfoot>
              </table>
            )}
          </Panel>

          <Panel
            title={t("debtor.history")}
            id="history"
            actions={
              <nav aria-label={t("debtor.history")} className="flex flex-wrap gap-1 text-[12px]">
                {[undefined, ...TIMELINE_KINDS].map((k) => (
                  <Link
                    key={k ?? "all"}
                    href={k ? `/debtors/${debtor.id}?show=${k}#history` : `/debtors/${debtor.id}#history`}
                    aria-current={show === k ? "true" : undefined}
                    className={`rounded px-1.5 py-0.5 ${show === k ? "bg-slate-700 text-white" : "text-slate-600 hover:bg-slate-100"}`}
                  >
                    {t(`debtor.history.filter.${k ?? "all"}` as MessageKey)}
                  </Link>
                ))}
              </nav>
            }
          >
            {timeline.length === 0 ? <EmptyState>{t("debtor.history.empty")}</EmptyState> : <TimelineList entries={timeline} locale={user.locale} />}
          </Panel>
        </div>

        <div className="space-y-3">
          {summaries.length ? (
            <SummaryEditor
              drafts={summaries}
              recipients={contacts.filter((c) => c.email).map((c) => ({ id: c.id, name: c.name, email: c.email! }))}
              language={debtor.language === "en" ? "en" : "nl"}
              canSend={canWrite}
            />
          ) : null}
          {canWrite ? (
            <CallPanel
              key={draft?.id ?? "none"}
              debtorId={debtor.id}
              debtorVersion={debtor.version}
              contacts={contacts.map((c) => ({ id: c.id, name: c.name, phone: c.phone, mobile: c.mobile, email: c.email }))}
              invoices={position.invoices.map((i) => ({ id: i.id, number: i.number, dueDate: i.dueDate, openCents: i.openCents, disputedCents: i.disputedCents, daysOverdue: i.daysOverdue }))}
              goal={{ amountCents: Number(goal.amountCents), payBy: goal.payBy, invoiceIds: goal.invoiceIds }}
              room={{ maxInstalments: debtor.maxInstalments, minDownPaymentPct: debtor.minDownPaymentPct }}
              today={today}
              draft={draft}
              playbook={playbook(user.locale)}
            />
          ) : null}
          <PreparePanel
            locale={user.locale}
            currency={debtor.currency}
            timeZone={debtor.timeZone}
            advice={advice}
            goal={goal}
            consequence={consequence}
            canStopDeliveries={debtor.canStopDeliveries}
            behaviour={behaviour}
            insurer={insurer}
            numbersUsed={numbersUsed}
          />
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
                    <div className="text-[12px] text-slate-500">
                      {c.jobTitle ?? t(`debtor.contact.role.${c.role}` as MessageKey)}
                    </div>
                    <div className="mt-0.5 flex flex-wrap gap-x-3 text-[13px]">
                      {c.phone ? (
                        <a href={`tel:${c.phone.replace(/\s/g, "")}`} className="text-blue-700 hover:underline">
                          {c.phone}
                        </a>
                      ) : null}
                      {c.mobile ? (
                        <a href={`tel:${c.mobile.replace(/\s/g, "")}`} className="text-blue-700 hover:underline">
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
                        {c.preferredCallTimes
                          .map((p) => `${p.days.map((d) => DAY_NAMES[user.locale][d % 7]).join("/")} ${p.from}–${p.to}`)
                          .join("; ")}
                      </div>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </Panel>

          {debtor.isCreditInsured ? (
            <Panel title={t("debtor.insured", { insurer: debtor.insurer ?? "?" })}>
              <p className="px-3 py-2 text-[13px] text-slate-700">
                {debtor.insuredLimitCents ? t("debtor.insuredLimit", { amount: money(debtor.insuredLimitCents) }) : null}
                {debtor.insurerNotifyDays ? ` · ${t("debtor.insurerDeadline", { days: debtor.insurerNotifyDays })}` : null}
              </p>
            </Panel>
          ) : null}
          <Panel title={t("debtor.dunning")} id="dunning">
            {debtor.isDunningPaused ? (
              <p className="px-3 pt-2 text-[13px] font-medium text-amber-800" data-testid="dunning-paused">
                {t("debtor.dunning.paused", { reason: debtor.dunningPausedReason ?? "" })}
              </p>
            ) : null}
            {dunning.length === 0 ? (
              <EmptyState>{t("debtor.dunning.none")}</EmptyState>
            ) : (
              <ul className="divide-y divide-slate-100 text-[13px]" data-testid="dunning-history">
                {dunning.map((d) => (
                  <li key={d.id} className="px-3 py-1">
                    <div className="flex gap-2">
                      <span className="text-slate-500">{d.sentAt.slice(0, 10)}</span>
                      <span className="font-medium">{isMessageKey(`dunning.template.${d.stepCode}`) ? t(`dunning.template.${d.stepCode}` as MessageKey) : (d.stepCode ?? `#${d.level}`)}</span>
                      <span className="text-slate-500">{isMessageKey(`dunning.channel.${d.channel}`) ? t(`dunning.channel.${d.channel}` as MessageKey) : d.channel}</span>
                      {d.hasLetter ? (
                        <a href={`/api/dunning/letters?id=${d.id}`} className="ml-auto text-blue-800 hover:underline">
                          PDF
                        </a>
                      ) : null}
                    </div>
                    {BigInt(d.costsCents) > 0n || BigInt(d.interestCents) > 0n ? (
                      <div className="text-[12px] text-slate-600">
                        {t("debtor.dunning.amounts", { interest: money(Number(d.interestCents)), costs: money(Number(d.costsCents)), date: d.payByDate ?? "" })}
                      </div>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
            {canWrite ? (
              <DunningSettingsForm debtorId={debtor.id} version={debtor.version} isPaused={debtor.isDunningPaused} reason={debtor.dunningPausedReason} policyId={debtor.dunningPolicyId} policies={policies.map((p) => ({ id: p.id, name: p.name, isDefault: p.isDefault }))} />
            ) : null}
          </Panel>
          {canWrite && can(user.role, "payments:write") ? (
            <Panel title={t("debtor.payment")} id="payment">
              <PaymentForm debtorId={debtor.id} today={today} invoices={position.invoices.map((i) => ({ id: i.id, number: i.number }))} />
            </Panel>
          ) : null}
          <PlaybookPanel locale={user.locale} />
        </div>
      </div>
    </div>
  );
}
