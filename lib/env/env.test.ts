import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env";

const secret = "x".repeat(40);

describe("parseEnv", () => {
  it("defaults to the embedded SQLite database", () => {
    expect(parseEnv({ BETTER_AUTH_SECRET: secret }).DATABASE_URL).toBe("file:./data/dunning.db");
  });

  it("accepts a PostgreSQL URL", () => {
    const env = parseEnv({ BETTER_AUTH_SECRET: secret, DATABASE_URL: "postgresql://u@127.0.0.1:5432/test" });
    expect(env.DATABASE_URL).toContain("postgresql://");
  });

  it("names DATABASE_URL when it is malformed", () => {
    expect(() => parseEnv({ BETTER_AUTH_SECRET: secret, DATABASE_URL: "mysql://x" })).toThrowError(/^DATABASE_URL: must be file:/);
    expect(() => parseEnv({ BETTER_AUTH_SECRET: secret, DATABASE_URL: "postgres://" })).toThrowError(ConfigError);
  });

  it("names BETTER_AUTH_SECRET when it is missing or short", () => {
    expect(() => parseEnv({})).toThrowError(/^BETTER_AUTH_SECRET: is not set/);
    expect(() => parseEnv({ BETTER_AUTH_SECRET: "short" })).toThrowError(/^BETTER_AUTH_SECRET: must be at least 32/);
  });
});
