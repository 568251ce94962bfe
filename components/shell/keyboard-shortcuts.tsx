"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";

/**
 * Application-wide keys: "/" focuses the page's search box; "g" then a letter goes to a section
 * (w worklist, d debtors, b dashboard, s settings). Ignored while typing in a field.
 */
export function KeyboardShortcuts({ routes }: { routes: Record<string, string> }) {
  const router = useRouter();
  useEffect(() => {
    let pendingG = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    function onKey(e: KeyboardEvent) {
      const el = e.target as HTMLElement | null;
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      if (el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName))) return;
      if (e.key === "/") {
        const search = document.querySelector<HTMLInputElement>("[data-search]");
        if (search) {
          e.preventDefault();
          search.focus();
          search.select();
        }
        return;
      }
      if (pendingG) {
        pendingG = false;
        const href = routes[e.key];
        if (href) {
          e.preventDefault();
          router.push(href);
        }
        return;
      }
      if (e.key === "g") {
        pendingG = true;
        clearTimeout(timer);
        timer = setTimeout(() => (pendingG = false), 1200);
      }
    }
    window.addEventListener("keydown", onKey);
    // Says the keys listen now (a key pressed before the page is hydrated does nothing).
    document.documentElement.dataset.keys = "on";
    return () => {
      window.removeEventListener("keydown", onKey);
      delete document.documentElement.dataset.keys;
    };
  }, [router, routes]);
  return null;
}
