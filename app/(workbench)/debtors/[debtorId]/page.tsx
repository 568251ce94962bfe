import { notFound } from "next/navigation";
import { Suspense } from "react";
import { SendDocumentForm } from "@/components/debtors/send-document-form";
import { Panel } from "@/components/ui/panel";
import { can } from "@/lib/auth/roles";
import { listOpenAgreements } from "@/lib/agreements/agreement-queries";
import { db } from "@/lib/db/client";
import { listHoldingDisputes } from "@/lib/disputes/dispute-queries";
import { listControllers } from "@/lib/debtors/debtor-queries";
import { getDebtorHistory, getDebtorWorkbench, historyTake, type WorkbenchUser } from "@/lib/debtors/debtor-workbench";
import { getPrivacyOverview } from "@/lib/privacy/privacy-queries";
import { translator } from "@/lib/i18n/translate";
import type { Locale } from "@/lib/i18n/locale";
import { TIMELINE_KINDS, type TimelineKind } from "@/lib/timeline/timeline-queries";
import { officeClock } from "@/server/context";
import { requirePageUser } from "@/server/session";
import { CallPanel } from "./call-panel";
import { AgreementsPanel } from "./agreements-panel";
import { ContactLogForm } from "./contact-log-form";
import { DisputesPanel } from "./disputes-panel";
import { ContactsPanel } from "./contacts-panel";
import { DebtorHeader } from "./debtor-header";
import { DunningPanel } from "./dunning-panel";
import { PaymentForm } from "./dunning-payment-panels";
import { HistoryPanel, HistoryPanelLoading } from "./history-panel";
import { InsurancePanel } from "./insurance-panel";
import { InvoicesPanel } from "./invoices-panel";
import { PositionStats } from "./position-stats";
import { PlaybookPanel, PreparePanel } from "./prepare-panel";
import { PrivacyPanel } from "./privacy-panel";
import { SummaryEditor } from "./summary-editor";
import { pageTitle } from "@/server/page-title";

export const generateMetadata = pageTitle("debtor.pageTitle");

type Props = { params: Promise<{ debtorId: string }>; searchParams: Promise<{ show?: string | string[]; history?: string | string[] }> };

