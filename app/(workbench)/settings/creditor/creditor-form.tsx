"use client";

import { useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { useSubmit } from "@/components/ui/use-submit";
import type { CreditorSettingsForm } from "@/lib/creditor/creditor-queries";
import { isValidIban } from "@/lib/creditor/iban";
import { isLogoType, LOGO_MAX_BYTES } from "@/lib/creditor/logo";
import type { MessageKey } from "@/lib/i18n/translate";
import { saveCreditorSettingsAction } from "@/server/actions/creditor";

type Upload = { type: string; base64: string; dataUrl: string } | null;
type TextField = "name" | "street" | "postalCode" | "city" | "country" | "iban" | "bic" | "cocNumber" | "vatNumber" | "email" | "phone" | "senderName" | "senderAddress";

/** The creditor's details: who collects, where debtors pay, who the mail is from, the letterhead's logo. */
export function CreditorForm({ initial, environmentName, smtpFrom }: { initial: CreditorSettingsForm | null; environmentName: string | null; smtpFrom: string | null }) {
  const { t } = useT();
  const { pending, message, fieldErrors, submit, setMessage } = useSubmit();
  const [logo, setLogo] = useState<Upload | undefined>(undefined);
  const [ibanHint, setIbanHint] = useState<string | null>(null);
  const shownLogo = logo === undefined ? (initial?.logo?.dataUrl ?? null) : (logo?.dataUrl ?? null);

  async function pickLogo(file: File | undefined) {
    if (!file) return setLogo(undefined);
    if (!isLogoType(file.type)) return setMessage({ ok: false, text: t("settings.creditor.errors.logoType") });
    if (file.size > LOGO_MAX_BYTES) return setMessage({ ok: false, text: t("settings.creditor.errors.logoSize") });
    const dataUrl = await new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(file);
    });
    setMessage(null);
    setLogo({ type: file.type, base64: dataUrl.slice(dataUrl.indexOf(",") + 1), dataUrl });
  }

  const field = (name: TextField, label: MessageKey, opts: { required?: boolean; type?: string; maxLength?: number; className?: string; autoComplete?: string } = {}) => (
    <div className={`flex flex-col gap-0.5 ${opts.className ?? ""}`}>
      <label htmlFor={`creditor-${name}`} className="font-medium">
        {t(label)}
      </label>
      <Input
        id={`creditor-${name}`}
        name={name}
        type={opts.type ?? "text"}
        defaultValue={(initial?.[name] ?? (name === "country" ? "NL" : "")) || ""}
        required={opts.required}
        maxLength={opts.maxLength ?? 200}
        autoComplete={opts.autoComplete ?? "off"}
        invalid={Boolean(fieldErrors[name])}
        aria-describedby={fieldErrors[name] || (name === "iban" && ibanHint) ? `creditor-${name}-error` : undefined}
        onBlur={name === "iban" ? (e) => setIbanHint(e.currentTarget.value.trim() && !isValidIban(e.currentTarget.value) ? t("settings.creditor.errors.iban") : null) : undefined}
      />
      <FieldError id={`creditor-${name}-error`} messages={fieldErrors[name] ?? (name === "iban" && ibanHint ? [ibanHint] : undefined)} />
    </div>
  );

  return (
    <form
      className="space-y-3 px-3 py-2"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        const text = (k: TextField) => String(fd.get(k) ?? "");
        const input = {
          version: initial?.version ?? 0,
          name: text("name"), street: text("street"), postalCode: text("postalCode"), city: text("city"), country: text("country"),
          iban: text("iban"), bic: text("bic"), cocNumber: text("cocNumber"), vatNumber: text("vatNumber"),
          email: text("email"), phone: text("phone"), senderName: text("senderName"), senderAddress: text("senderAddress"),
          ...(logo === undefined ? {} : { logo: logo ? { type: logo.type, base64: logo.base64 } : null }),
        };
        submit(() => saveCreditorSettingsAction(input), { success: t("settings.creditor.saved"), onSuccess: () => setLogo(undefined) });
      }}
    >
      {environmentName ? <p className="text-[13px] text-slate-600">{t("settings.creditor.fromEnvironment", { name: environmentName })}</p> : null}
      <div className="grid gap-2 md:grid-cols-3">
        {field("name", "settings.creditor.name", { required: true, maxLength: 100, className: "md:col-span-3", autoComplete: "organization" })}
        {field("street", "settings.creditor.street", { required: true, className: "md:col-span-3" })}
        {field("postalCode", "settings.creditor.postalCode", { required: true, maxLength: 20 })}
        {field("city", "settings.creditor.city", { required: true, maxLength: 100 })}
        {field("country", "settings.creditor.country", { required: true, maxLength: 2 })}
        {field("iban", "settings.creditor.iban", { required: true, maxLength: 50 })}
        {field("bic", "settings.creditor.bic", { maxLength: 20 })}
        <span className="hidden md:block" />
        {field("cocNumber", "settings.creditor.coc", { maxLength: 20 })}
        {field("vatNumber", "settings.creditor.vat", { maxLength: 20 })}
        <span className="hidden md:block" />
        {field("email", "settings.creditor.email", { required: true, type: "email" })}
        {field("phone", "settings.creditor.phone", { type: "tel", maxLength: 40 })}
      </div>
      <fieldset className="space-y-1">
        <legend className="font-medium">{t("settings.creditor.sender")}</legend>
        <div className="grid gap-2 md:grid-cols-3">
          {field("senderName", "settings.creditor.senderName", { maxLength: 100 })}
          {field("senderAddress", "settings.creditor.senderAddress", { type: "email" })}
        </div>
        <p className="text-[12px] text-slate-600">{smtpFrom ? t("settings.creditor.senderHelp", { from: smtpFrom }) : t("settings.creditor.senderHelpNoSmtp")}</p>
      </fieldset>
      <fieldset className="space-y-1">
        <legend className="font-medium">{t("settings.creditor.logo")}</legend>
        <div className="flex flex-wrap items-center gap-3">
          {shownLogo ? (
            // eslint-disable-next-line @next/next/no-img-element -- a data URL from the form or the database, not an optimisable asset
            <img src={shownLogo} alt={t("settings.creditor.logoPreview")} className="max-h-12 max-w-40 border border-slate-200 bg-white p-1" data-testid="creditor-logo" />
          ) : null}
          <input type="file" accept="image/png,image/jpeg" aria-label={t("settings.creditor.logoFile")} onChange={(e) => void pickLogo(e.currentTarget.files?.[0])} className="text-[12px]" />
          {shownLogo ? (
            <Button type="button" variant="ghost" onClick={() => setLogo(null)}>
              {t("settings.creditor.logoRemove")}
            </Button>
          ) : null}
        </div>
        <FieldError messages={fieldErrors.logo} />
        <p className="text-[12px] text-slate-600">{t("settings.creditor.logoHelp")}</p>
      </fieldset>
      <div className="flex items-center gap-2">
        <Button type="submit" variant="primary" disabled={pending}>
          {t("settings.creditor.save")}
        </Button>
        <FormMessage message={message} className="text-[13px]" />
      </div>
    </form>
  );
}
