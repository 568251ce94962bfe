import { I18nProvider } from "@/components/i18n/i18n-provider";
import type { Locale } from "@/lib/i18n/locale";
import { translate } from "@/lib/i18n/translate";

/** The frame of the pages before the app opens (sign-in, its second step, the account gate). */
export function AuthFrame({ locale, subtitle, wide, children }: { locale: Locale; subtitle: string; wide?: boolean; children: React.ReactNode }) {
  return (
    <main className={`flex min-h-screen justify-center px-4 ${wide ? "items-start py-12" : "items-center"}`}>
      <div className={`w-full ${wide ? "max-w-md" : "max-w-sm"}`}>
        <div className="mb-4 text-center">
          <div className="text-lg font-semibold text-slate-900">{translate(locale, "app.name")}</div>
          <div className="text-slate-500">{subtitle}</div>
        </div>
        <I18nProvider locale={locale}>
          {children}
        </I18nProvider>
      </div>
    </main>
  );
}
