"use client";

import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { useSubmit } from "@/components/ui/use-submit";
import { changeOwnPasswordAction } from "@/server/actions/account";

/** Change one's own password: the current one, a new one; other sessions end. */
export function ChangePasswordForm({ onChanged }: { onChanged?: () => void }) {
  const { t } = useT();
  const { pending, message, fieldErrors, submit } = useSubmit();
  return (
    <form
      className="max-w-sm space-y-2"
      data-testid="change-password-form"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const data = new FormData(form);
        submit(() => changeOwnPasswordAction({ currentPassword: String(data.get("currentPassword") ?? ""), newPassword: String(data.get("newPassword") ?? "") }), {
          success: (r) => t("account.password.changed", { n: r.otherSessionsEnded }),
          onSuccess: () => {
            form.reset();
            onChanged?.();
          },
        });
      }}
    >
      <label className="block">
        <span className="mb-1 block text-[13px] font-medium text-slate-700">{t("account.password.current")}</span>
        <Input name="currentPassword" type="password" autoComplete="current-password" required invalid={Boolean(fieldErrors.currentPassword)} aria-describedby="current-password-error" className="w-full" />
        <FieldError id="current-password-error" messages={fieldErrors.currentPassword} />
      </label>
      <label className="block">
        <span className="mb-1 block text-[13px] font-medium text-slate-700">{t("account.password.new")}</span>
        <Input name="newPassword" type="password" autoComplete="new-password" required minLength={12} maxLength={128} invalid={Boolean(fieldErrors.newPassword)} aria-describedby="new-password-hint new-password-error" className="w-full" />
        <span id="new-password-hint" className="block text-[12px] text-slate-500">
          {t("password.hint")}
        </span>
        <FieldError id="new-password-error" messages={fieldErrors.newPassword} />
      </label>
      <Button type="submit" variant="primary" disabled={pending}>
        {t("account.password.submit")}
      </Button>
      <FormMessage message={message} />
    </form>
  );
}
