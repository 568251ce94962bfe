import { randomFillSync } from "node:crypto";

/**
 * Ids for the rows an import creates: UUIDs of version 7 (RFC 9562), time-ordered, with a counter
 * (method 1 of the RFC) so ids made one after the other ascend. Rows written in bulk then land at
 * the end of each id index instead of all over it, which makes the writes cheaper on both
 * databases. Each id is also one flat string: Node's randomUUID() builds its text from pieces,
 * and 200,000 of those held for a write cost ~50 MB instead of ~11 MB.
 */
export function newId(): string {
  // Made ahead in batches; a batch left over from a while ago is not used, its time being old.
  if (next >= ready.length || Date.now() - lastMs > 1_000) refill();
  return ready[next++]!;
}

const BATCH = 1_024;
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));
let ready: string[] = [];
let next = 0;
let lastMs = 0;
/** 42 bits, the high 12 in rand_a and the low 30 at the top of rand_b; from a random start at each new millisecond. */
let counter = 0;

function refill(): void {
  const ms = Date.now();
  const random = randomFillSync(Buffer.alloc(BATCH * 4 + 6));
  if (ms > lastMs) {
    lastMs = ms;
    // Started in the lower half of its range, so it cannot run over within a millisecond.
    counter = random.readUIntBE(BATCH * 4, 6) % 2 ** 41;
  }
  const text = Buffer.alloc(BATCH * 36);
  const bytes = new Uint8Array(16);
  bytes[0] = Math.floor(lastMs / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(lastMs / 2 ** 32) & 0xff;
  bytes[2] = (lastMs >>> 24) & 0xff;
  bytes[3] = (lastMs >>> 16) & 0xff;
  bytes[4] = (lastMs >>> 8) & 0xff;
  bytes[5] = lastMs & 0xff;
  for (let i = 0; i < BATCH; i++) {
    const c = counter++;
    const top = Math.floor(c / 2 ** 30);
    const low = c % 2 ** 30;
    bytes[6] = 0x70 | (top >>> 8);
    bytes[7] = top & 0xff;
    bytes[8] = 0x80 | (low >>> 24);
    bytes[9] = (low >>> 16) & 0xff;
    bytes[10] = (low >>> 8) & 0xff;
    bytes[11] = low & 0xff;
    for (let k = 0; k < 4; k++) bytes[12 + k] = random[i * 4 + k]!;
    let at = i * 36;
    for (let k = 0; k < 16; k++) {
      if (k === 4 || k === 6 || k === 8 || k === 10) text[at++] = 0x2d;
      const hex = HEX[bytes[k]!]!;
      text[at++] = hex.charCodeAt(0);
      text[at++] = hex.charCodeAt(1);
    }
  }
  ready = Array.from({ length: BATCH }, (_, i) => text.toString("latin1", i * 36, i * 36 + 36));
  next = 0;
}
