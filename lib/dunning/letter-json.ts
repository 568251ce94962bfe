import type { LetterData } from "./letter-text";

/** The letter as sent, with amounts kept exact (bigints tagged, not turned into floats). */
export function serializeLetter(letter: LetterData): string {
  return JSON.stringify(letter, (_k, v: unknown) => (typeof v === "bigint" ? { $cents: v.toString() } : v));
}

export function parseLetter(json: string): LetterData {
  return JSON.parse(json, (_k, v: unknown) => (v && typeof v === "object" && "$cents" in v && typeof v.$cents === "string" ? BigInt(v.$cents) : v)) as LetterData;
}
