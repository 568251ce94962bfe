"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export type NavItem = { href: string; label: string; shortcut: string; badge?: { count: number; title: string } };

export function AppNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="main" className="flex items-center gap-0.5">
      {items.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            aria-keyshortcuts={item.shortcut}
            className={`rounded px-2.5 py-1 text-[13px] font-medium ${active ? "bg-slate-700 text-white" : "text-slate-200 hover:bg-slate-700/60"}`}
          >
            {item.label}
            {item.badge && item.badge.count > 0 ? (
              <span title={item.badge.title} data-testid="nav-badge" className="ml-1.5 rounded-full bg-red-600 px-1.5 text-[11px] font-semibold text-white">
                {item.badge.count}
              </span>
            ) : null}
          </Link>
        );
      })}
    </nav>
  );
}