/** The debtor workbench: prepare the call, make it, follow it up, and see everything that happened. */
export default async function DebtorPage({ params, searchParams }: Props) {
  const user = await requirePageUser("debtors:read");
  const { debtorId } = await params;
  const query = await searchParams;
  const showParam = String(query.show);
  const show = TIMELINE_KINDS.find((k) => k === showParam);
  // The history shows its newest entries; "show older" asks for more (?history=40).
  const historyAsked = Array.isArray(query.history) ? query.history[0] : query.history;
  // The history streams in after the rest of the page (its own read), so the call form shows at once.
  // Data-subject rights (GDPR) are the office's: only privacy:manage sees the panel (read alongside).
  const [wb, privacy, disputes, agreements, assignees] = await Promise.all([
    getDebtorWorkbench(db(), user, debtorId, officeClock()),
    can(user.role, "privacy:manage") ? getPrivacyOverview(db(), debtorId) : Promise.resolve(null),
    listHoldingDisputes(db(), debtorId),
    listOpenAgreements(db(), debtorId),
    // Who may hold the debtor, for those who decide it (debtors:assign).
    can(user.role, "debtors:assign") ? listControllers(db()) : Promise.resolve(undefined),
  ]);
  if (!wb) notFound();

  const { debtor, position, contacts, goal } = wb;
  const { locale } = user;
  const t = translator(locale);
  const emailRecipients = contacts.flatMap((c) => (c.email ? [{ id: c.id, name: c.name, email: c.email }] : []));
  return (
    <div className="space-y-3">
      <DebtorHeader debtor={debtor} locale={locale} assignees={assignees} />
      <PositionStats debtor={debtor} position={position} creditUsePct={wb.creditUsePct} locale={locale} />

      {/* Three blocks: on a wide screen the position and the history on the left, the call and its
          preparation on the right; on a phone the call comes right after the position, before the history. */}
      <div className="grid grid-cols-[minmax(0,1fr)] gap-3 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)] lg:grid-rows-[auto_1fr]">
        <div className="space-y-3 lg:col-start-1 lg:row-start-1">
          <InvoicesPanel position={position} currency={debtor.currency} locale={locale} />
          {agreements.length ? <AgreementsPanel agreements={agreements} canWrite={wb.canWrite} /> : null}
          {disputes.length ? <DisputesPanel disputes={disputes} currency={debtor.currency} canWrite={wb.canWrite} /> : null}
        </div>

        <div className="space-y-3 lg:col-start-2 lg:row-span-2 lg:row-start-1">
          {wb.summaryDrafts.length ? (
            <SummaryEditor
              drafts={wb.summaryDrafts}
              recipients={emailRecipients}
              language={debtor.language === "en" ? "en" : "nl"}
              canSend={wb.canWrite}
            />
          ) : null}
          {wb.canWrite ? (
            <CallPanel
              key={wb.callDraft?.id ?? "none"}
              debtorId={debtor.id}
              debtorVersion={debtor.version}
              currency={debtor.currency}
              contacts={contacts.map((c) => ({ id: c.id, name: c.name, phone: c.phone, mobile: c.mobile, email: c.email }))}
              invoices={position.invoices.map((i) => ({ id: i.id, number: i.number, dueDate: i.dueDate, openCents: i.openCents, disputedCents: i.disputedCents, daysOverdue: i.daysOverdue, hasOpenPromise: i.hasOpenPromise }))}
              goal={{ amountCents: Number(goal.amountCents), payBy: goal.payBy, invoiceIds: goal.invoiceIds }}
              room={{ maxInstalments: debtor.maxInstalments, minDownPaymentPct: debtor.minDownPaymentPct }}
              today={wb.today}
              draft={wb.callDraft}
            />
          ) : null}
          {/* The excuse playbook right under the call form: the answer to an excuse is at hand while talking. */}
          <PlaybookPanel locale={locale} />
          {wb.canWrite ? (
            <Panel title={t("contactLog.title")} id="contact-log">
              <ContactLogForm debtorId={debtor.id} contacts={contacts.map((c) => ({ id: c.id, name: c.name }))} />
            </Panel>
          ) : null}
          <Panel title={t("documents.title")} id="documents">
            <SendDocumentForm document="statement" debtorId={debtor.id} pdfHref={`/api/documents/statement/${debtor.id}`} recipients={emailRecipients} canSend={wb.canWrite} />
          </Panel>
          <PreparePanel
            locale={locale}
            currency={debtor.currency}
            timeZone={debtor.timeZone}
            advice={wb.callTime}
            goal={goal}
            consequence={wb.consequence}
            canStopDeliveries={debtor.canStopDeliveries}
            behaviour={wb.behaviour}
            insurer={wb.insurer}
            numbersUsed={wb.numbersUsed}
          />
          <ContactsPanel contacts={contacts} locale={locale} canWrite={wb.canWrite} />
          {privacy ? <PrivacyPanel overview={privacy} locale={locale} /> : null}
          <InsurancePanel debtor={debtor} locale={locale} />
          <DunningPanel debtor={debtor} dunning={wb.dunning} handoverStop={wb.handoverStop} policies={wb.policies} canWrite={wb.canWrite} locale={locale} />
          {wb.canRecordPayment ? (
            <Panel title={t("debtor.payment")} id="payment">
              <PaymentForm debtorId={debtor.id} today={wb.today} invoices={position.invoices.map((i) => ({ id: i.id, number: i.number }))} />
            </Panel>
          ) : null}
        </div>

        <div className="space-y-3 self-start lg:col-start-1 lg:row-start-2">
          <Suspense fallback={<HistoryPanelLoading locale={locale} />}>
            <History
              user={user}
              debtorId={debtor.id}
              show={show}
              take={historyAsked}
              locale={locale}
              resendTo={wb.canWrite ? emailRecipients : undefined}
              canReversePayments={wb.canRecordPayment}
            />
          </Suspense>
        </div>
      </div>
    </div>
  );
}

async function History({ user, debtorId, show, take, locale, resendTo, canReversePayments }: { user: WorkbenchUser; debtorId: string; show: TimelineKind | undefined; take: string | undefined; locale: Locale; resendTo?: { id: string; name: string; email: string }[]; canReversePayments: boolean }) {
  const history = await getDebtorHistory(db(), user, debtorId, { timelineKind: show, take: historyTake(take) });
  return <HistoryPanel debtorId={debtorId} history={history} show={show} locale={locale} resendTo={resendTo} canReversePayments={canReversePayments} />;
}
