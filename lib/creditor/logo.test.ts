import { describe, expect, it } from "vitest";
import { LOGO_MAX_BYTES, logoProblem } from "./logo";

const png = (size: number) => {
  const b = new Uint8Array(size);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return b;
};

describe("logo", () => {
  it("takes a PNG or JPEG of at most 200 KB", () => {
    expect(logoProblem(png(1_000), "image/png")).toBeNull();
    expect(logoProblem(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0]), "image/jpeg")).toBeNull();
    expect(logoProblem(png(LOGO_MAX_BYTES), "image/png")).toBeNull();
  });

  it("refuses a bigger file, another type, and bytes that are not what the type says", () => {
    expect(logoProblem(png(LOGO_MAX_BYTES + 1), "image/png")).toBe("size");
    expect(logoProblem(png(100), "image/gif")).toBe("type");
    expect(logoProblem(png(100), "image/jpeg")).toBe("type");
    expect(logoProblem(new TextEncoder().encode("<svg/>"), "image/png")).toBe("type");
    expect(logoProblem(new Uint8Array(), "image/png")).toBe("empty");
  });
});
