"use client";

import { useT } from "@/components/i18n/i18n-provider";
import { FormMessage } from "@/components/ui/form-message";
import { Select } from "@/components/ui/select";
import { useSubmit } from "@/components/ui/use-submit";
import type { Locale } from "@/lib/i18n/locale";
import { updateLocaleAction } from "@/server/actions/users";

/** The user's own language; the page is rendered again in it right away. */
export function LocaleForm({ current }: { current: Locale }) {
  const { t } = useT();
  const { pending, message, submit } = useSubmit();
  return (
    <div className="flex items-center gap-2">
      <label className="flex items-center gap-2">
        <span className="font-medium">{t("settings.language")}</span>
        <Select name="locale" defaultValue={current} disabled={pending} onChange={(e) => submit(() => updateLocaleAction({ locale: e.target.value }))}>
          <option value="nl">{t("settings.language.nl")}</option>
          <option value="en">{t("settings.language.en")}</option>
        </Select>
      </label>
      <FormMessage message={message} className="" />
    </div>
  );
}
