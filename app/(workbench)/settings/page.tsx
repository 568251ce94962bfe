import { Panel } from "@/components/ui/panel";
import { TextLink } from "@/components/ui/text-link";
import { can } from "@/lib/auth/roles";
import { requirePageUser } from "@/server/session";
import { db } from "@/lib/db/client";
import { translator } from "@/lib/i18n/translate";
import { listUsers } from "@/lib/users/user-queries";
import { twoFactorStatus } from "@/lib/users/two-factor";
import { securityContext } from "@/server/context";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { CreditorWarning } from "@/components/shell/creditor-warning";
import { TwoFactorPanel } from "@/components/account/two-factor-panel";
import { ApiTokensPanel, type ApiTokenView } from "@/components/account/api-tokens-panel";
import { listApiTokens } from "@/lib/users/api-tokens";
import { settings } from "@/lib/env/settings";
import { listJobStates } from "@/lib/jobs/job-lease";
import { JobsPanel } from "./jobs-panel";
import { LocaleForm } from "./locale-form";
import { UsersAdmin } from "./users-admin";
import { pageTitle } from "@/server/page-title";
import { dateTimeFormat, localeTag } from "@/lib/format/intl";

export const generateMetadata = pageTitle("settings.title");

export default async function SettingsPage() {
  const user = await requirePageUser();
  const t = translator(user.locale);
  const [users, twoFactor, tokens, jobs] = await Promise.all([
    can(user.role, "users:manage") ? listUsers(db()) : null,
    twoFactorStatus(db(), user, securityContext()),
    listApiTokens(db(), user.id),
    can(user.role, "jobs:read") ? listJobStates(db(), user) : null,
  ]);
  const now = new Date();
  const when = dateTimeFormat(localeTag(user.locale), { dateStyle: "medium", timeStyle: "short", timeZone: settings().timeZone });
  const tokenViews: ApiTokenView[] = tokens.map((tok) => ({
    id: tok.id, name: tok.name, scope: tok.scope, prefix: tok.prefix, created: when.format(tok.createdAt), expires: when.format(tok.expiresAt),
    lastUsed: tok.lastUsedAt ? when.format(tok.lastUsedAt) : null, lastUsedIp: tok.lastUsedIp,
    status: tok.revokedAt ? "revoked" : tok.expiresAt <= now ? "expired" : "active",
  }));
  return (
    <div className="space-y-3">
      <h1 className="text-base font-semibold">{t("settings.title")}</h1>
      <Panel title={t("settings.profile")}>
        <div className="space-y-1 px-3 py-2">
          <div className="text-slate-600">
            {user.name} · {user.email} · {t(`role.${user.role}`)}
          </div>
          <LocaleForm current={user.locale} />
        </div>
      </Panel>
      <Panel title={t("account.security")} id="security">
        <div className="grid gap-4 px-3 py-2 md:grid-cols-2">
          <section aria-labelledby="password-heading">
            <h2 id="password-heading" className="mb-1 font-medium">
              {t("account.password.title")}
            </h2>
            <ChangePasswordForm />
          </section>
          <section aria-labelledby="two-factor-heading">
            <h2 id="two-factor-heading" className="mb-1 font-medium">
              {t("twoFactor.title")}
            </h2>
            <TwoFactorPanel status={{ ...twoFactor, enabledAt: twoFactor.enabledAt?.toISOString() ?? null }} />
          </section>
        </div>
      </Panel>
      <Panel title={t("apiTokens.title")} id="api-tokens">
        <ApiTokensPanel tokens={tokenViews} />
      </Panel>
      {users ? (
        <Panel title={`${t("settings.users")} (${users.length})`} id="users">
          <UsersAdmin users={users} currentUserId={user.id} />
        </Panel>
      ) : null}
      {jobs ? <JobsPanel jobs={jobs} locale={user.locale} timeZone={settings().timeZone} /> : null}
      {can(user.role, "settings:write") ? (
        <Panel title={t("settings.creditor.title")} id="creditor">
          <div className="space-y-2 px-3 py-2">
            <p>
              <TextLink href="/settings/creditor">{t("settings.creditor.settingsLink")}</TextLink>
              <span className="text-slate-600"> · {t("settings.creditor.settingsHelp")}</span>
            </p>
            <CreditorWarning locale={user.locale} />
          </div>
        </Panel>
      ) : null}
      {can(user.role, "integrations:manage") ? (
        <Panel title={t("webhooks.title")} id="integrations">
          <p className="px-3 py-2">
            <TextLink href="/settings/webhooks">{t("webhooks.settingsLink")}</TextLink>
            <span className="text-slate-600"> · {t("webhooks.settingsHelp")}</span>
          </p>
        </Panel>
      ) : null}
    </div>
  );
}
