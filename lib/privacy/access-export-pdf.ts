import type { Locale } from "@/lib/i18n/locale";
import { isMessageKey, translator, type MessageKey } from "@/lib/i18n/translate";
import { formatCents } from "@/lib/format/money";
import type { PDFFont } from "pdf-lib";
import { A4, createPdf, drawFooters, drawText, PageFlow, savePdf, wrap } from "@/lib/pdf/pdf-kit";
import type { AccessExport, ContactData, Money } from "./privacy-queries";
import { localeTag } from "@/lib/format/intl";

/**
 * The access export as a readable PDF (A4, Helvetica) in the requesting user's language: a title,
 * then one headed section per kind of data, each record with its date first. Long texts wrap and
 * continue on further pages; every page carries its number. The JSON export is the complete,
 * exact one: the standard fonts only encode WinAnsi, so a character outside it shows as "?" here.
 */
const LAYOUT = { margin: 50, size: 9.5, line: 12.5, footer: 20 };
const MARGIN = LAYOUT.margin;
const SIZE = LAYOUT.size;
const LINE = LAYOUT.line;
const LABEL_WIDTH = 130;

type Field = [label: string, value: string | null | undefined];
type Item = { title: string; fields: Field[] };
type Section = { heading: string; items: Item[] };

export type PdfOptions = { timeZone: string };

export async function renderAccessExportPdf(data: AccessExport, locale: Locale, opts: PdfOptions): Promise<Uint8Array> {
  const t = translator(locale);
  const { doc, fonts } = await createPdf({ title: t("privacy.pdf.title"), date: new Date(data.generatedAt) });
  const { regular, bold } = fonts;
  const flow = new PageFlow(doc, fonts, LAYOUT);
  const ensure = (space: number) => flow.ensure(space);
  const draw = (s: string, x: number, font: PDFFont, size = SIZE) => drawText(flow.page, s, { x, y: flow.y, font, size });
  const width = flow.width;

  flow.newPage();
  for (const line of wrap(t("privacy.pdf.title"), bold, 15, width)) {
    draw(line, MARGIN, bold, 15);
    flow.y -= 20;
  }
  const fmt = formatters(locale, opts.timeZone);
  const intro = [
    t("privacy.pdf.generated", { date: fmt.instant(data.generatedAt) ?? data.generatedAt }),
    t(data.subject.type === "contact" ? "privacy.pdf.subject.contact" : "privacy.pdf.subject.consumer_debtor", { id: data.subject.id }),
    ...(data.subject.erased ? [t("privacy.pdf.erased")] : []),
    t("privacy.pdf.intro"),
  ];
  for (const p of intro) {
    for (const line of wrap(p, regular, SIZE, width)) {
      ensure(LINE);
      draw(line, MARGIN, regular);
      flow.y -= LINE;
    }
    flow.y -= 3;
  }

  for (const section of accessSections(data, locale, opts.timeZone)) {
    ensure(LINE * 4);
    flow.y -= 8;
    draw(`${section.heading} (${section.items.length})`, MARGIN, bold, 12);
    flow.y -= 4;
    flow.page.drawLine({ start: { x: MARGIN, y: flow.y - 2 }, end: { x: A4.w - MARGIN, y: flow.y - 2 }, thickness: 0.5 });
    flow.y -= LINE + 2;
    if (section.items.length === 0) {
      draw(t("privacy.pdf.none"), MARGIN, regular);
      flow.y -= LINE;
      continue;
    }
    for (const item of section.items) {
      ensure(LINE * 2);
      for (const line of wrap(item.title, bold, SIZE, width)) {
        ensure(LINE);
        draw(line, MARGIN, bold);
        flow.y -= LINE;
      }
      for (const [label, value] of item.fields) {
        if (value === null || value === undefined || value === "") continue;
        const lines = wrap(value, regular, SIZE, width - LABEL_WIDTH);
        lines.forEach((line, i) => {
          ensure(LINE);
          if (i === 0) draw(label, MARGIN + 8, regular);
          draw(line, MARGIN + LABEL_WIDTH, regular);
          flow.y -= LINE;
        });
      }
      flow.y -= 4;
    }
  }

  drawFooters(flow.pages, regular, { margin: MARGIN, lines: [t("privacy.pdf.footer")], label: (page, pages) => t("privacy.pdf.page", { page, pages }) });
  return savePdf(doc);
}

