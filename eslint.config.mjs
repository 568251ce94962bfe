import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * The house's walls, enforced (see README "Folder map"):
 *   app, components  ->  server (the doors: Next-bound adapters)  ->  lib (framework-free core)
 * 1. Nothing under lib/ imports Next.js, React, or the app/, components/ or server/ folders.
 * 2. Shared ground (KERNEL) knows no domain.
 * 3. A domain reads another domain only through its public faces: its `*-queries` (reads),
 *    `*-schemas` (inputs), and the use cases and rules listed in PUBLIC below. Anything else in
 *    a domain folder is that domain's own business (e.g. payments/apply-payment books money
 *    without a rights check: only payments' own guarded use cases may call it).
 * 4. server/ never imports app/ or components/.
 * 5. Links come from components/ui/link.tsx (no prefetching of every link in view).
 */
export const KERNEL = ["audit", "auth", "clock", "db", "env", "errors", "export", "format", "i18n", "jobs", "pdf", "validation"];
export const PUBLIC = {
  agreements: ["record-agreement", "change-agreement", "summary", "promise-monitoring", "plan-validation", "tone-check"],
  api: ["cursor", "resources"],
  calls: ["call-goal", "call-time-advice"],
  creditor: ["message-templates"],
  dashboard: ["dashboard-cache"],
  disputes: ["dispute-status", "resolve-dispute"],
  documents: ["statement-document", "invoice-copy-document", "document-email"],
  debtors: ["debtor-balance", "payment-behaviour", "insurer-deadline", "debtor-workbench", "manage-debtors", "text-search"],
  dunning: ["dunning-policy"],
  email: ["outbox"],
  events: ["domain-events", "event-feed"],
  imports: ["import-receivables", "import-fields", "values", "values-currencies"],
  invoices: ["aging", "manage-invoices"],
  payments: ["allocate-payment", "book-payment", "payment-use-cases"],
  privacy: [],
  tasks: ["tasks"],
  timeline: [],
  users: ["secret-box", "api-tokens"],
  webhooks: ["webhook-fanout"],
  worklist: [],
};
const DOMAINS = Object.keys(PUBLIC);

const FRAMEWORK = {
  group: ["next", "next/*", "react", "react/*", "react-dom", "react-dom/*", "better-auth/next-js", "server-only", "client-only"],
  message: "lib/ is framework-free: Next.js and React belong in server/, app/ or components/.",
};
const DOORS = {
  group: ["@/app/*", "@/components/*", "@/server/*", "@/instrumentation", "@/proxy", "../*"],
  message: "lib/ does not reach up into the doors (app/, components/, server/); across lib folders import with @/lib/<folder>/<file>.",
};

function domainRule(domain) {
  return {
    group: [`@/lib/${domain}/*`, `!@/lib/${domain}/*-queries`, `!@/lib/${domain}/*-schemas`, ...PUBLIC[domain].map((f) => `!@/lib/${domain}/${f}`)],
    message: `Reach lib/${domain} through its public faces: *-queries, *-schemas${PUBLIC[domain].length ? `, ${PUBLIC[domain].join(", ")}` : ""} (see PUBLIC in eslint.config.mjs).`,
  };
}

const libBoundaries = [
  ...DOMAINS.map((domain) => ({
    files: [`lib/${domain}/**/*.{ts,tsx}`],
    rules: { "no-restricted-imports": ["error", { patterns: [FRAMEWORK, DOORS, ...DOMAINS.filter((d) => d !== domain).map(domainRule)] }] },
  })),
  {
    files: KERNEL.map((k) => `lib/${k}/**/*.{ts,tsx}`),
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [FRAMEWORK, DOORS, { group: DOMAINS.map((d) => `@/lib/${d}/*`), message: "Shared ground (lib/" + KERNEL.join(", ") + ") knows no domain: pass what it needs in." }] },
      ],
    },
  },
  {
    // Links go through components/ui/link.tsx, which fetches a page on the click and not before
    // (Next's own prefetches every link in view: 24 to 70 requests a page view here).
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ignores: ["components/ui/link.tsx"],
    rules: { "no-restricted-imports": ["error", { paths: [{ name: "next/link", message: "Use { Link } from \"@/components/ui/link\": it does not prefetch every link in view." }] }] },
  },
  {
    files: ["server/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["@/app/*", "@/components/*"], message: "server/ is called by app/ and components/, never the other way round." }] }] },
  },
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "generated/**", "prisma/generated/**", "node_modules/**", "test-results/**", "next-env.d.ts", "data/**"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  ...libBoundaries,
];

export default config;
