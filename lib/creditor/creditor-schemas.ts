import { z } from "zod";
import { msg, phoneField, textField, versionField } from "@/lib/validation/fields";
import { isValidBic, isValidIban, normaliseIban } from "./iban";
import { LOGO_MAX_BYTES } from "./logo";
import { MESSAGE_KINDS, MESSAGE_LANGUAGES } from "./message-templates";

/** The version the form was loaded with; 0 when nothing was saved yet. */
const formVersion = z.number().int().min(0);
const required = (max: number) => textField(max).min(1, msg("validation.required"));
const optional = (max: number) =>
  textField(max)
    .nullish()
    .transform((v) => (v ? v : null));
const compact = (v: string) => v.replace(/[\s.]+/g, "").toUpperCase();

/** base64 of at most 200 KB, with room for a file slightly over so the use case can say "too big". */
const MAX_LOGO_BASE64 = Math.ceil((LOGO_MAX_BYTES * 2) / 3) * 4;

export const SaveCreditorSettingsInput = z
  .object({
    version: formVersion,
    name: required(100),
    street: required(200),
    postalCode: required(20),
    city: required(100),
    country: z
      .string()
      .trim()
      .transform((v) => v.toUpperCase())
      .pipe(z.string().regex(/^[A-Z]{2}$/, msg("settings.creditor.errors.country"))),
    iban: z
      .string()
      .max(50, msg("settings.creditor.errors.iban"))
      .transform(normaliseIban)
      .refine((v) => v.length > 0, msg("validation.required"))
      .refine((v) => v.length === 0 || isValidIban(v), msg("settings.creditor.errors.iban")),
    bic: optional(20)
      .transform((v) => (v ? compact(v) : null))
      .refine((v) => v === null || isValidBic(v), msg("settings.creditor.errors.bic")),
    cocNumber: optional(20).refine((v) => v === null || /^[A-Za-z0-9 .-]{4,20}$/.test(v), msg("settings.creditor.errors.coc")),
    vatNumber: optional(20)
      .transform((v) => (v ? compact(v) : null))
      .refine((v) => v === null || /^[A-Z]{2}[A-Z0-9+*]{2,13}$/.test(v), msg("settings.creditor.errors.vat")),
    email: z.string().trim().max(200).pipe(z.email(msg("validation.email"))),
    phone: phoneField.transform((v) => (v ? v : null)).nullish().transform((v) => v ?? null),
    senderName: optional(100).refine((v) => v === null || !/[<>"]/.test(v), msg("validation.invalid")),
    senderAddress: z
      .string()
      .trim()
      .max(200)
      .nullish()
      .transform((v) => (v ? v : null))
      .pipe(z.email(msg("validation.email")).nullable()),
    /** absent: keep the logo; null: remove it; a file: replace it (checked by the use case) */
    logo: z
      .object({ type: z.string().max(100), base64: z.string().max(MAX_LOGO_BASE64, msg("settings.creditor.errors.logoSize")) })
      .strict()
      .nullish(),
  })
  .strict();
export type SaveCreditorSettingsInput = z.infer<typeof SaveCreditorSettingsInput>;

export const SaveMessageTemplateInput = z
  .object({
    kind: z.enum(MESSAGE_KINDS),
    language: z.enum(MESSAGE_LANGUAGES),
    version: formVersion,
    subject: required(200),
    opening: textField(2000),
    closing: textField(2000),
  })
  .strict();
export type SaveMessageTemplateInput = z.infer<typeof SaveMessageTemplateInput>;

/** Back to the built-in text. */
export const ResetMessageTemplateInput = z.object({ kind: z.enum(MESSAGE_KINDS), language: z.enum(MESSAGE_LANGUAGES), version: versionField }).strict();
export type ResetMessageTemplateInput = z.infer<typeof ResetMessageTemplateInput>;
