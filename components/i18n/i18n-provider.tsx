"use client";

import { createContext, useContext, useMemo } from "react";
import type { Locale } from "@/lib/i18n/locale";
import { catalogue, type MessageKey, type Params } from "@/lib/i18n/translate";

type Ctx = { locale: Locale; messages: Record<MessageKey, string> };
const I18nContext = createContext<Ctx | null>(null);

/**
 * The catalogues travel in the page's JavaScript (downloaded once, then cached by the browser),
 * not in every page's server payload: the server passes the locale only.
 */
export function I18nProvider({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  const value = useMemo(() => ({ locale, messages: catalogue(locale) }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The client-side translate function, fed by the server with the user's catalogue. */
export function useT() {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error("useT outside I18nProvider");
  return {
    locale: ctx.locale,
    t: (key: MessageKey, params?: Params) => {
      const text = ctx.messages[key];
      return params ? text.replace(/\{(\w+)\}/g, (m, n: string) => (n in params ? String(params[n]) : m)) : text;
    },
  };
}
