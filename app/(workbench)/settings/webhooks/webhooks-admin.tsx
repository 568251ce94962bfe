"use client";

import { useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, TableHead, Td, Th, Tr } from "@/components/ui/data-table";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { TextLink } from "@/components/ui/text-link";
import { useSubmit } from "@/components/ui/use-submit";
import { EVENT_TYPES, type EventType } from "@/lib/events/domain-events";
import type { WebhookSubscriptionRow } from "@/lib/webhooks/webhook-queries";
import { createWebhookSubscriptionAction, rotateWebhookSecretAction, updateWebhookSubscriptionAction } from "@/server/actions/webhooks";

type Shown = { name: string; secret: string };

/** The subscribers: add one (its secret shown once), edit, switch on or off, give a new secret. */
export function WebhooksAdmin({ subscriptions, selectedId }: { subscriptions: WebhookSubscriptionRow[]; selectedId: string | null }) {
  const { t } = useT();
  const { pending, message, fieldErrors, submit } = useSubmit();
  const [editing, setEditing] = useState<string | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [createKey, setCreateKey] = useState(() => crypto.randomUUID());

  return (
    <div>
      {shown ? <SecretOnce shown={shown} onDone={() => setShown(null)} /> : null}
      <FormMessage message={message} className="px-3 py-1 text-[13px]" />
      {subscriptions.length === 0 ? (
        <p className="px-3 py-3 text-slate-500">{t("webhooks.none")}</p>
      ) : (
        <div className="relative overflow-x-auto">
        <DataTable data-testid="webhook-subscribers">
          <TableHead>
            <Th>{t("webhooks.name")}</Th>
            <Th>{t("webhooks.url")}</Th>
            <Th>{t("webhooks.events")}</Th>
            <Th>{t("webhooks.state")}</Th>
            <Th numeric>{t("webhooks.counts")}</Th>
            <Th />
          </TableHead>
          <tbody>
            {subscriptions.map((s) =>
              editing === s.id ? (
                <Tr key={s.id}>
                  <td colSpan={6} className="px-3 py-2">
                    <SubscriptionForm
                      initial={s}
                      pending={pending}
                      fieldErrors={fieldErrors}
                      submitLabel={t("webhooks.save")}
                      onCancel={() => setEditing(null)}
                      onSubmit={(v) => submit(() => updateWebhookSubscriptionAction({ subscriptionId: s.id, ...v }), { success: t("webhooks.saved"), onSuccess: () => setEditing(null) })}
                    />
                  </td>
                </Tr>
              ) : (
                <Tr key={s.id} data-testid="webhook-subscriber" className={s.active ? (s.id === selectedId ? "bg-blue-50/50" : "") : "text-slate-400"}>
                  <Td>
                    <TextLink href={`/settings/webhooks?s=${encodeURIComponent(s.id)}`} aria-current={s.id === selectedId ? "true" : undefined}>
                      {s.name}
                    </TextLink>
                  </Td>
                  <Td className="max-w-72 truncate" title={s.url}>
                    {s.url}
                  </Td>
                  <Td className="text-[12px]">{s.events.map((e) => t(`webhooks.event.${e as EventType}`)).join(", ")}</Td>
                  <Td>{s.active ? <Badge tone="green">{t("webhooks.active")}</Badge> : <Badge>{t("webhooks.inactive")}</Badge>}</Td>
                  <Td numeric className="whitespace-nowrap">
                    <span title={t("webhooks.counts.help")}>
                      {s.counts.pending} / {s.counts.delivered} / <span className={s.counts.failed ? "text-red-700" : ""}>{s.counts.failed}</span>
                    </span>
                  </Td>
                  <Td className="text-right whitespace-nowrap">
                    <span className="inline-flex gap-1">
                      <Button disabled={pending} onClick={() => setEditing(s.id)}>
                        {t("webhooks.edit")}
                      </Button>
                      <Button
                        disabled={pending}
                        onClick={() => {
                          if (!window.confirm(t("webhooks.rotateConfirm", { name: s.name }))) return;
                          submit(() => rotateWebhookSecretAction({ subscriptionId: s.id }), { onSuccess: (r) => setShown({ name: s.name, secret: r.secret }) });
                        }}
                      >
                        {t("webhooks.rotate")}
                      </Button>
                      <Button
                        variant={s.active ? "danger" : "secondary"}
                        disabled={pending}
                        onClick={() => submit(() => updateWebhookSubscriptionAction({ subscriptionId: s.id, active: !s.active }), { success: s.active ? t("webhooks.disabled") : t("webhooks.enabled") })}
                      >
                        {s.active ? t("webhooks.disable") : t("webhooks.enable")}
                      </Button>
                    </span>
                  </Td>
                </Tr>
              ),
            )}
          </tbody>
        </DataTable>
        </div>
      )}
      <div className="border-t border-slate-200 px-3 py-2">
        <h3 className="mb-1 font-medium">{t("webhooks.add")}</h3>
        <SubscriptionForm
          pending={pending}
          fieldErrors={editing ? {} : fieldErrors}
          submitLabel={t("webhooks.add")}
          onSubmit={(v, form) =>
            submit(() => createWebhookSubscriptionAction({ ...v, idempotencyKey: createKey }), {
              onSuccess: (r) => {
                setShown({ name: v.name, secret: r.secret });
                setCreateKey(crypto.randomUUID());
                form.reset();
              },
            })
          }
        />
      </div>
    </div>
  );
}