function formatters(locale: Locale, timeZone: string) {
  const tag = localeTag(locale);
  const instantFmt = new Intl.DateTimeFormat(tag, { timeZone, day: "2-digit", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const dateFmt = new Intl.DateTimeFormat(tag, { timeZone: "UTC", day: "2-digit", month: "short", year: "numeric" });
  return {
    instant: (s: string | null) => (s ? instantFmt.format(new Date(s)) : null),
    date: (s: string | null) => (s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? dateFmt.format(new Date(`${s}T00:00:00Z`)) : s),
    /** "12.34" EUR -> "€ 12,34" (nl) or "€12.34" (en), exact (integer cents, as letters print them). */
    money: (m: Money) => formatCents(decimalCents(m.amount), m.currency, locale),
  };
}

/** "-1234.56" -> -123456n: the export's decimal strings always carry two decimals (centsToDecimal). */
function decimalCents(amount: string): bigint {
  const negative = amount.startsWith("-");
  const [whole = "0", frac = "00"] = amount.replace(/^-/, "").split(".");
  const cents = BigInt(whole || "0") * 100n + BigInt(frac.padEnd(2, "0").slice(0, 2));
  return negative ? -cents : cents;
}

/** The sections as text, in the user's language: also what the unit test reads. */
export function accessSections(data: AccessExport, locale: Locale, timeZone: string): Section[] {
  const t = translator(locale);
  const f = formatters(locale, timeZone);
  const L = (field: string) => t(`privacy.pdf.field.${field}` as MessageKey);
  const code = (prefix: string, value: string | null) => (value === null ? null : isMessageKey(`${prefix}.${value}`) ? t(`${prefix}.${value}` as MessageKey) : value);
  const yesNo = (b: boolean) => t(b ? "common.yes" : "common.no");
  const json = (v: unknown) => (v === null || v === undefined ? null : typeof v === "string" ? v : JSON.stringify(v, null, 1).replace(/\n\s*/g, " "));
  const contactFields = (c: ContactData): Field[] => [
    [L("name"), c.name], [L("jobTitle"), c.jobTitle], [L("role"), code("debtor.contact.role", c.role)], [L("email"), c.email], [L("phone"), c.phone], [L("mobile"), c.mobile],
    [L("preferredCallTimes"), json(c.preferredCallTimes)], [L("isPrimaryForPayments"), yesNo(c.isPrimaryForPayments)], [L("createdAt"), f.instant(c.createdAt)], [L("updatedAt"), f.instant(c.updatedAt)],
  ];
  const sections: Section[] = [];
  if (data.contact) sections.push({ heading: t("privacy.pdf.section.person"), items: [{ title: data.contact.name, fields: contactFields(data.contact) }] });
  if (data.company) sections.push({ heading: t("privacy.pdf.section.company"), items: [{ title: data.company.name, fields: [[L("customerNumber"), data.company.customerNumber]] }] });
  if (data.debtor) {
    const d = data.debtor;
    sections.push({
      heading: t("privacy.pdf.section.person"),
      items: [{
        title: d.name,
        fields: [
          [L("customerNumber"), d.customerNumber], [L("name"), d.name], [L("email"), d.email], [L("phone"), d.phone],
          [L("address"), [d.street, [d.postalCode, d.city].filter(Boolean).join(" "), d.country].filter(Boolean).join(", ")],
          [L("iban"), d.iban], [L("kvkNumber"), d.kvkNumber], [L("language"), d.language], [L("customerSince"), f.date(d.customerSince)], [L("paymentTermDays"), String(d.paymentTermDays)],
          [L("notes"), d.notes], [L("createdAt"), f.instant(d.createdAt)], [L("updatedAt"), f.instant(d.updatedAt)],
        ],
      }],
    });
    sections.push({ heading: t("privacy.pdf.section.contacts"), items: data.contacts.map((c) => ({ title: c.name, fields: contactFields(c) })) });
  }
  sections.push({
    heading: t("privacy.pdf.section.calls"),
    items: data.calls.map((c) => ({
      title: `${f.instant(c.startedAt)} · ${code("outcome", c.outcome) ?? "-"}`,
      fields: [[L("spokeWith"), c.spokeWith], [L("phoneUsed"), c.phoneUsed], [L("reason"), [c.reasonCategory, c.reasonText].filter(Boolean).join(": ")], [L("notes"), c.notes], [L("endedAt"), f.instant(c.endedAt)]],
    })),
  });
  sections.push({
    heading: t("privacy.pdf.section.emails"),
    items: data.emails.map((e) => ({
      title: `${f.instant(e.createdAt)} · ${e.subject}`,
      fields: [[L("to"), e.toName ? `${e.toName} <${e.toAddress}>` : e.toAddress], [L("status"), e.status], [L("sentAt"), f.instant(e.sentAt)], [L("body"), e.body]],
    })),
  });
  if (data.subject.type === "consumer_debtor") {
    sections.push({
      heading: t("privacy.pdf.section.dunning"),
      items: data.dunning.map((d) => ({
        title: `${f.instant(d.sentAt)} · ${d.subject ?? `${L("level")} ${d.level}`}`,
        fields: [[L("level"), String(d.level)], [L("channel"), d.channel], [L("invoices"), d.invoiceNumbers.join(", ")], [L("principal"), f.money(d.principal)], [L("interest"), f.money(d.interest)], [L("costs"), f.money(d.costs)], [L("payBy"), f.date(d.payByDate)]],
      })),
    });
  }
  sections.push({
    heading: t("privacy.pdf.section.agreements"),
    items: data.agreements.map((a) => ({
      title: `${f.instant(a.createdAt)} · ${a.kind} (${a.status})`,
      fields: [[L("total"), f.money(a.total)], [L("method"), a.method], [L("invoices"), a.invoiceNumbers.join(", ")], [L("instalments"), a.instalments.map((i) => `${i.seq}. ${f.date(i.dueDate)} ${f.money(i.amount)} (${i.status})`).join("; ")]],
    })),
  });
  if (data.subject.type === "consumer_debtor") {
    sections.push({
      heading: t("privacy.pdf.section.payments"),
      items: data.payments.map((p) => ({ title: `${f.date(p.valueDate)} · ${f.money(p.amount)}`, fields: [[L("method"), p.method], [L("reference"), p.reference], [L("source"), p.source], [L("reversedAt"), f.instant(p.reversedAt)]] })),
    });
    sections.push({
      heading: t("privacy.pdf.section.invoices"),
      items: data.invoices.map((i) => ({
        title: `${i.number} · ${f.money(i.amount)}`,
        fields: [[L("issueDate"), f.date(i.issueDate)], [L("dueDate"), f.date(i.dueDate)], [L("open"), f.money(i.open)], [L("costs"), f.money(i.costsOpen)], [L("interest"), f.money(i.interestOpen)], [L("description"), i.description]],
      })),
    });
    sections.push({
      heading: t("privacy.pdf.section.disputes"),
      items: data.disputes.map((d) => ({ title: `${f.date(d.openedOn)} · ${d.invoiceNumber}`, fields: [[L("amount"), f.money(d.disputed)], [L("reason"), d.reason], [L("status"), d.status], [L("resolvedOn"), f.date(d.resolvedOn)], [L("description"), d.description]] })),
    });
    sections.push({
      heading: t("privacy.pdf.section.tasks"),
      items: data.tasks.map((k) => ({ title: `${f.instant(k.dueAt)} · ${code("taskType", k.type) ?? k.type}`, fields: [[L("status"), k.status], [L("notes"), k.note], [L("completedAt"), f.instant(k.completedAt)]] })),
    });
    sections.push({
      heading: t("privacy.pdf.section.bankLines"),
      items: data.bankLines.map((l) => ({ title: `${f.date(l.valueDate)} · ${f.money(l.amount)}`, fields: [[L("counterparty"), [l.counterpartyName, l.counterpartyIban].filter(Boolean).join(", ")], [L("description"), l.description]] })),
    });
  }
  sections.push({
    heading: t("privacy.pdf.section.auditLog"),
    items: data.auditLog.map((a) => ({ title: `${f.instant(a.at)} · ${a.action}`, fields: [[L("entity"), `${a.entity} ${a.entityId}`], [L("data"), json(a.data)]] })),
  });
  return sections;
}
