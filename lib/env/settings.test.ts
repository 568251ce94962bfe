import { describe, expect, it } from "vitest";
import { ConfigError, parseSettings, parseSmtpConfig } from "./settings";

const secret = "x".repeat(40);

describe("settings", () => {
  it("defaults to the embedded SQLite database and the documented defaults", () => {
    const s = parseSettings({ BETTER_AUTH_SECRET: secret });
    expect(s).toMatchObject({
      databaseUrl: "file:./data/dunning.db",
      timeZone: "Europe/Amsterdam",
      signInRateLimit: 5,
      trustedProxies: [],
      twoFactorRequiredFor: ["manager", "admin"],
      databasePoolSize: 4,
      maxRequestsInFlight: 32,
      databasePreparedStatements: true,
      promiseGraceDays: 2,
      collectionCostsVatPercent: 0,
      dunningRunAt: { h: 7, m: 0 },
      smtp: null,
      admin: null,
      creditor: { name: "Dunning Workbench", address: null, iban: null, email: null, phone: null },
    });
  });

  it("reads the roles that need a second factor, 'none' for nobody, and names a wrong role", () => {
    expect(parseSettings({ BETTER_AUTH_SECRET: secret, TWO_FACTOR_REQUIRED_FOR: "none" }).twoFactorRequiredFor).toEqual([]);
    expect(parseSettings({ BETTER_AUTH_SECRET: secret, TWO_FACTOR_REQUIRED_FOR: " Admin , controller" }).twoFactorRequiredFor).toEqual(["admin", "controller"]);
    expect(() => parseSettings({ BETTER_AUTH_SECRET: secret, TWO_FACTOR_REQUIRED_FOR: "admin,boss" })).toThrowError(/^TWO_FACTOR_REQUIRED_FOR: must be roles/);
  });

  it("accepts a PostgreSQL URL", () => {
    expect(parseSettings({ BETTER_AUTH_SECRET: secret, DATABASE_URL: "postgresql://u@127.0.0.1:5432/test" }).databaseUrl).toContain("postgresql://");
  });

  it("names DATABASE_URL when it is malformed", () => {
    expect(() => parseSettings({ BETTER_AUTH_SECRET: secret, DATABASE_URL: "mysql://x" })).toThrowError(/^DATABASE_URL: must be file:/);
    expect(() => parseSettings({ BETTER_AUTH_SECRET: secret, DATABASE_URL: "postgres://" })).toThrowError(ConfigError);
  });

  it("names BETTER_AUTH_SECRET when it is missing or short", () => {
    expect(() => parseSettings({})).toThrowError(/^BETTER_AUTH_SECRET: is not set/);
    expect(() => parseSettings({ BETTER_AUTH_SECRET: "short" })).toThrowError(/^BETTER_AUTH_SECRET: must be at least 32/);
  });

  it("names every bad setting in one message, not only the first", () => {
    let error: unknown;
    try {
      parseSettings({ BETTER_AUTH_SECRET: secret, APP_TIME_ZONE: "Europe/Amsterdan", PROMISE_GRACE_DAYS: "two", DUNNING_RUN_AT: "7 uur", SMTP_HOST: "mail", SMTP_PORT: "99999", CREDITOR_IBAN: "12345", SIGN_IN_RATE_LIMIT: "0" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.setting).sort()).toEqual(["APP_TIME_ZONE", "CREDITOR_IBAN", "DUNNING_RUN_AT", "PROMISE_GRACE_DAYS", "SIGN_IN_RATE_LIMIT", "SMTP_PORT"]);
    expect((error as ConfigError).message).toContain("APP_TIME_ZONE: must be an IANA time zone");
  });

  it("reads the creditor, the run time, the grace days and the first admin", () => {
    const s = parseSettings({
      BETTER_AUTH_SECRET: secret, CREDITOR_NAME: " Groothandel B.V. ", CREDITOR_IBAN: "nl91 abna 0417 1643 00", CREDITOR_PHONE: "020 123 4567",
      DUNNING_RUN_AT: "off", PROMISE_GRACE_DAYS: "0", ADMIN_EMAIL: "Beheer@Example.nl", ADMIN_PASSWORD: "lang-genoeg-1",
      SMTP_FROM: "debiteuren@example.nl",
    });
    expect(s.creditor).toEqual({ name: "Groothandel B.V.", address: null, iban: "NL91ABNA0417164300", email: "debiteuren@example.nl", phone: "020 123 4567" });
    expect(s.dunningRunAt).toBeNull();
    expect(s.promiseGraceDays).toBe(0);
    expect(s.admin).toEqual({ email: "beheer@example.nl", password: "lang-genoeg-1", name: "Administrator" });
  });

  it("refuses an admin e-mail without a password", () => {
    expect(() => parseSettings({ BETTER_AUTH_SECRET: secret, ADMIN_EMAIL: "a@b.nl" })).toThrowError(/^ADMIN_PASSWORD:/);
  });

  it("reads SMTP only when a host is set, with a clean sender name", () => {
    expect(parseSmtpConfig({})).toBeNull();
    expect(parseSmtpConfig({ SMTP_HOST: "mail", SMTP_FROM_NAME: "Debiteuren\r\nBcc: x@y", SMTP_SECURE: "true" })).toMatchObject({
      host: "mail", port: 587, secure: true, from: { name: "Debiteuren  Bcc: x@y", address: "debiteuren@localhost" },
    });
    expect(() => parseSmtpConfig({ SMTP_HOST: "mail", SMTP_PORT: "abc" })).toThrow(/SMTP_PORT/);
  });

  it("reads the trusted proxies: IPs and CIDR ranges, IPv4 and IPv6, separated by commas", () => {
    expect(parseSettings({ BETTER_AUTH_SECRET: secret, TRUSTED_PROXIES: " 127.0.0.1, 10.0.0.0/24,::1 ,2001:db8::/32,," }).trustedProxies).toEqual(["127.0.0.1", "10.0.0.0/24", "::1", "2001:db8::/32"]);
    expect(parseSettings({ BETTER_AUTH_SECRET: secret, TRUSTED_PROXIES: "  " }).trustedProxies).toEqual([]);
  });

  it("names TRUSTED_PROXIES and the bad entries when one is not an IP or range, or trusts everyone", () => {
    expect(() => parseSettings({ BETTER_AUTH_SECRET: secret, TRUSTED_PROXIES: "127.0.0.1, 10.0.0.300, proxy.local" })).toThrowError(/^TRUSTED_PROXIES: must be IP addresses or CIDR ranges.*not: 10\.0\.0\.300, proxy\.local$/);
    expect(() => parseSettings({ BETTER_AUTH_SECRET: secret, TRUSTED_PROXIES: "10.0.0.0/33" })).toThrowError(/^TRUSTED_PROXIES:/);
    expect(() => parseSettings({ BETTER_AUTH_SECRET: secret, TRUSTED_PROXIES: "0.0.0.0/0" })).toThrowError(/^TRUSTED_PROXIES:.*not: 0\.0\.0\.0\/0$/);
    expect(() => parseSettings({ BETTER_AUTH_SECRET: secret, TRUSTED_PROXIES: "::/0" })).toThrowError(/^TRUSTED_PROXIES:/);
  });
});
