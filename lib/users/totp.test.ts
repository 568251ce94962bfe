import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, hotp, otpauthUri, timeStep, totpAt, verifyTotp } from "./totp";

// RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890"; the table gives
// 8-digit codes, of which a 6-digit code is the last six digits.
const RFC_SECRET = base32Encode(Buffer.from("12345678901234567890", "ascii"));
const RFC_VECTORS: Array<[number, string]> = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("TOTP (RFC 6238)", () => {
  it("matches the RFC's test vectors, 8 and 6 digits", () => {
    const key = base32Decode(RFC_SECRET)!;
    for (const [seconds, code] of RFC_VECTORS) {
      const step = timeStep(new Date(seconds * 1000));
      expect(hotp(key, step, 8)).toBe(code);
      expect(totpAt(RFC_SECRET, new Date(seconds * 1000))).toBe(code.slice(2));
    }
  });

  it("matches RFC 4226's HOTP table for counters 0..2", () => {
    const key = Buffer.from("12345678901234567890", "ascii");
    expect([0, 1, 2].map((c) => hotp(key, c))).toEqual(["755224", "287082", "359152"]);
  });

  it("round-trips base32 and refuses other characters", () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255, 17]);
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    expect(base32Encode(Buffer.from("foobar"))).toBe("MZXW6YTBOI");
    expect(base32Decode("mzxw 6ytb oi==")?.toString()).toBe("foobar");
    expect(base32Decode("MZXW1")).toBeNull();
  });

  it("accepts the code of now and one step either side, once", () => {
    const now = new Date(1111111111 * 1000);
    const code = totpAt(RFC_SECRET, now);
    const step = verifyTotp(RFC_SECRET, code, now, null);
    expect(step).toBe(timeStep(now));
    // The same code again: refused (replay).
    expect(verifyTotp(RFC_SECRET, code, now, step)).toBeNull();
    // The previous step's code, 30 s later: still fine; two steps off: refused.
    expect(verifyTotp(RFC_SECRET, code, new Date(now.getTime() + 30_000), null)).toBe(step);
    expect(verifyTotp(RFC_SECRET, code, new Date(now.getTime() + 61_000), null)).toBeNull();
    expect(verifyTotp(RFC_SECRET, "12345", now, null)).toBeNull();
    expect(verifyTotp(RFC_SECRET, "abcdef", now, null)).toBeNull();
    expect(verifyTotp(RFC_SECRET, code.slice(0, 3) + " " + code.slice(3), now, null)).toBe(step);
  });

  it("writes the otpauth URI authenticator apps read", () => {
    expect(otpauthUri("ABC", "anke@example.nl", "Dunning Workbench")).toBe(
      "otpauth://totp/Dunning%20Workbench:anke%40example.nl?secret=ABC&issuer=Dunning+Workbench&algorithm=SHA1&digits=6&period=30",
    );
  });
});
