"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useT } from "@/components/i18n/i18n-provider";
import type { Locale } from "@/lib/i18n/locale";
import { updateLocaleAction } from "@/server/actions/users";

export function LocaleForm({ current }: { current: Locale }) {
  const { t } = useT();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <label className="flex items-center gap-2">
      <span className="font-medium">{t("settings.language")}</span>
      <select
        name="locale"
        defaultValue={current}
        disabled={pending}
        className="rounded border border-slate-300 px-2 py-1"
        onChange={(e) => {
          const locale = e.target.value;
          start(async () => {
            const res = await updateLocaleAction({ locale });
            if (res.ok) router.refresh();
            else setError(res.error);
          });
        }}
      >
        <option value="nl">{t("settings.language.nl")}</option>
        <option value="en">{t("settings.language.en")}</option>
      </select>
      {error ? <span role="alert" className="text-red-700">{error}</span> : null}
    </label>
  );
}
