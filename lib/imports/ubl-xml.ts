import { XMLParser, XMLValidator } from "fast-xml-parser";
import { problem, type Problem } from "./import-problem";
import type { XmlNode } from "./xlsx-xml";

/**
 * One e-invoice document, read as safely as a workbook part (see xlsx-xml.ts): UBL needs no DTD,
 * so a DOCTYPE or ENTITY declaration is refused before parsing and the parser expands no entities.
 * Element names are reduced to their local name, since senders pick their own prefixes
 * ("cbc:ID", "ID", "ns2:ID"); the root's namespace is kept so a foreign "Invoice" is not mistaken
 * for a UBL one.
 */

export type UblDocument = { rootName: string; rootNamespace: string | null; root: XmlNode };

export type UblXmlResult = { ok: true; document: UblDocument } | { ok: false; problem: Problem };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  removeNSPrefix: false,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  jPath: false,
});

export function readUblXml(bytes: Uint8Array): UblXmlResult {
  const text = decodeDocument(bytes);
  if (typeof text !== "string") return text;
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return { ok: false, problem: problem("imports.error.ublDoctype") };
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { ok: false, problem: problem("imports.error.ublMalformed", { detail: valid.err.msg, line: String(valid.err.line) }) };
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch (e) {
    return { ok: false, problem: problem("imports.error.ublUnreadable", { detail: e instanceof Error ? e.message : "parse error" }) };
  }
  const top = isNode(parsed) ? Object.entries(parsed).filter(([key]) => !key.startsWith("@_") && key !== "#text") : [];
  const first = top[0];
  if (!first || !isNode(first[1])) {
    if (first) return { ok: true, document: { rootName: localName(first[0]), rootNamespace: null, root: {} } };
    return { ok: false, problem: problem("imports.error.ublEmpty") };
  }
  const [qualified, rootValue] = first;
  const colon = qualified.indexOf(":");
  const prefix = colon >= 0 ? qualified.slice(0, colon) : "";
  const declared = rootValue[prefix ? `@_xmlns:${prefix}` : "@_xmlns"];
  return {
    ok: true,
    document: { rootName: localName(qualified), rootNamespace: typeof declared === "string" ? declared : null, root: stripPrefixes(rootValue) },
  };
}

/** UTF-8 unless a byte-order mark or the XML declaration says otherwise (older exports use ISO-8859-1). */
function decodeDocument(bytes: Uint8Array): string | { ok: false; problem: Problem } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 200));
  const label = /^(?:\uFEFF|\xEF\xBB\xBF)?<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1] ?? "utf-8";
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch (e) {
    if (e instanceof RangeError) return { ok: false, problem: problem("imports.error.ublEncoding", { label }) };
    return { ok: false, problem: problem("imports.error.ublBadText", { label }) };
  }
}

function localName(qualified: string): string {
  const colon = qualified.lastIndexOf(":");
  return colon >= 0 ? qualified.slice(colon + 1) : qualified;
}

function isNode(value: unknown): value is XmlNode {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The same tree with "cbc:ID" keyed as "ID" and namespace declarations dropped. */
function stripPrefixes(node: XmlNode): XmlNode {
  const out: XmlNode = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "@_xmlns" || key.startsWith("@_xmlns:")) continue;
    const name = key.startsWith("@_") ? `@_${localName(key.slice(2))}` : key === "#text" ? key : localName(key);
    const converted = Array.isArray(value) ? value.map((v) => (isNode(v) ? stripPrefixes(v) : v)) : isNode(value) ? stripPrefixes(value) : value;
    const existing = out[name];
    // Two prefixes for one local name (rare) still yield every element.
    if (existing === undefined) out[name] = converted;
    else out[name] = [...(Array.isArray(existing) ? existing : [existing]), ...(Array.isArray(converted) ? converted : [converted])];
  }
  return out;
}
