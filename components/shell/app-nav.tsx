"use client";

import { Link } from "@/components/ui/link";
import { usePathname } from "next/navigation";
import { useState } from "react";

export type NavItem = { href: string; label: string; shortcut: string; badge?: { count: number; title: string } };

/**
 * The main navigation: a row of links on a wide screen; on a phone one "Menu" button that opens
 * the same links as a list (closed again on every navigation).
 */
export function AppNav({ items, menuLabel, navLabel }: { items: NavItem[]; menuLabel: string; navLabel: string }) {
  const pathname = usePathname();
  // Open on the page it was opened on: any navigation closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const links = (stacked: boolean) =>
    items.map((item) => {
      const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
      return (
        <Link
          key={item.href}
          href={item.href}
          aria-current={active ? "page" : undefined}
          aria-keyshortcuts={item.shortcut}
          className={`rounded px-2.5 py-1 text-[13px] font-medium ${stacked ? "block py-2" : ""} ${active ? "bg-slate-700 text-white" : "text-slate-200 hover:bg-slate-700/60"}`}
        >
          {item.label}
          {item.badge && item.badge.count > 0 ? (
            <span title={item.badge.title} data-testid="nav-badge" className="ml-1.5 rounded-full bg-red-600 px-1.5 text-[11px] font-semibold text-white">
              {item.badge.count}
            </span>
          ) : null}
        </Link>
      );
    });
  return (
    <>
      <nav aria-label={navLabel} className="hidden items-center gap-0.5 md:flex">
        {links(false)}
      </nav>
      <div className="md:hidden">
        <button type="button" className="rounded px-2 py-1 text-[13px] font-medium text-slate-100 hover:bg-slate-700" aria-expanded={open} aria-controls="phone-menu" onClick={() => setOpenOn(open ? null : pathname)} data-testid="menu-button">
          ☰ {menuLabel}
        </button>
        {open ? (
          <nav id="phone-menu" aria-label={navLabel} className="absolute left-0 right-0 top-10 z-50 space-y-0.5 border-t border-slate-700 bg-slate-800 p-2 shadow-lg">
            {links(true)}
          </nav>
        ) : null}
      </div>
    </>
  );
}
