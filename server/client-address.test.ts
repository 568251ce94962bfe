import { describe, expect, it } from "vitest";
import { clientAddress, parseAddress, requestOrigin, trustedProxies, type RequestOrigin } from "./client-address";

const none = trustedProxies([]);
const proxies = trustedProxies(["127.0.0.1", "10.1.0.0/16", "2001:db8:ffff::/48", "::1"]);

function origin(peer: string | null, forwardedFor: string | null = null, realIp: string | null = null): RequestOrigin {
  return { peer, forwardedFor, realIp };
}

describe("parseAddress", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    [" 203.0.113.7 ", "203.0.113.7"],
    ["203.0.113.7:51234", "203.0.113.7"],
    ["2001:DB8:0:0::1", "2001:db8::1"],
    ["2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["[2001:db8::1]", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
    ["::ffff:192.0.2.1", "192.0.2.1"],
    ["::FFFF:c000:0201", "192.0.2.1"],
  ])("reads %s as %s", (raw, expected) => {
    expect(parseAddress(raw)).toBe(expected);
  });

  it.each(["", "unknown", "proxy.local", "10.0.0.256", "010.0.0.1", "1.2.3", "2001:db8::1::2", "1.2.3.4, 5.6.7.8", "<script>", "x".repeat(100)])("refuses %j", (raw) => {
    expect(parseAddress(raw)).toBeNull();
  });
});

describe("trustedProxies", () => {
  it("matches addresses and CIDR ranges, IPv4 and IPv6, in any spelling", () => {
    expect(proxies.isEmpty).toBe(false);
    expect(proxies.has("127.0.0.1")).toBe(true);
    expect(proxies.has("127.0.0.2")).toBe(false);
    expect(proxies.has("10.1.255.254")).toBe(true);
    expect(proxies.has("10.2.0.1")).toBe(false);
    expect(proxies.has("2001:db8:ffff:1::9")).toBe(true);
    expect(proxies.has("2001:DB8:FFFF:0000::1")).toBe(true);
    expect(proxies.has("2001:db8:fffe::1")).toBe(false);
    expect(proxies.has("0:0:0:0:0:0:0:1")).toBe(true);
    // An IPv4 peer seen through an IPv6 socket.
    expect(proxies.has("::ffff:10.1.2.3")).toBe(true);
    expect(proxies.has("not-an-ip")).toBe(false);
  });

  it("refuses an entry that is not an address or range", () => {
    expect(() => trustedProxies(["proxy.local"])).toThrow(/proxy\.local/);
    expect(() => trustedProxies(["10.0.0.0/33"])).toThrow();
    expect(() => trustedProxies(["10.0.0.0/x"])).toThrow();
  });
});

describe("clientAddress", () => {
  describe("with no trusted proxies", () => {
    it("uses the connection's peer and ignores every forwarded header", () => {
      expect(clientAddress(origin("198.51.100.4", "1.1.1.1", "2.2.2.2"), none)).toBe("198.51.100.4");
      expect(clientAddress(origin("::ffff:198.51.100.4", "1.1.1.1"), none)).toBe("198.51.100.4");
    });

    it("knows nothing when the server does not expose the peer (Next.js), whatever the headers say", () => {
      expect(clientAddress(origin(null, "1.1.1.1", "2.2.2.2"), none)).toBeNull();
      expect(clientAddress(origin(null, "1.1.1.1"), none)).toBeNull();
      expect(clientAddress(origin(null), none)).toBeNull();
    });
  });

  describe("with trusted proxies", () => {
    it("ignores the headers of a client that connects directly", () => {
      expect(clientAddress(origin("198.51.100.4", "1.1.1.1", "2.2.2.2"), proxies)).toBe("198.51.100.4");
    });

    it("takes the address the trusted proxy appended, not what the client wrote to its left", () => {
      expect(clientAddress(origin("127.0.0.1", "198.51.100.4"), proxies)).toBe("198.51.100.4");
      // A spoofed chain: the client sends "X-Forwarded-For: 1.1.1.1, 127.0.0.1", the proxy appends the real address.
      expect(clientAddress(origin("127.0.0.1", "1.1.1.1, 127.0.0.1, 198.51.100.4"), proxies)).toBe("198.51.100.4");
      // Rotating the spoofed part changes nothing.
      expect(clientAddress(origin("127.0.0.1", "9.9.9.9, 198.51.100.4"), proxies)).toBe("198.51.100.4");
    });

    it("skips every trusted hop from the right, CIDR ranges and IPv6 included", () => {
      expect(clientAddress(origin("10.1.0.5", "6.6.6.6, 198.51.100.4, 10.1.3.3, 127.0.0.1"), proxies)).toBe("198.51.100.4");
      expect(clientAddress(origin("2001:db8:ffff::1", "6.6.6.6, 2001:DB8:1::42, 2001:db8:ffff::2"), proxies)).toBe("2001:db8:1::42");
      expect(clientAddress(origin("::ffff:10.1.0.5", "[2001:db8:1::42]:1234"), proxies)).toBe("2001:db8:1::42");
    });

    it("joins repeated X-Forwarded-For headers the way the Fetch API does", () => {
      const request = new Request("http://app.test/api/auth/sign-in/email", { headers: [["x-forwarded-for", "1.1.1.1"], ["x-forwarded-for", "198.51.100.4"]] });
      expect(clientAddress(requestOrigin(request, "127.0.0.1"), proxies)).toBe("198.51.100.4");
    });

    it("knows nothing when the first untrusted hop is unreadable, rather than believing what lies left of it", () => {
      expect(clientAddress(origin("127.0.0.1", "198.51.100.4, unknown"), proxies)).toBeNull();
      expect(clientAddress(origin("127.0.0.1", "198.51.100.4, garbage, 127.0.0.1"), proxies)).toBeNull();
    });

    it("uses X-Real-IP only when the forwarded chain holds nothing but proxies", () => {
      expect(clientAddress(origin("127.0.0.1", null, "198.51.100.4"), proxies)).toBe("198.51.100.4");
      expect(clientAddress(origin("127.0.0.1", "10.1.0.9", "198.51.100.4"), proxies)).toBe("198.51.100.4");
      expect(clientAddress(origin("127.0.0.1", "203.0.113.50", "198.51.100.4"), proxies)).toBe("203.0.113.50");
      expect(clientAddress(origin("127.0.0.1", null, "nonsense"), proxies)).toBe("127.0.0.1");
    });

    it("ignores a client's X-Real-IP when it connects directly", () => {
      expect(clientAddress(origin("198.51.100.4", null, "1.1.1.1"), proxies)).toBe("198.51.100.4");
    });

    it("names a proxy itself when it makes the request", () => {
      expect(clientAddress(origin("127.0.0.1"), proxies)).toBe("127.0.0.1");
      expect(clientAddress(origin("127.0.0.1", "10.1.0.9"), proxies)).toBe("10.1.0.9");
    });

    it("reads the chain when the server does not expose the peer (Next.js behind the listed proxies)", () => {
      expect(clientAddress(origin(null, "1.1.1.1, 198.51.100.4"), proxies)).toBe("198.51.100.4");
      expect(clientAddress(origin(null, "198.51.100.4, 127.0.0.1"), proxies)).toBe("198.51.100.4");
      expect(clientAddress(origin(null, "127.0.0.1", "198.51.100.4"), proxies)).toBe("198.51.100.4");
      expect(clientAddress(origin(null), proxies)).toBeNull();
    });
  });
});
