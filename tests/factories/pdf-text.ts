import { inflateSync } from "node:zlib";

/**
 * The text a PDF made by pdf-lib draws, in drawing order: each Flate content stream inflated and
 * its hex strings shown with Tj decoded (the standard fonts' WinAnsi, read as Latin-1). Enough to
 * check what a letter or an export says; not a general PDF text extractor.
 */
export function drawnText(pdf: Uint8Array): string {
  const raw = Buffer.from(pdf).toString("latin1");
  const out: string[] = [];
  // Each stream's bytes are exactly its dictionary's /Length. (Reading up to "\nendstream" lost a
  // stream whose compressed bytes happened to end in a carriage return: a test failed about one
  // run in a few hundred, depending on the random names in the PDF.)
  for (const m of raw.matchAll(/\/Length (\d+)\b[^>]*>>\s*stream\r?\n/g)) {
    const start = m.index + m[0].length;
    try {
      const content = inflateSync(Buffer.from(raw.slice(start, start + Number(m[1])), "latin1")).toString("latin1");
      for (const h of content.matchAll(/<([0-9A-Fa-f]+)> Tj/g)) out.push(Buffer.from(h[1]!, "hex").toString("latin1"));
    } catch {
      // not a Flate stream (fonts, metadata)
    }
  }
  return out.join("\n");
}
