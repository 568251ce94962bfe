import { crc32, inflateRawSync } from "node:zlib";
import { problem, type ImportMessageKey, type Problem, type ProblemParams } from "./import-problem";
import { inEnglish } from "./import-problem-english";

/**
 * Just enough ZIP to open an uploaded workbook: the central directory, stored and deflated
 * entries. An upload is untrusted, so sizes are checked before anything is inflated (a few KB can
 * declare or hold gigabytes) and inflating stops at the declared size. ZIP64, encryption and
 * multi-disk archives are refused: Excel writes none of them for a sheet under 4 GB.
 */

export type ZipLimits = { maxTotalBytes: number; maxRatio: number; maxEntries: number };

export const ZIP_LIMITS: ZipLimits = { maxTotalBytes: 100 * 1024 * 1024, maxRatio: 200, maxEntries: 10_000 };

/** A workbook (or zip) this reader refuses, with the reason a person can act on. */
export class WorkbookRefusal extends Error {
  constructor(readonly problem: Problem) {
    super(inEnglish(problem));
  }
}

export function refuse(key: ImportMessageKey, params?: ProblemParams): WorkbookRefusal {
  return new WorkbookRefusal(problem(key, params));
}

/** What the archive is to the person who uploaded it: the reasons name it. */
export type ZipContainer = "workbook" | "zip";

type Entry = { name: string; method: number; crc: number; compressedSize: number; size: number; localOffset: number };

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MB = 1024 * 1024;

export class ZipArchive {
  private readonly entries = new Map<string, Entry>();
  private inflatedBytes = 0;

  private readonly container: Problem;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: ZipLimits = ZIP_LIMITS,
    container: ZipContainer = "workbook",
  ) {
    this.container = problem(container === "zip" ? "imports.container.zip" : "imports.container.workbook");
    const it = this.container;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const eocd = findEndOfDirectory(view);
    if (eocd < 0) throw refuse("imports.error.zipIncomplete");
    if (eocd >= 20 && view.getUint32(eocd - 20, true) === ZIP64_LOCATOR) throw zip64(it);
    const disk = view.getUint16(eocd + 4, true);
    const directoryDisk = view.getUint16(eocd + 6, true);
    const count = view.getUint16(eocd + 10, true);
    const directorySize = view.getUint32(eocd + 12, true);
    const directoryOffset = view.getUint32(eocd + 16, true);
    if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) throw zip64(it);
    if (disk !== 0 || directoryDisk !== 0) throw refuse("imports.error.zipSplit");
    if (directoryOffset + directorySize > eocd) throw refuse("imports.error.zipDirectory");
    if (count > limits.maxEntries) throw refuse("imports.error.zipEntries", { count: String(count), limit: String(limits.maxEntries) });

    let declared = 0;
    let p = directoryOffset;
    for (let k = 0; k < count; k++) {
      if (p + 46 > eocd || view.getUint32(p, true) !== CENTRAL) throw refuse("imports.error.zipBadEntry");
      const flags = view.getUint16(p + 8, true);
      const method = view.getUint16(p + 10, true);
      const crc = view.getUint32(p + 16, true);
      const compressedSize = view.getUint32(p + 20, true);
      const size = view.getUint32(p + 24, true);
      const nameLength = view.getUint16(p + 28, true);
      const extraLength = view.getUint16(p + 30, true);
      const commentLength = view.getUint16(p + 32, true);
      const localOffset = view.getUint32(p + 42, true);
      const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength));
      p += 46 + nameLength + extraLength + commentLength;

      if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) throw zip64(it);
      // Bit 0: traditional encryption; bit 6: strong encryption.
      if (flags & 0x41) throw refuse("imports.error.zipEncrypted", { container: it });
      if (method !== 0 && method !== 8) throw refuse("imports.error.zipMethod", { name, container: it, method: String(method) });
      declared += size;
      if (declared > limits.maxTotalBytes) throw refuse("imports.error.zipTooBig", { container: it, limit: limits.maxTotalBytes / MB });
      if (size > 0 && (compressedSize === 0 || size / compressedSize > limits.maxRatio)) {
        throw refuse("imports.error.zipRatio", { name, container: it, ratio: limits.maxRatio });
      }
      if (method === 0 && compressedSize !== size) throw refuse("imports.error.zipSizes", { name });
      this.entries.set(name, { name, method, crc, compressedSize, size, localOffset });
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  /** The entry's bytes, or null when the archive has no such entry. */
  read(name: string): Uint8Array | null {
    const entry = this.entries.get(name);
    if (!entry) return null;
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    const at = entry.localOffset;
    if (at + 30 > this.bytes.length || view.getUint32(at, true) !== LOCAL) throw refuse("imports.error.zipLocalHeader", { name });
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const end = start + entry.compressedSize;
    if (end > this.bytes.length) throw refuse("imports.error.zipPastEnd", { name });
    const data = this.bytes.subarray(start, end);

    let out: Uint8Array;
    if (entry.method === 0) out = data;
    else {
      try {
        // Inflating runs chunk by chunk and aborts as soon as the output passes the cap.
        out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
      } catch (e) {
        if (e instanceof RangeError) throw refuse("imports.error.zipOverDeclared", { name, container: this.container, size: String(entry.size) });
        throw refuse("imports.error.zipInflate", { name });
      }
    }
    if (out.length !== entry.size) throw refuse("imports.error.zipWrongSize", { name });
    if (crc32(out) >>> 0 !== entry.crc) throw refuse("imports.error.zipChecksum", { name });
    this.inflatedBytes += out.length;
    if (this.inflatedBytes > this.limits.maxTotalBytes) {
      throw refuse("imports.error.zipTooBig", { container: this.container, limit: this.limits.maxTotalBytes / MB });
    }
    return out;
  }
}

function zip64(container: Problem): WorkbookRefusal {
  return refuse("imports.error.zip64", { container });
}

/** The end-of-central-directory record sits in the last 22 bytes plus an optional comment. */
function findEndOfDirectory(view: DataView): number {
  const last = view.byteLength - 22;
  const first = Math.max(0, last - 0xffff);
  for (let p = last; p >= first; p--) {
    if (view.getUint32(p, true) === EOCD && p + 22 + view.getUint16(p + 20, true) <= view.byteLength) return p;
  }
  return -1;
}
