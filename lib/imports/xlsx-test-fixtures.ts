import { crc32, deflateRawSync } from "node:zlib";

/**
 * Test-only: builds ZIP archives and minimal .xlsx workbooks byte by byte, so the reader's tests
 * need no binary fixtures and can also build broken and hostile files (sizes that lie, encryption
 * flags, ZIP64 markers).
 */

export type ZipFixtureEntry = {
  name: string;
  data: string | Uint8Array;
  /** 8 = deflate (default), 0 = stored. */
  method?: 0 | 8;
  /** Overrides the uncompressed size written in the headers. */
  declaredSize?: number;
  flags?: number;
  crc?: number;
};

export function buildZip(entries: ZipFixtureEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const raw = typeof entry.data === "string" ? Buffer.from(entry.data, "utf8") : Buffer.from(entry.data);
    const method = entry.method ?? 8;
    const body = method === 8 ? deflateRawSync(raw) : raw;
    const name = Buffer.from(entry.name, "utf8");
    const crc = entry.crc ?? crc32(raw) >>> 0;
    const size = entry.declaredSize ?? raw.length;
    const flags = entry.flags ?? 0;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export type WorkbookFixture = {
  /** Sheet XML bodies (the <sheetData> content), in tab order. */
  sheets: Array<{ name: string; sheetData: string; state?: "hidden" }>;
  sharedStrings?: string[];
  /** Raw <si> elements, for rich text. */
  sharedStringsXml?: string;
  styles?: string;
  date1904?: boolean;
  /** Replaces a part's XML entirely (e.g. to plant a DOCTYPE). */
  override?: Record<string, string>;
};

/** A minimal workbook as Excel writes it: content types, relationships, workbook, sheets. */
export function buildXlsx(fixture: WorkbookFixture): Buffer {
  const parts: Record<string, string> = {
    "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`,
    "_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  };
  const sheetRefs = fixture.sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"${s.state ? ` state="${s.state}"` : ""}/>`).join("");
  parts["xl/workbook.xml"] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook ${NS}>${fixture.date1904 ? '<workbookPr date1904="1"/>' : "<workbookPr/>"}<sheets>${sheetRefs}</sheets></workbook>`;
  const rels = fixture.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  rels.push(`<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`, `<Relationship Id="rIdT" Type="${REL}/styles" Target="/xl/styles.xml"/>`);
  parts["xl/_rels/workbook.xml.rels"] = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`;
  fixture.sheets.forEach((s, i) => {
    parts[`xl/worksheets/sheet${i + 1}.xml`] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}>\n  <sheetData>\n${s.sheetData}\n  </sheetData>\n</worksheet>`;
  });
  const si = fixture.sharedStringsXml ?? (fixture.sharedStrings ?? []).map((t) => `<si><t xml:space="preserve">${t}</t></si>`).join("");
  parts["xl/sharedStrings.xml"] = `<?xml version="1.0" encoding="UTF-8"?><sst ${NS}>${si}</sst>`;
  parts["xl/styles.xml"] = fixture.styles ?? `<?xml version="1.0" encoding="UTF-8"?><styleSheet ${NS}><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>`;
  Object.assign(parts, fixture.override ?? {});
  return buildZip(Object.entries(parts).map(([name, data]) => ({ name, data })));
}
