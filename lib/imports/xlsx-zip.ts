import { crc32, inflateRawSync } from "node:zlib";

/**
 * Just enough ZIP to open an uploaded workbook: the central directory, stored and deflated
 * entries. An upload is untrusted, so sizes are checked before anything is inflated (a few KB can
 * declare or hold gigabytes) and inflating stops at the declared size. ZIP64, encryption and
 * multi-disk archives are refused: Excel writes none of them for a sheet under 4 GB.
 */

export type ZipLimits = { maxTotalBytes: number; maxRatio: number; maxEntries: number };

export const ZIP_LIMITS: ZipLimits = { maxTotalBytes: 100 * 1024 * 1024, maxRatio: 200, maxEntries: 10_000 };

/** A workbook this reader refuses, with the reason a person can act on. */
export class WorkbookRefusal extends Error {}

type Entry = { name: string; method: number; crc: number; compressedSize: number; size: number; localOffset: number };

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MB = 1024 * 1024;

export class ZipArchive {
  private readonly entries = new Map<string, Entry>();
  private inflatedBytes = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: ZipLimits = ZIP_LIMITS,
  ) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const eocd = findEndOfDirectory(view);
    if (eocd < 0) throw new WorkbookRefusal("the file is not a complete ZIP archive (it may be truncated or damaged)");
    if (eocd >= 20 && view.getUint32(eocd - 20, true) === ZIP64_LOCATOR) throw zip64();
    const disk = view.getUint16(eocd + 4, true);
    const directoryDisk = view.getUint16(eocd + 6, true);
    const count = view.getUint16(eocd + 10, true);
    const directorySize = view.getUint32(eocd + 12, true);
    const directoryOffset = view.getUint32(eocd + 16, true);
    if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) throw zip64();
    if (disk !== 0 || directoryDisk !== 0) throw new WorkbookRefusal("split (multi-part) ZIP archives are not supported");
    if (directoryOffset + directorySize > eocd) throw new WorkbookRefusal("the ZIP archive is damaged (its directory lies outside the file)");
    if (count > limits.maxEntries) throw new WorkbookRefusal(`the ZIP archive has ${count} entries; a workbook has far fewer (limit ${limits.maxEntries})`);

    let declared = 0;
    let p = directoryOffset;
    for (let k = 0; k < count; k++) {
      if (p + 46 > eocd || view.getUint32(p, true) !== CENTRAL) throw new WorkbookRefusal("the ZIP archive is damaged (bad directory entry)");
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

      if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) throw zip64();
      // Bit 0: traditional encryption; bit 6: strong encryption.
      if (flags & 0x41) throw new WorkbookRefusal("the workbook is encrypted; save it without a password and upload it again");
      if (method !== 0 && method !== 8) throw new WorkbookRefusal(`"${name}" in the workbook uses an unsupported compression method (${method})`);
      declared += size;
      if (declared > limits.maxTotalBytes) throw new WorkbookRefusal(`the workbook unpacks to more than ${limits.maxTotalBytes / MB} MB; the limit is ${limits.maxTotalBytes / MB} MB`);
      if (size > 0 && (compressedSize === 0 || size / compressedSize > limits.maxRatio)) {
        throw new WorkbookRefusal(`"${name}" in the workbook is compressed more than ${limits.maxRatio} to 1, which a real workbook never is; the file is refused`);
      }
      if (method === 0 && compressedSize !== size) throw new WorkbookRefusal(`the ZIP archive is damaged ("${name}" has inconsistent sizes)`);
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
    if (at + 30 > this.bytes.length || view.getUint32(at, true) !== LOCAL) throw new WorkbookRefusal(`the ZIP archive is damaged (no local header for "${name}")`);
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const end = start + entry.compressedSize;
    if (end > this.bytes.length) throw new WorkbookRefusal(`the ZIP archive is damaged ("${name}" runs past the end of the file)`);
    const data = this.bytes.subarray(start, end);

    let out: Uint8Array;
    if (entry.method === 0) out = data;
    else {
      try {
        // Inflating runs chunk by chunk and aborts as soon as the output passes the cap.
        out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
      } catch (e) {
        if (e instanceof RangeError) throw new WorkbookRefusal(`"${name}" in the workbook unpacks to more than its declared ${entry.size} bytes; the file is refused`);
        throw new WorkbookRefusal(`the ZIP archive is damaged ("${name}" cannot be decompressed)`);
      }
    }
    if (out.length !== entry.size) throw new WorkbookRefusal(`the ZIP archive is damaged ("${name}" has the wrong size)`);
    if (crc32(out) >>> 0 !== entry.crc) throw new WorkbookRefusal(`the ZIP archive is damaged ("${name}" fails its checksum)`);
    this.inflatedBytes += out.length;
    if (this.inflatedBytes > this.limits.maxTotalBytes) {
      throw new WorkbookRefusal(`the workbook unpacks to more than ${this.limits.maxTotalBytes / MB} MB; the limit is ${this.limits.maxTotalBytes / MB} MB`);
    }
    return out;
  }
}

function zip64(): WorkbookRefusal {
  return new WorkbookRefusal("the workbook is a ZIP64 archive (over 4 GB or over 65,535 parts), which is not supported");
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
