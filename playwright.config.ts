import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3200);
const baseURL = `http://localhost:${PORT}`;

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL,
    browserName: "chromium",
    // A Dutch browser: the sign-in page follows Accept-Language; after sign-in the user's own choice.
    locale: "nl-NL",
    timezoneId: "Europe/Amsterdam",
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium (apt-get install chromium); Playwright's own browser download is unreachable here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
    },
  },
  webServer: {
    // A fresh database with the demo portfolio, then the production build (see the script).
    command: `node scripts/e2e-server.mjs ${PORT}`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    env: {
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db",
      BETTER_AUTH_URL: baseURL,
      BETTER_AUTH_SECRET: "e2e-secret-not-for-production-0123456789abcdef",
      NEXT_TELEMETRY_DISABLED: "1",
      // Many sign-ins from one address in a run; the limit itself is tested on its own server.
      SIGN_IN_RATE_LIMIT: "1000",
      // The demo users sign in with a password only; the two-step journey enrols a user itself.
      // (The gate for roles that require it: tests/integration/account-security.test.ts.)
      TWO_FACTOR_REQUIRED_FOR: "none",
      // The call-workflow test runs a local SMTP server here and checks what arrives.
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: process.env.E2E_SMTP_PORT ?? "2526",
      SMTP_FROM: "debiteuren@dunning.test",
      SMTP_FROM_NAME: "Debiteurenbeheer Demo",
      CREDITOR_NAME: "Demo Groothandel B.V.",
      // The daily dunning run would send reminders to the test's SMTP server; tests run it themselves.
      DUNNING_RUN_AT: "off",
    },
  },
});
