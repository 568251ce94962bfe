/**
 * The creditor's logo, printed at the top of the letters: PNG or JPEG (the two formats the PDF
 * writer embeds), at most 200 KB so every letter of a run stays small. The bytes must be what
 * the type says: a renamed file would break the printing of a whole run.
 */
export const LOGO_MAX_BYTES = 200 * 1024;
export const LOGO_TYPES = ["image/png", "image/jpeg"] as const;
export type LogoType = (typeof LOGO_TYPES)[number];
export type Logo = { bytes: Uint8Array; type: LogoType };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

export function isLogoType(type: string): type is LogoType {
  return (LOGO_TYPES as readonly string[]).includes(type);
}

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

/** What is wrong with an uploaded logo, or null. */
export function logoProblem(bytes: Uint8Array, type: string): "type" | "size" | "empty" | null {
  if (!isLogoType(type)) return "type";
  if (bytes.length === 0) return "empty";
  if (bytes.length > LOGO_MAX_BYTES) return "size";
  return startsWith(bytes, type === "image/png" ? PNG_SIGNATURE : JPEG_SIGNATURE) ? null : "type";
}

/** For an <img> on the settings screen. */
export function logoDataUrl(logo: Logo): string {
  return `data:${logo.type};base64,${Buffer.from(logo.bytes).toString("base64")}`;
}
