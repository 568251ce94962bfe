import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with status 403 when a role lacks a permission.
  // Bank statements are uploaded through a server action: up to 5 MB plus form overhead.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "21mb" } },
  // Native and WebAssembly database drivers stay outside the server bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg"],
  async headers() {
    return [
      // The browser asked for the icon again on every page load (public files are served max-age=0).
      { source: "/favicon.:ext(svg|ico)", headers: [{ key: "Cache-Control", value: "public, max-age=86400" }] },
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
