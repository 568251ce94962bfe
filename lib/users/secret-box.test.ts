import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "./secret-box";

const KEY = "k".repeat(40);

describe("secret box", () => {
  it("opens what it sealed, and only with the same key and purpose", () => {
    const sealed = sealSecret(KEY, "totp", "JBSWY3DPEHPK3PXP");
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(openSecret(KEY, "totp", sealed)).toBe("JBSWY3DPEHPK3PXP");
    expect(openSecret("o".repeat(40), "totp", sealed)).toBeNull();
    expect(openSecret(KEY, "other", sealed)).toBeNull();
  });

  it("refuses an altered box", () => {
    const sealed = sealSecret(KEY, "totp", "secret");
    const parts = sealed.split(".");
    const data = Buffer.from(parts[3]!, "base64url");
    data[0] = data[0]! ^ 1;
    parts[3] = data.toString("base64url");
    expect(openSecret(KEY, "totp", parts.join("."))).toBeNull();
    expect(openSecret(KEY, "totp", "garbage")).toBeNull();
  });
});
