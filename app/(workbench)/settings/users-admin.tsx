"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useT } from "@/components/i18n/i18n-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ROLES } from "@/lib/auth/roles";
import type { UserRow } from "@/lib/users/user-queries";
import { changeUserRoleAction, createUserAction, setUserActiveAction } from "@/server/actions/users";

export function UsersAdmin({ users, currentUserId }: { users: UserRow[]; currentUserId: string }) {
  const { t } = useT();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});

  function run(fn: () => Promise<{ ok: true } | { ok: false; error: string; fieldErrors?: Record<string, string[]> }>, okText?: string) {
    start(async () => {
      const res = await fn();
      if (res.ok) {
        setFieldErrors({});
        setMessage(okText ? { ok: true, text: okText } : null);
        router.refresh();
      } else {
        setFieldErrors(res.fieldErrors ?? {});
        setMessage({ ok: false, text: res.error });
      }
    });
  }

  return (
    <div>
      <table className="w-full text-[13px]" data-testid="users-table">
        <thead className="border-b border-slate-200 bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-1 text-left font-medium">{t("settings.users.name")}</th>
            <th scope="col" className="px-3 py-1 text-left font-medium">{t("settings.users.email")}</th>
            <th scope="col" className="px-3 py-1 text-left font-medium">{t("settings.users.role")}</th>
            <th scope="col" className="px-3 py-1 text-left font-medium">{t("settings.users.active")}</th>
            <th scope="col" className="px-3 py-1" />
          </tr>
        </thead>
        <tbody>
          {users.map((u) => {
            const self = u.id === currentUserId;
            return (
              <tr key={u.id} className={`border-b border-slate-100 last:border-0 ${u.active ? "" : "text-slate-400"}`}>
                <td className="px-3 py-1">{u.name}</td>
                <td className="px-3 py-1">{u.email}</td>
                <td className="px-3 py-1">
                  <select
                    aria-label={`${t("settings.users.role")} ${u.name}`}
                    defaultValue={u.role}
                    disabled={self || pending}
                    title={self ? t("settings.users.selfChange") : undefined}
                    className="rounded border border-slate-300 px-1 py-0.5"
                    onChange={(e) => run(() => changeUserRoleAction({ userId: u.id, role: e.target.value }))}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`role.${r}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="px-3 py-1">{u.active ? <Badge tone="green">{t("common.yes")}</Badge> : <Badge>{t("common.no")}</Badge>}</td>
                <td className="px-3 py-1 text-right">
                  {self ? null : (
                    <Button variant={u.active ? "danger" : "secondary"} disabled={pending} onClick={() => run(() => setUserActiveAction({ userId: u.id, active: !u.active }))}>
                      {u.active ? t("settings.users.disable") : t("settings.users.enable")}
                    </Button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <form
        className="flex flex-wrap items-start gap-2 border-t border-slate-200 px-3 py-2"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const data = Object.fromEntries(new FormData(form).entries());
          run(async () => {
            const res = await createUserAction(data);
            if (res.ok) form.reset();
            return res;
          }, t("settings.users.created"));
        }}
      >
        <span className="py-1 font-medium">{t("settings.users.add")}</span>
        {(
          [
            ["name", t("settings.users.name"), "text"],
            ["email", t("settings.users.email"), "email"],
            ["password", t("settings.users.password"), "password"],
          ] as const
        ).map(([name, label, type]) => (
          <label key={name} className="flex flex-col">
            <input
              name={name}
              type={type}
              placeholder={label}
              aria-label={label}
              aria-invalid={fieldErrors[name] ? true : undefined}
              autoComplete={type === "password" ? "new-password" : "off"}
              className={`rounded border px-2 py-1 ${fieldErrors[name] ? "border-red-500" : "border-slate-300"}`}
            />
            {fieldErrors[name] ? <span className="text-[12px] text-red-700">{fieldErrors[name].join(" ")}</span> : null}
          </label>
        ))}
        <select name="role" aria-label={t("settings.users.role")} defaultValue="controller" className="rounded border border-slate-300 px-2 py-1">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
        <Button type="submit" variant="primary" disabled={pending}>
          {t("settings.users.add")}
        </Button>
        {message ? (
          <span role={message.ok ? "status" : "alert"} className={`py-1 ${message.ok ? "text-emerald-700" : "text-red-700"}`}>
            {message.text}
          </span>
        ) : null}
      </form>
    </div>
  );
}