type FormValues = { name: string; url: string; events: EventType[] };

function SubscriptionForm(props: {
  initial?: { name: string; url: string; events: string[] };
  pending: boolean;
  fieldErrors: Record<string, string[]>;
  submitLabel: string;
  onSubmit: (v: FormValues, form: HTMLFormElement) => void;
  onCancel?: () => void;
}) {
  const { t } = useT();
  const { initial, fieldErrors } = props;
  return (
    <form
      className="flex flex-wrap items-start gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const fd = new FormData(form);
        props.onSubmit({ name: String(fd.get("name") ?? ""), url: String(fd.get("url") ?? ""), events: fd.getAll("events").map(String) as EventType[] }, form);
      }}
    >
      <label className="flex flex-col">
        <Input name="name" defaultValue={initial?.name} placeholder={t("webhooks.name")} aria-label={t("webhooks.name")} invalid={Boolean(fieldErrors.name)} autoComplete="off" maxLength={100} />
        <FieldError messages={fieldErrors.name} />
      </label>
      <label className="flex min-w-72 flex-1 flex-col">
        <Input name="url" type="url" defaultValue={initial?.url} placeholder="https://…" aria-label={t("webhooks.url")} invalid={Boolean(fieldErrors.url)} autoComplete="off" maxLength={2000} />
        <FieldError messages={fieldErrors.url} />
      </label>
      <fieldset className="flex flex-col">
        <legend className="sr-only">{t("webhooks.events")}</legend>
        <div className="flex flex-wrap gap-x-3 gap-y-0.5 py-1">
          {EVENT_TYPES.map((type) => (
            <label key={type} className="inline-flex items-center gap-1 text-[12px]">
              <input type="checkbox" name="events" value={type} defaultChecked={initial ? initial.events.includes(type) : true} />
              {t(`webhooks.event.${type}`)}
            </label>
          ))}
        </div>
        <FieldError messages={fieldErrors.events} />
      </fieldset>
      <Button type="submit" variant="primary" disabled={props.pending}>
        {props.submitLabel}
      </Button>
      {props.onCancel ? (
        <Button type="button" variant="ghost" onClick={props.onCancel}>
          {t("webhooks.cancel")}
        </Button>
      ) : null}
    </form>
  );
}

/** The signing secret, shown this once: the app keeps it sealed and never shows it again. */
function SecretOnce({ shown, onDone }: { shown: Shown; onDone: () => void }) {
  const { t } = useT();
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" data-testid="webhook-secret" className="m-3 rounded border border-amber-300 bg-amber-50 px-3 py-2">
      <p className="font-medium">{t("webhooks.secretOnce", { name: shown.name })}</p>
      <div className="mt-1 flex flex-wrap items-center gap-2">
        <Input readOnly value={shown.secret} aria-label={t("webhooks.secret")} className="w-[28rem] max-w-full font-mono text-[12px]" onFocus={(e) => e.currentTarget.select()} />
        <Button
          onClick={() =>
            navigator.clipboard
              ?.writeText(shown.secret)
              .then(() => setCopied(true))
              .catch(() => setCopied(false))
          }
        >
          {copied ? t("webhooks.copied") : t("webhooks.copy")}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          {t("webhooks.secretDone")}
        </Button>
      </div>
      <p className="mt-1 text-[12px] text-slate-600">{t("webhooks.secretHelp")}</p>
    </div>
  );
}
