import { XMLParser, XMLValidator } from "fast-xml-parser";
import { refuse, type WorkbookRefusal } from "./xlsx-zip";

/**
 * The workbook's XML parts, read safely. No part of a workbook needs a DTD, so a DOCTYPE is
 * refused before parsing, and the parser expands no entities at all: `&lol9;` stays literal text
 * and an entity bomb has nothing to grow from. The five predefined entities and character
 * references are decoded here, one for one, which cannot expand.
 */

export type XmlNode = { [key: string]: unknown };

/** A part's text, refused when it declares a DTD. */
export function readXmlText(bytes: Uint8Array, part: string): string {
  const text = decodePart(bytes);
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw refuse("imports.error.xmlDoctype", { part });
  }
  return text;
}

/** A small part (workbook, relationships, styles) as one tree. */
export function parseXmlPart(bytes: Uint8Array, part: string, lists: ReadonlySet<string>): XmlNode {
  return new XmlPartParser(part, lists).parse(readXmlText(bytes, part));
}

/**
 * One parser for the many small documents a big part is cut into (see `elementsOf`): each is
 * checked for well-formedness, then parsed.
 */
export class XmlPartParser {
  private readonly parser: XMLParser;

  constructor(
    private readonly part: string,
    lists: ReadonlySet<string>,
  ) {
    this.parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: "@_",
      removeNSPrefix: true,
      processEntities: false,
      htmlEntities: false,
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: false,
      ignoreDeclaration: true,
      ignorePiTags: true,
      isArray: (name) => lists.has(name),
      // Callbacks get the tag name only; building path strings for every element costs time.
      jPath: false,
    });
  }

  parse(xml: string): XmlNode {
    const valid = XMLValidator.validate(xml);
    if (valid !== true) throw refuse("imports.error.xmlMalformed", { part: this.part, detail: valid.err.msg });
    try {
      return asNode(this.parser.parse(xml));
    } catch (e) {
      // The parser's own limits (nesting depth, reserved names) end up here.
      throw refuse("imports.error.xmlUnreadable", { part: this.part, detail: e instanceof Error ? e.message : "parse error" });
    }
  }
}

/**
 * The source text of each <name> element (with any namespace prefix) between `from` and `to`, in
 * order. A worksheet of 200,000 rows parsed as one tree takes gigabytes and most of a minute;
 * parsed row by row it takes the rows. This only finds where elements start and end: markup
 * cannot contain a raw "<" in text or attribute values, so the next "</row>" closes the row, and
 * each piece is still validated and parsed by the XML parser (a cut in the wrong place fails
 * validation instead of passing silently).
 */
export function* elementsOf(text: string, part: string, name: string, from = 0, to = text.length): Generator<string> {
  const open = new RegExp(`<((?:[A-Za-z_][\\w.-]*:)?${name})(?=[\\s/>])`, "g");
  open.lastIndex = from;
  for (let m = open.exec(text); m && m.index < to; m = open.exec(text)) {
    const tagEnd = endOfStartTag(text, open.lastIndex);
    if (tagEnd < 0) throw damaged(part);
    if (text.charCodeAt(tagEnd - 1) === 47 /* "/" */) {
      open.lastIndex = tagEnd + 1;
      yield text.slice(m.index, tagEnd + 1);
      continue;
    }
    const close = text.indexOf(`</${m[1]}`, tagEnd);
    const closeEnd = close < 0 ? -1 : text.indexOf(">", close);
    if (closeEnd < 0 || text.slice(close + 2 + m[1]!.length, closeEnd).trim() !== "") throw damaged(part);
    open.lastIndex = closeEnd + 1;
    yield text.slice(m.index, closeEnd + 1);
  }
}

/** The ">" that ends a start tag, skipping quoted attribute values (they may hold ">"). */
function endOfStartTag(text: string, i: number): number {
  let quote = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i;
    else if (c === 60) return -1;
  }
  return -1;
}

function damaged(part: string): WorkbookRefusal {
  return refuse("imports.error.xmlUnclosed", { part });
}

/** Where a container element's content starts and ends ([-1, -1] when it is absent or empty). */
export function contentOf(text: string, part: string, name: string): [number, number] {
  const open = new RegExp(`<((?:[A-Za-z_][\\w.-]*:)?${name})(?=[\\s/>])`).exec(text);
  if (!open) return [-1, -1];
  const tagEnd = endOfStartTag(text, open.index + open[0].length);
  if (tagEnd < 0) throw damaged(part);
  if (text.charCodeAt(tagEnd - 1) === 47) return [-1, -1];
  const close = text.lastIndexOf(`</${open[1]}`);
  if (close < tagEnd) throw damaged(part);
  return [tagEnd + 1, close];
}

function decodePart(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  return new TextDecoder("utf-8").decode(bytes);
}

export function asNode(value: unknown): XmlNode {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as XmlNode) : {};
}

/** The child element(s) by name, always as a list. */
export function childList(node: XmlNode, name: string): XmlNode[] {
  const value = node[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => (typeof v === "string" ? { "#text": v } : asNode(v)));
}

export function child(node: XmlNode, ...path: string[]): XmlNode {
  let at = node;
  for (const name of path) at = childList(at, name)[0] ?? {};
  return at;
}

export function attr(node: XmlNode, name: string): string | undefined {
  const value = node[`@_${name}`];
  return typeof value === "string" ? decodeXml(value) : undefined;
}

/** The text of an element, whether the parser gave a plain string or an object with attributes. */
export function textOf(node: XmlNode | undefined): string {
  if (!node) return "";
  const value = node["#text"];
  return typeof value === "string" ? decodeXml(value) : typeof value === "number" ? String(value) : "";
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Predefined entities and character references; anything else is left as written. */
export function decodeXml(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    if (ref[0] !== "#") return NAMED[ref] ?? whole;
    const code = ref[1] === "x" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Excel escapes characters XML cannot carry (a CR, a tab) as `_x000D_` in shared strings. */
export function decodeOoxmlEscapes(s: string): string {
  if (!s.includes("_x")) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
