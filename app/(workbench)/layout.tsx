import { AppNav, type NavItem } from "@/components/shell/app-nav";
import { KeyboardShortcuts } from "@/components/shell/keyboard-shortcuts";
import { I18nProvider } from "@/components/i18n/i18n-provider";
import { signOutAction } from "@/server/actions/auth";
import { can } from "@/lib/auth/roles";
import { requirePageUser } from "@/server/session";
import { translator } from "@/lib/i18n/translate";
import { db } from "@/lib/db/client";
import { countOpenBrokenPromises } from "@/lib/worklist/worklist-queries";
import { officeClock } from "@/server/context";

export default async function WorkbenchLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  const t = translator(user.locale);
  // Broken promises come to the controller by themselves: a badge on every page until handled.
  const broken = user.role === "viewer" ? 0 : await countOpenBrokenPromises(db(), user.id, officeClock().now);
  const items: NavItem[] = [
    { href: "/worklist", label: t("nav.worklist"), shortcut: "g w", badge: { count: broken, title: t("nav.brokenBadge", { count: broken }) } },
    { href: "/debtors", label: t("nav.debtors"), shortcut: "g d" },
    { href: "/payments", label: t("nav.payments"), shortcut: "g p" },
    { href: "/dunning", label: t("nav.dunning"), shortcut: "g a" },
    ...(can(user.role, "dashboard:read") ? [{ href: "/dashboard", label: t("nav.dashboard"), shortcut: "g b" }] : []),
    ...(can(user.role, "imports:write") ? [{ href: "/imports", label: t("nav.imports"), shortcut: "g i" }] : []),
    { href: "/settings", label: t("nav.settings"), shortcut: "g s" },
  ];
  return (
    <I18nProvider locale={user.locale}>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-2 focus:py-1">
        {t("nav.skip")}
      </a>
      <header className="sticky top-0 z-40 bg-slate-800 text-white">
        <div className="mx-auto flex h-10 max-w-[1600px] items-center gap-4 px-4">
          <span className="hidden text-[13px] font-semibold tracking-tight sm:inline">{t("app.name")}</span>
          <AppNav items={items} menuLabel={t("nav.menu")} navLabel={t("nav.main")} />
          <div className="ml-auto flex items-center gap-3 text-[13px]">
            <span className="hidden text-slate-300 sm:inline" data-testid="current-user">
              {user.name} · {t(`role.${user.role}`)}
            </span>
            <form action={signOutAction}>
              <button type="submit" className="rounded px-2 py-1 text-slate-200 hover:bg-slate-700">
                {t("nav.signOut")}
              </button>
            </form>
          </div>
        </div>
      </header>
      <KeyboardShortcuts routes={{ w: "/worklist", d: "/debtors", p: "/payments", a: "/dunning", b: "/dashboard", s: "/settings" }} />
      <main id="main" className="mx-auto max-w-[1600px] px-4 py-3">
        {children}
      </main>
    </I18nProvider>
  );
}
