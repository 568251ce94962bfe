import type { Metadata } from "next";
import { getRequestLocale } from "@/server/session";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Dunning Workbench", template: "%s · Dunning Workbench" },
  description: "Accounts-receivable collection workbench",
  icons: { icon: "/favicon.svg" },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getRequestLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
