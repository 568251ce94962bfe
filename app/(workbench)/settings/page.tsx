import type { Metadata } from "next";
import { Panel } from "@/components/ui/panel";
import { can } from "@/lib/auth/roles";
import { requirePageUser } from "@/server/session";
import { db } from "@/lib/db/client";
import { translator } from "@/lib/i18n/translate";
import { listUsers } from "@/lib/users/user-queries";
import { LocaleForm } from "./locale-form";
import { UsersAdmin } from "./users-admin";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requirePageUser();
  const t = translator(user.locale);
  const users = can(user.role, "users:manage") ? await listUsers(db()) : null;
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
      {users ? (
        <Panel title={`${t("settings.users")} (${users.length})`} id="users">
          <UsersAdmin users={users} currentUserId={user.id} />
        </Panel>
      ) : null}
    </div>
  );
}
