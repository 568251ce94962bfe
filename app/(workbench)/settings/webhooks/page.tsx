import { Badge, type BadgeTone } from "@/components/ui/badge";
import { DataTable, TableHead, Td, Th, Tr } from "@/components/ui/data-table";
import { EmptyState, Panel } from "@/components/ui/panel";
import { TextLink } from "@/components/ui/text-link";
import { db } from "@/lib/db/client";
import { settings } from "@/lib/env/settings";
import { EVENT_TYPES } from "@/lib/events/domain-events";
import { translator } from "@/lib/i18n/translate";
import { listWebhookDeliveries, listWebhookSubscriptions } from "@/lib/webhooks/webhook-queries";
import { requirePageUser } from "@/server/session";
import { RetryDeliveryButton } from "./retry-delivery-button";
import { WebhooksAdmin } from "./webhooks-admin";
import { pageTitle } from "@/server/page-title";
import { dateTimeFormat, localeTag } from "@/lib/format/intl";

export const generateMetadata = pageTitle("webhooks.title");

const STATUS_TONE: Record<string, BadgeTone> = { pending: "amber", sending: "blue", delivered: "green", failed: "red" };
const STATUSES = ["pending", "sending", "delivered", "failed"] as const;

/** Outside systems that get events pushed: the subscribers, and each one's delivery log. Admins only. */
export default async function WebhooksPage({ searchParams }: { searchParams: Promise<{ s?: string }> }) {
  const user = await requirePageUser("integrations:manage");
  const t = translator(user.locale);
  const subscriptions = await listWebhookSubscriptions(db(), user);
  const { s } = await searchParams;
  const selected = subscriptions.find((x) => x.id === s) ?? subscriptions[0] ?? null;
  const deliveries = selected ? await listWebhookDeliveries(db(), user, { subscriptionId: selected.id, limit: 50 }) : [];
  const fmt = dateTimeFormat(localeTag(user.locale), { dateStyle: "short", timeStyle: "medium", timeZone: settings().timeZone });
  const when = (iso: string | null) => (iso ? fmt.format(new Date(iso)) : "");
  const statusLabel = (status: string) => ((STATUSES as readonly string[]).includes(status) ? t(`webhooks.status.${status as (typeof STATUSES)[number]}`) : status);
  const eventLabel = (type: string | null) => (type && (EVENT_TYPES as readonly string[]).includes(type) ? t(`webhooks.event.${type as (typeof EVENT_TYPES)[number]}`) : (type ?? "?"));

  return (
    <div className="space-y-3">
      <div className="flex items-baseline justify-between gap-2">
        <h1 className="text-base font-semibold">{t("webhooks.title")}</h1>
        <TextLink href="/settings" className="text-[13px]">
          {t("webhooks.back")}
        </TextLink>
      </div>
      <p className="max-w-3xl text-[13px] text-slate-600">{t("webhooks.intro")}</p>
      <Panel title={`${t("webhooks.subscribers")} (${subscriptions.length})`} id="webhook-subscribers">
        <WebhooksAdmin subscriptions={subscriptions} selectedId={selected?.id ?? null} />
      </Panel>
      {selected ? (
        <Panel title={t("webhooks.log", { name: selected.name })} id="webhook-log">
          {deliveries.length === 0 ? (
            <EmptyState>{t("webhooks.log.empty")}</EmptyState>
          ) : (
            <div className="relative overflow-x-auto">
            <DataTable data-testid="webhook-deliveries">
              <TableHead>
                <Th>{t("webhooks.log.created")}</Th>
                <Th>{t("webhooks.log.event")}</Th>
                <Th>{t("webhooks.log.status")}</Th>
                <Th numeric>{t("webhooks.log.attempts")}</Th>
                <Th numeric>{t("webhooks.log.code")}</Th>
                <Th numeric>{t("webhooks.log.duration")}</Th>
                <Th>{t("webhooks.log.error")}</Th>
                <Th>{t("webhooks.log.next")}</Th>
                <Th />
              </TableHead>
              <tbody>
                {deliveries.map((d) => (
                  <Tr key={d.id} data-testid="webhook-delivery">
                    <Td className="whitespace-nowrap text-slate-600">{when(d.createdAt)}</Td>
                    <Td>
                      <span title={d.eventId}>{eventLabel(d.eventType)}</span>
                    </Td>
                    <Td>
                      <Badge tone={STATUS_TONE[d.status] ?? "neutral"}>{statusLabel(d.status)}</Badge>
                    </Td>
                    <Td numeric>{d.attempts}</Td>
                    <Td numeric>{d.lastStatusCode ?? ""}</Td>
                    <Td numeric>{d.lastDurationMs === null ? "" : `${d.lastDurationMs} ms`}</Td>
                    <Td className="max-w-64 truncate text-slate-600" title={d.lastError ?? undefined}>
                      {d.lastError ?? ""}
                    </Td>
                    <Td className="whitespace-nowrap text-slate-600">
                      {d.status === "delivered" ? when(d.deliveredAt) : d.status === "pending" ? when(d.nextAttemptAt) : ""}
                    </Td>
                    <Td className="text-right">{d.status === "failed" ? <RetryDeliveryButton deliveryId={d.id} /> : null}</Td>
                  </Tr>
                ))}
              </tbody>
            </DataTable>
            </div>
          )}
        </Panel>
      ) : null}
    </div>
  );
}
