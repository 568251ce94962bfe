"use client";

import { useT } from "@/components/i18n/i18n-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, TableHead, Td, Th, Tr } from "@/components/ui/data-table";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useSubmit } from "@/components/ui/use-submit";
import { ROLES } from "@/lib/auth/roles";
import type { UserRow } from "@/lib/users/user-queries";
import { changeUserRoleAction, createUserAction, resetUserPasswordAction, resetUserTwoFactorAction, setUserActiveAction } from "@/server/actions/users";

/** The users of the app: change a role, disable or enable an account, add one. Not for oneself. */
export function UsersAdmin({ users, currentUserId }: { users: UserRow[]; currentUserId: string }) {
  const { t } = useT();
  const { pending, message, fieldErrors, submit } = useSubmit();
  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }));
  const newUserFields = [
    ["name", t("settings.users.name"), "text"],
    ["email", t("settings.users.email"), "email"],
    ["password", t("settings.users.password"), "password"],
  ] as const;

  return (
    <div>
      <FormMessage message={message} className="px-3 py-1 text-[13px]" />
      <DataTable data-testid="users-table">
        <TableHead>
          <Th>{t("settings.users.name")}</Th>
          <Th>{t("settings.users.email")}</Th>
          <Th>{t("settings.users.role")}</Th>
          <Th>{t("settings.users.active")}</Th>
          <Th>{t("settings.users.twoFactor")}</Th>
          <Th />
        </TableHead>
        <tbody>
          {users.map((u) => {
            const self = u.id === currentUserId;
            return (
              <Tr key={u.id} className={u.active ? "" : "text-slate-400"}>
                <Td>{u.name}</Td>
                <Td>{u.email}</Td>
                <Td>
                  <Select
                    compact
                    aria-label={`${t("settings.users.role")} ${u.name}`}
                    defaultValue={u.role}
                    disabled={self || pending}
                    title={self ? t("settings.users.selfChange") : undefined}
                    onChange={(e) => submit(() => changeUserRoleAction({ userId: u.id, role: e.target.value }))}
                    options={roleOptions}
                  />
                </Td>
                <Td>
                  {u.active ? <Badge tone="green">{t("common.yes")}</Badge> : <Badge>{t("common.no")}</Badge>}
                  {u.mustChangePassword ? <span className="ml-1 text-[12px] text-slate-500">{t("settings.users.mustChange")}</span> : null}
                </Td>
                <Td>{u.twoFactor ? <Badge tone="green">{t("common.yes")}</Badge> : <Badge>{t("common.no")}</Badge>}</Td>
                <Td className="text-right whitespace-nowrap">
                  {self ? null : (
                    <span className="inline-flex gap-1">
                      <Button
                        disabled={pending}
                        onClick={() => {
                          if (!window.confirm(t("settings.users.resetPasswordConfirm", { name: u.name }))) return;
                          submit(() => resetUserPasswordAction({ userId: u.id }), { success: (r) => t("settings.users.tempPassword", { name: u.name, password: r.temporaryPassword }) });
                        }}
                      >
                        {t("settings.users.resetPassword")}
                      </Button>
                      {u.twoFactor ? (
                        <Button
                          disabled={pending}
                          onClick={() => {
                            if (!window.confirm(t("settings.users.resetTwoFactorConfirm", { name: u.name }))) return;
                            submit(() => resetUserTwoFactorAction({ userId: u.id }), { success: t("settings.users.twoFactorReset", { name: u.name }) });
                          }}
                        >
                          {t("settings.users.resetTwoFactor")}
                        </Button>
                      ) : null}
                      <Button variant={u.active ? "danger" : "secondary"} disabled={pending} onClick={() => submit(() => setUserActiveAction({ userId: u.id, active: !u.active }))}>
                        {u.active ? t("settings.users.disable") : t("settings.users.enable")}
                      </Button>
                    </span>
                  )}
                </Td>
              </Tr>
            );
          })}
        </tbody>
      </DataTable>
      <form
        className="flex flex-wrap items-start gap-2 border-t border-slate-200 px-3 py-2"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const data = Object.fromEntries(new FormData(form).entries());
          submit(() => createUserAction(data), { success: t("settings.users.created"), onSuccess: () => form.reset() });
        }}
      >
        <span className="py-1 font-medium">{t("settings.users.add")}</span>
        {newUserFields.map(([name, label, type]) => (
          <label key={name} className="flex flex-col">
            <Input name={name} type={type} placeholder={label} aria-label={label} invalid={Boolean(fieldErrors[name])} autoComplete={type === "password" ? "new-password" : "off"} />
            <FieldError messages={fieldErrors[name]} />
          </label>
        ))}
        <Select name="role" aria-label={t("settings.users.role")} defaultValue="controller" options={roleOptions} />
        <Button type="submit" variant="primary" disabled={pending}>
          {t("settings.users.add")}
        </Button>
      </form>
    </div>
  );
}
