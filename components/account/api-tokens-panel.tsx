"use client";

import { useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, TableHead, Td, Th, Tr } from "@/components/ui/data-table";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useSubmit } from "@/components/ui/use-submit";
import { createApiTokenAction, revokeApiTokenAction } from "@/server/actions/api-tokens";

/** A token as listed; times already written out in the office's zone and the user's language by the server (no hydration mismatch). */
export type ApiTokenView = { id: string; name: string; scope: "read" | "write"; prefix: string; created: string; expires: string; lastUsed: string | null; lastUsedIp: string | null; status: "active" | "revoked" | "expired" };

const EXPIRY_DAYS = [30, 90, 180, 365] as const;

/** The user's personal access tokens: make one (shown once), see when each was last used, revoke. */
export function ApiTokensPanel({ tokens }: { tokens: ApiTokenView[] }) {
  const { t } = useT();
  const create = useSubmit();
  const revoke = useSubmit();
  const [fresh, setFresh] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const tone = { active: "green", revoked: "neutral", expired: "amber" } as const;
  return (
    <div className="space-y-2 px-3 py-2">
      <p className="text-slate-600">{t("apiTokens.intro")}</p>
      <form
        className="flex flex-wrap items-end gap-2"
        data-testid="api-token-form"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const data = new FormData(form);
          setFresh(null);
          setCopied(false);
          create.submit(() => createApiTokenAction({ name: String(data.get("name") ?? ""), scope: String(data.get("scope") ?? "read") as "read" | "write", expiresInDays: Number(data.get("expiresInDays") ?? 90) }), {
            success: t("apiTokens.created"),
            onSuccess: (r) => {
              setFresh(r.token);
              form.reset();
            },
          });
        }}
      >
        <label className="block">
          <span className="mb-1 block text-[13px] font-medium text-slate-700">{t("apiTokens.name")}</span>
          <Input name="name" required maxLength={80} placeholder={t("apiTokens.namePlaceholder")} invalid={Boolean(create.fieldErrors.name)} aria-describedby="api-token-name-error" className="w-64" />
          <FieldError id="api-token-name-error" messages={create.fieldErrors.name} />
        </label>
        <label className="block">
          <span className="mb-1 block text-[13px] font-medium text-slate-700">{t("apiTokens.scope")}</span>
          <Select name="scope" defaultValue="read" options={[{ value: "read", label: t("apiTokens.scope.read") }, { value: "write", label: t("apiTokens.scope.write") }]} />
        </label>
        <label className="block">
          <span className="mb-1 block text-[13px] font-medium text-slate-700">{t("apiTokens.expiresIn")}</span>
          <Select name="expiresInDays" defaultValue="90" options={EXPIRY_DAYS.map((n) => ({ value: String(n), label: t("apiTokens.days", { n }) }))} />
        </label>
        <Button type="submit" variant="primary" disabled={create.pending}>
          {t("apiTokens.create")}
        </Button>
      </form>
      <FormMessage message={create.message} />
      {fresh ? (
        <div className="flex flex-wrap items-center gap-2 rounded border border-amber-300 bg-amber-50 px-2 py-1.5">
          <code className="break-all font-mono text-[12px]" data-testid="api-token-value">
            {fresh}
          </code>
          <Button
            type="button"
            onClick={() => {
              void navigator.clipboard?.writeText(fresh).then(() => setCopied(true));
            }}
          >
            {copied ? t("apiTokens.copied") : t("apiTokens.copy")}
          </Button>
        </div>
      ) : null}
      {tokens.length === 0 ? (
        <p className="text-slate-500">{t("apiTokens.none")}</p>
      ) : (
        <div className="relative overflow-x-auto">
          <DataTable data-testid="api-token-list">
            <TableHead>
              <Th>{t("apiTokens.col.name")}</Th>
              <Th>{t("apiTokens.col.token")}</Th>
              <Th>{t("apiTokens.col.scope")}</Th>
              <Th>{t("apiTokens.col.created")}</Th>
              <Th>{t("apiTokens.col.expires")}</Th>
              <Th>{t("apiTokens.col.lastUsed")}</Th>
              <Th>{t("apiTokens.col.status")}</Th>
              <Th>
                <span className="sr-only">{t("apiTokens.revoke")}</span>
              </Th>
            </TableHead>
            <tbody>
              {tokens.map((tok) => (
                <Tr key={tok.id}>
                  <Td>{tok.name}</Td>
                  <Td>
                    <code className="font-mono text-[12px]">{tok.prefix}…</code>
                  </Td>
                  <Td>{t(`apiTokens.scope.${tok.scope}`)}</Td>
                  <Td>{tok.created}</Td>
                  <Td>{tok.expires}</Td>
                  <Td title={tok.lastUsedIp ?? undefined}>{tok.lastUsed ?? t("apiTokens.never")}</Td>
                  <Td>
                    <Badge tone={tone[tok.status]}>{t(`apiTokens.status.${tok.status}`)}</Badge>
                  </Td>
                  <Td>
                    {tok.status === "active" ? (
                      <Button
                        type="button"
                        disabled={revoke.pending}
                        onClick={() => {
                          if (window.confirm(t("apiTokens.revokeConfirm", { name: tok.name }))) revoke.submit(() => revokeApiTokenAction({ tokenId: tok.id }), { success: t("apiTokens.revoked") });
                        }}
                      >
                        {t("apiTokens.revoke")}
                      </Button>
                    ) : null}
                  </Td>
                </Tr>
              ))}
            </tbody>
          </DataTable>
        </div>
      )}
      <FormMessage message={revoke.message} />
      <p className="text-[12px]">
        <a className="text-blue-700 underline" href="/settings/api">
          {t("apiTokens.reference")}
        </a>{" "}
        ·{" "}
        <a className="text-blue-700 underline" href="/api/v1/openapi.json">
          {t("apiTokens.openapi")}
        </a>
      </p>
    </div>
  );
}
